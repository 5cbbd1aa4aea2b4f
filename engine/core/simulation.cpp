#include "engine/core/simulation.h"

#include <cassert>
#include <cmath>
#include <limits>
#include <sstream>

namespace engine {

namespace {

bool finiteNumber(Scalar v) {
    return std::isfinite(v);
}

}  // namespace

std::vector<std::string> PcConfig::validate() const {
    std::vector<std::string> problems;
    if (!finiteNumber(alpha) || alpha < 0.0)
        problems.push_back("alpha must be finite and >= 0");
    if (iterations < 1 || iterations > 1'000'000)
        problems.push_back("T (inference iterations) must be between 1 and 1000000");
    if (!finiteNumber(gamma0) || gamma0 <= 0.0)
        problems.push_back("gamma0 must be finite and > 0");
    if (!finiteNumber(discount) || discount <= 0.0 || discount > 1.0)
        problems.push_back("discount must be in (0, 1]");
    return problems;
}

std::vector<std::string> BpConfig::validate() const {
    std::vector<std::string> problems;
    if (!finiteNumber(alpha) || alpha < 0.0)
        problems.push_back("alpha must be finite and >= 0");
    return problems;
}

const char* phaseName(Phase p) {
    switch (p) {
        case Phase::Idle:
            return "idle";
        case Phase::Initialise:
            return "initialise";
        case Phase::Relax:
            return "relax";
        case Phase::Forward:
            return "forward";
        case Phase::Backward:
            return "backward";
        case Phase::Update:
            return "update";
    }
    return "idle";
}

Simulation::Simulation(const Network& net, const PcConfig& config)
    : m_rule(Rule::PC), m_pc(config), m_net(net) {
    assert(config.validate().empty());
    allocate();
}

Simulation::Simulation(const Network& net, const BpConfig& config)
    : m_rule(Rule::BP), m_bp(config), m_net(net) {
    assert(config.validate().empty());
    allocate();
}

void Simulation::setConfig(const PcConfig& config) {
    assert(m_rule == Rule::PC);
    assert(config.validate().empty());
    const int oldT = m_pc.iterations;
    m_pc = config;
    if (m_pc.iterations != oldT) {
        Matrix old = m_trace;
        m_trace.setZero(m_pc.iterations + 1, m_net.depth() + 1);
        const Index keep = std::min(old.rows(), m_trace.rows());
        m_trace.topRows(keep) = old.topRows(keep);
    }
}

void Simulation::setConfig(const BpConfig& config) {
    assert(m_rule == Rule::BP);
    assert(config.validate().empty());
    m_bp = config;
}

void Simulation::allocate() {
    const Index L = m_net.depth();
    const auto n = static_cast<size_t>(L + 1);
    m_layers.assign(n, LayerState{});
    m_dfx.assign(n, Matrix());
    m_dx.assign(n, Matrix());
    m_back.assign(n, Matrix());
    m_dW.assign(n, Matrix());
    m_db.assign(n, Vector());
    for (Index l = 1; l <= L; ++l) {
        m_dW[static_cast<size_t>(l)].setZero(m_net.size(l), m_net.size(l - 1));
        m_db[static_cast<size_t>(l)].setZero(m_net.size(l));
    }
    m_trace.setZero(iterations() + 1, L + 1);
}

std::vector<std::string> Simulation::setTrials(std::vector<Trial> trials) {
    std::vector<std::string> problems;
    if (trials.empty())
        problems.push_back("no trials given");
    for (size_t k = 0; k < trials.size(); ++k)
        for (const std::string& p : validateTrial(trials[k], m_net.spec()))
            problems.push_back("trial " + std::to_string(k + 1) + ": " + p);
    if (!problems.empty())
        return problems;
    m_trials = std::move(trials);
    m_provider = nullptr;
    m_providerMemory = {};
    m_protocol = Protocol{};
    m_hasProtocol = false;
    return problems;
}

void Simulation::setTrialProvider(TrialProvider provider, ProviderMemory memory) {
    m_provider = std::move(provider);
    m_providerMemory = std::move(memory);
    m_trials.clear();
    m_protocol = Protocol{};
    m_hasProtocol = false;
}

std::vector<std::string> Simulation::setProtocol(Protocol protocol) {
    std::vector<std::string> problems = protocol.validate(m_net.spec());
    if (!problems.empty())
        return problems;
    m_protocol = std::move(protocol);
    m_hasProtocol = true;
    m_trials.clear();
    m_provider = nullptr;
    m_providerMemory = {};
    return problems;
}

void Simulation::reset(const Network& net) {
    m_net = net;
    allocate();
    m_next = Next::Begin;
    m_phase = Phase::Idle;
    m_status = Status::Ok;
    m_problem.clear();
    m_trialsCompleted = 0;
    m_steps = 0;
    m_t = 0;
    m_gamma = 0.0;
    m_energy = 0.0;
    m_loss = 0.0;
}

void Simulation::fail(Status status, std::string problem) {
    m_status = status;
    m_problem = std::string(ruleName(m_rule)) + ", trial " + std::to_string(m_trialsCompleted + 1) +
                ": " + std::move(problem);
}

bool Simulation::stepIteration() {
    if (m_status != Status::Ok)
        return false;
    switch (m_next) {
        case Next::Begin:
            if (!beginTrial())
                return false;
            break;
        case Next::Iterate:
            pcIterate();
            break;
        case Next::Backward:
            bpBackward();
            break;
        case Next::Update:
            bpUpdate();
            break;
    }
    ++m_steps;
    return checkFinite();
}

bool Simulation::stepPhase() {
    if (m_status != Status::Ok)
        return false;
    // PC's relaxation phase is every iteration but the last, which is the update.
    if (m_rule == Rule::PC && m_next == Next::Iterate && m_t < iterations() - 1) {
        while (m_t < iterations() - 1)
            if (!stepIteration())
                return false;
        return true;
    }
    return stepIteration();
}

bool Simulation::stepTrial() {
    if (!stepIteration())
        return false;
    while (!betweenTrials())
        if (!stepIteration())
            return false;
    return true;
}

bool Simulation::stepTrials(std::int64_t n) {
    for (std::int64_t k = 0; k < n; ++k)
        if (!stepTrial())
            return false;
    return true;
}

bool Simulation::beginTrial() {
    const Trial* trial = nullptr;
    if (m_hasProtocol) {
        trial = m_protocol.trial(m_trialsCompleted);
        if (!trial)
            return false;  // the protocol is over: nothing more to do, not an error
    } else if (m_provider) {
        m_provider(m_trialsCompleted, m_net, m_providerTrial);
        const std::vector<std::string> problems = validateTrial(m_providerTrial, m_net.spec());
        if (!problems.empty()) {
            fail(Status::BadTrial, problems.front());
            return false;
        }
        trial = &m_providerTrial;
    } else if (!m_trials.empty()) {
        trial = &m_trials[static_cast<size_t>(m_trialsCompleted %
                                              static_cast<std::int64_t>(m_trials.size()))];
    } else {
        return false;  // nothing to learn from: not an error, just nothing to do
    }

    loadTrial(*trial);
    feedForward();
    const Index L = m_net.depth();
    m_t = 0;
    m_trace.row(0).setZero();
    m_trace(0, 0) = m_energy;
    m_trace(0, L) = m_layers[static_cast<size_t>(L)].energy;
    if (m_rule == Rule::PC) {
        m_gamma = m_pc.gamma0;
        m_energyPrev = std::numeric_limits<Scalar>::infinity();
        m_phase = Phase::Initialise;
        m_next = Next::Iterate;
    } else {
        m_phase = Phase::Forward;
        m_next = Next::Backward;
    }
    return true;
}

void Simulation::loadTrial(const Trial& trial) {
    // Copy into fixed buffers (no allocation while the batch size stays the same).
    m_input = trial.input;
    m_masked = trial.mask.size() != 0;
    if (m_masked) {
        m_mask = trial.mask;
        // A masked target is never used; zero it so that NaN placeholders cannot leak in.
        m_target = (trial.mask.array() == 0.0).select(0.0, trial.target);
    } else {
        m_target = trial.target;
        m_mask.setOnes(m_target.rows(), m_target.cols());
    }
}

void Simulation::feedForward() {
    // Feed-forward pass: x^l := mu^l = W^l f(x^{l-1}) + b^l, so every hidden error is zero.
    const Index L = m_net.depth();
    m_layers[0].x = m_input;
    m_layers[0].fx = m_input;  // f(x^0) := x^0
    for (Index l = 1; l <= L; ++l) {
        LayerState& s = m_layers[static_cast<size_t>(l)];
        const LayerState& prev = m_layers[static_cast<size_t>(l - 1)];
        if (l > 1)
            applyActivation(m_net.activation(l - 1), prev.x,
                            m_layers[static_cast<size_t>(l - 1)].fx);
        s.mu.noalias() = m_net.weight(l) * m_layers[static_cast<size_t>(l - 1)].fx;
        if (m_net.hasBias(l))
            s.mu.colwise() += m_net.bias(l);
        s.x = s.mu;
        s.eps.setZero(s.mu.rows(), s.mu.cols());
        s.energy = 0.0;
        if (m_rule == Rule::BP)
            s.delta.setZero(s.mu.rows(), s.mu.cols());
    }
    // Output error eps^L = mask (.) (y - mu^L); PC clamps the supervised outputs to the target.
    LayerState& out = m_layers[static_cast<size_t>(L)];
    out.eps = m_mask.cwiseProduct(m_target - out.mu);
    if (m_rule == Rule::PC)
        out.x = out.mu + out.eps;
    out.energy = 0.5 * out.eps.squaredNorm();
    m_loss = out.energy;
    m_prediction = out.mu;
    m_energy = out.energy;
    applyActivation(m_net.activation(L), out.x, out.fx);
}

Scalar Simulation::computeErrors() {
    // mu^l = W^l f(x^{l-1}) + b^l; eps^l = x^l - mu^l (hidden), eps^L = mask (.) (y - mu^L);
    // F = sum_l 1/2 ||eps^l||^2.
    const Index L = m_net.depth();
    Scalar total = 0.0;
    for (Index l = 1; l <= L; ++l) {
        LayerState& s = m_layers[static_cast<size_t>(l)];
        LayerState& prev = m_layers[static_cast<size_t>(l - 1)];
        if (l > 1)
            applyActivation(m_net.activation(l - 1), prev.x, prev.fx);
        s.mu.noalias() = m_net.weight(l) * prev.fx;
        if (m_net.hasBias(l))
            s.mu.colwise() += m_net.bias(l);
        if (l < L) {
            s.eps = s.x - s.mu;
        } else {
            s.eps = m_target - s.mu;
            if (m_masked)
                s.eps.array() *= m_mask.array();
            s.x = s.mu + s.eps;
            s.fx = s.x;
        }
        s.energy = 0.5 * s.eps.squaredNorm();
        total += s.energy;
    }
    return total;
}

void Simulation::pcIterate() {
    const Index L = m_net.depth();
    const int t = m_t;
    const bool last = t >= iterations() - 1;
    const Scalar F = m_energy;  // energy at the current state, computed by the previous micro-step

    // dx^l = -eps^l + f'(x^l) (.) W^{l+1 T} eps^{l+1}, l = 1..L-1, all from the same state.
    for (Index l = 1; l < L; ++l) {
        const auto k = static_cast<size_t>(l);
        m_back[k].noalias() = m_net.weight(l + 1).transpose() * m_layers[k + 1].eps;
        if (m_net.activation(l) == Activation::Identity) {
            m_dx[k] = m_back[k] - m_layers[k].eps;
        } else {
            applyDerivative(m_net.activation(l), m_layers[k].x, m_dfx[k]);
            m_dx[k] = m_dfx[k].cwiseProduct(m_back[k]) - m_layers[k].eps;
        }
    }
    // Plasticity at the last iteration, from this same state (before x moves):
    // dW^l = alpha eps^l f(x^{l-1})^T, db^l = alpha sum_batch eps^l.
    if (last)
        computeUpdate(false);
    // x^l += gamma dx^l.
    for (Index l = 1; l < L; ++l) {
        const auto k = static_cast<size_t>(l);
        m_layers[k].x.noalias() += m_gamma * m_dx[k];
    }
    // Adaptive step: shrink gamma whenever the energy did not decrease.
    if (t >= 1 && !(F < m_energyPrev))
        m_gamma *= m_pc.discount;
    m_energyPrev = F;
    if (last)
        applyUpdate();
    ++m_t;
    // Errors at the new state, so that the state a snapshot shows is self-consistent (and the
    // next iteration starts from them).
    m_energy = computeErrors();
    if (m_t < m_trace.rows()) {
        m_trace(m_t, 0) = m_energy;
        for (Index l = 1; l <= L; ++l)
            m_trace(m_t, l) = m_layers[static_cast<size_t>(l)].energy;
    }
    if (last) {
        m_phase = Phase::Update;
        m_next = Next::Begin;
        ++m_trialsCompleted;
    } else {
        m_phase = Phase::Relax;
    }
}

void Simulation::bpBackward() {
    computeDeltas();
    m_phase = Phase::Backward;
    m_next = Next::Update;
}

void Simulation::computeDeltas() {
    // delta^L = mask (.) (y - mu^L); delta^l = f'(x^l) (.) W^{l+1 T} delta^{l+1}.
    const Index L = m_net.depth();
    m_layers[static_cast<size_t>(L)].delta = m_layers[static_cast<size_t>(L)].eps;
    for (Index l = L - 1; l >= 1; --l) {
        const auto k = static_cast<size_t>(l);
        m_back[k].noalias() = m_net.weight(l + 1).transpose() * m_layers[k + 1].delta;
        applyDerivative(m_net.activation(l), m_layers[k].x, m_dfx[k]);
        m_layers[k].delta = m_dfx[k].cwiseProduct(m_back[k]);
    }
}

void Simulation::bpUpdate() {
    computeUpdate(true);
    applyUpdate();
    m_phase = Phase::Update;
    m_next = Next::Begin;
    ++m_trialsCompleted;
}

void Simulation::computeUpdate(bool fromDelta) {
    // dW^l = alpha_l e^l f(x^{l-1})^T and db^l = alpha_l sum_batch e^l, with e = eps (PC, local
    // errors) or delta (BP, backpropagated errors). Absent synapses and fixed layers get zero.
    const Index L = m_net.depth();
    for (Index l = 1; l <= L; ++l) {
        const auto k = static_cast<size_t>(l);
        if (!m_net.trainable(l)) {
            m_dW[k].setZero();
            m_db[k].setZero();
            continue;
        }
        const Matrix& post = fromDelta ? m_layers[k].delta : m_layers[k].eps;
        const Scalar rate = m_net.learningRate(l, alpha());
        if (m_net.hasSynapseRates(l)) {
            // Per-synapse rates: dW(i, j) = alpha_ij e_i f(x_j).
            m_dW[k].noalias() = post * m_layers[k - 1].fx.transpose();
            m_dW[k].array() *= m_net.spec().weight(l).learningRates.array();
        } else {
            m_dW[k].noalias() = rate * post * m_layers[k - 1].fx.transpose();
        }
        if (m_net.hasMask(l))
            m_dW[k].array() *= m_net.spec().weight(l).mask.array();
        if (m_net.hasBias(l))
            m_db[k].noalias() = rate * post.rowwise().sum();
        else
            m_db[k].setZero();
    }
}

void Simulation::applyUpdate() {
    for (Index l = 1; l <= m_net.depth(); ++l) {
        if (!m_net.trainable(l))
            continue;
        m_net.addToWeight(l, m_dW[static_cast<size_t>(l)]);
        if (m_net.hasBias(l))
            m_net.addToBias(l, m_db[static_cast<size_t>(l)]);
    }
}

bool Simulation::checkFinite() {
    // The energy sums every error, so one check catches a non-finite value node or prediction;
    // the weights are checked after they change.
    const bool energyOk = finiteNumber(m_energy) && finiteNumber(m_loss);
    const bool weightsOk = m_phase != Phase::Update || m_net.allFinite();
    if (energyOk && weightsOk)
        return true;

    const Index L = m_net.depth();
    std::string what;
    auto firstBad = [](const Matrix& m, Index& row, Index& col) {
        for (Index j = 0; j < m.cols(); ++j)
            for (Index i = 0; i < m.rows(); ++i)
                if (!std::isfinite(m(i, j))) {
                    row = i;
                    col = j;
                    return true;
                }
        return false;
    };
    Index i = 0, j = 0;
    for (Index l = 1; l <= L && what.empty(); ++l) {
        const Matrix& w = m_net.weight(l);
        if (firstBad(w, i, j))
            what = "weight W" + std::to_string(l) + "[" + std::to_string(i) + "," +
                   std::to_string(j) + "] (from neuron " + std::to_string(j) + " of layer " +
                   std::to_string(l - 1) + " to neuron " + std::to_string(i) + " of layer " +
                   std::to_string(l) + ")";
        else if (firstBad(m_net.bias(l), i, j))
            what = "bias b" + std::to_string(l) + "[" + std::to_string(i) + "]";
    }
    const char* names[] = {"value node x", "prediction mu", "error eps"};
    for (Index l = 1; l <= L && what.empty(); ++l) {
        const LayerState& s = m_layers[static_cast<size_t>(l)];
        const Matrix* parts[] = {&s.x, &s.mu, &s.eps};
        for (int p = 0; p < 3 && what.empty(); ++p)
            if (firstBad(*parts[p], i, j))
                what = std::string(names[p]) + " of layer " + std::to_string(l) + ", neuron " +
                       std::to_string(i) + ", sample " + std::to_string(j);
    }
    // Every value finite but a squared error overflowed: name the layer and its largest error.
    for (Index l = 1; l <= L && what.empty(); ++l) {
        const LayerState& s = m_layers[static_cast<size_t>(l)];
        if (std::isfinite(s.energy))
            continue;
        s.eps.cwiseAbs().maxCoeff(&i, &j);
        std::ostringstream size;
        size << std::abs(s.eps(i, j));
        what = "the energy of layer " + std::to_string(l) + " (error " + size.str() +
               " at neuron " + std::to_string(i) + ", sample " + std::to_string(j) + ")";
    }
    if (what.empty())
        what = "the energy";
    std::string where = std::string("in phase ") + phaseName(m_phase);
    if (m_rule == Rule::PC && m_phase != Phase::Initialise)
        where += ", iteration " + std::to_string(m_t) + "/" + std::to_string(iterations());
    // The update finished the trial; name the trial it belonged to.
    if (m_next == Next::Begin && m_trialsCompleted > 0)
        --m_trialsCompleted;
    fail(Status::Diverged, what + " is no longer finite (" + where + ")");
    return false;
}

}  // namespace engine
