// Simulation's snapshots (simulation.h): the complete state copied out after a micro-step, and
// put back so that stepping on gives bit for bit what stepping on from the original gave. Kept
// apart from the stepping code in simulation.cpp.

#include <algorithm>

#include "engine/core/simulation.h"

namespace engine {

const Trial* Simulation::listedTrial() const {
    if (m_hasProtocol)
        return m_protocol.trial(m_trialsCompleted);
    if (m_provider || m_trials.empty())
        return nullptr;
    return &m_trials[static_cast<size_t>(m_trialsCompleted %
                                         static_cast<std::int64_t>(m_trials.size()))];
}

void Simulation::previewNextTrial(Snapshot& s) const {
    const Trial* trial = listedTrial();
    if (!trial || trial->input.rows() != m_net.size(0))
        return;
    // The pass beginTrial() makes: x^l = mu^l = W^l f(x^{l-1}) + b^l (Network::forward).
    const std::vector<Matrix> x = m_net.forward(trial->input);
    const Index L = m_net.depth();
    s.input = trial->input;
    if (trial->mask.size() != 0) {
        s.mask = trial->mask;
        s.target = (trial->mask.array() == 0.0).select(0.0, trial->target);
    } else {
        s.target = trial->target;
        s.mask.setOnes(trial->target.rows(), trial->target.cols());
    }
    for (Index l = 0; l <= L; ++l) {
        LayerState& layer = s.layers[static_cast<size_t>(l)];
        layer.x = x[static_cast<size_t>(l)];
        layer.mu = layer.x;
        layer.eps.setZero(layer.x.rows(), layer.x.cols());
        layer.delta = m_rule == Rule::BP ? layer.eps : Matrix();
        layer.energy = 0.0;
        if (l == 0 || l == L)
            layer.fx = layer.x;  // f(x^0) := x^0; the output is read as it is
        else
            applyActivation(m_net.activation(l), layer.x, layer.fx);
    }
    LayerState& out = s.layers[static_cast<size_t>(L)];
    out.eps = s.mask.cwiseProduct(s.target - out.mu);
    out.energy = 0.5 * out.eps.squaredNorm();
    applyActivation(m_net.activation(L), out.x, out.fx);
    s.loss = out.energy;
    s.energy = out.energy;
    s.prediction = out.mu;
}

std::shared_ptr<const Snapshot> Simulation::snapshot() const {
    auto s = std::make_shared<Snapshot>();
    s->rule = m_rule;
    s->phase = m_phase;
    s->status = m_status;
    s->problem = m_problem;
    s->trialComplete = betweenTrials();
    s->trial = betweenTrials() ? m_trialsCompleted : m_trialsCompleted + 1;
    s->iteration = m_t;
    s->iterations = iterations();
    s->step = m_steps;
    s->stepSize = m_rule == Rule::PC ? m_gamma : 0.0;
    s->loss = m_loss;
    s->energy = m_energy;
    s->layers = m_layers;
    s->input = m_input;
    s->target = m_target;
    s->mask = m_mask;
    const Index L = m_net.depth();
    s->weights.resize(static_cast<size_t>(L + 1));
    s->biases.resize(static_cast<size_t>(L + 1));
    for (Index l = 1; l <= L; ++l) {
        s->weights[static_cast<size_t>(l)] = m_net.weight(l);
        s->biases[static_cast<size_t>(l)] = m_net.bias(l);
    }
    s->weightChange = m_dW;
    s->biasChange = m_db;
    const Index rows = m_rule == Rule::PC ? std::min<Index>(m_t + 1, m_trace.rows()) : 1;
    s->energyTrace = m_phase == Phase::Idle ? Matrix() : Matrix(m_trace.topRows(rows));
    s->prediction = m_prediction;
    s->previousEnergy = m_energyPrev;
    if (m_provider && m_providerMemory.save)
        s->providerState = m_providerMemory.save();
    if (m_phase == Phase::Idle && m_status == Status::Ok)
        previewNextTrial(*s);
    return s;
}

bool Simulation::restore(const Snapshot& s) {
    const Index L = m_net.depth();
    if (s.rule != m_rule || s.weights.size() != static_cast<size_t>(L + 1) ||
        s.layers.size() != static_cast<size_t>(L + 1))
        return false;
    for (Index l = 1; l <= L; ++l) {
        const Matrix& w = s.weights[static_cast<size_t>(l)];
        if (w.rows() != m_net.size(l) || w.cols() != m_net.size(l - 1))
            return false;
    }
    for (Index l = 1; l <= L; ++l) {
        m_net.setWeight(l, s.weights[static_cast<size_t>(l)]);
        m_net.setBias(l, s.biases[static_cast<size_t>(l)]);
    }
    m_layers = s.layers;
    m_input = s.input;
    m_target = s.target;
    m_mask = s.mask;
    m_masked = m_mask.size() != 0;
    m_dW = s.weightChange;
    m_db = s.biasChange;
    m_prediction = s.prediction;
    m_phase = s.phase;
    m_status = s.status;
    m_problem = s.problem;
    m_steps = s.step;
    m_t = s.iteration;
    m_gamma = m_rule == Rule::PC ? s.stepSize : 0.0;
    m_energy = s.energy;
    m_energyPrev = s.previousEnergy;
    m_loss = s.loss;
    m_trialsCompleted = s.trialComplete ? s.trial : s.trial - 1;
    if (m_provider && m_providerMemory.load && s.providerState)
        m_providerMemory.load(s.providerState.get());
    if (s.trialComplete || s.phase == Phase::Idle)
        m_next = Next::Begin;
    else if (m_rule == Rule::PC)
        m_next = Next::Iterate;
    else
        m_next = s.phase == Phase::Forward ? Next::Backward : Next::Update;
    m_trace.setZero(iterations() + 1, L + 1);
    const Index rows = std::min(s.energyTrace.rows(), m_trace.rows());
    if (rows > 0 && s.energyTrace.cols() == m_trace.cols())
        m_trace.topRows(rows) = s.energyTrace.topRows(rows);
    return true;
}

}  // namespace engine
