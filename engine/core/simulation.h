#pragma once

#include <cassert>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/network.h"
#include "engine/core/protocol.h"
#include "engine/core/trial.h"
#include "engine/core/types.h"

namespace engine {

/// Hyper-parameters of prospective configuration (predictive coding inference + learning).
struct PcConfig {
    Scalar alpha = 0.1;     ///< Learning rate of the weights (per-matrix rates override it).
    int iterations = 128;   ///< T: inference iterations per trial; weights change at the last one.
    Scalar gamma0 = 0.1;    ///< Initial inference step size, reset every trial.
    Scalar discount = 0.5;  ///< gamma *= discount whenever the energy did not decrease; 1 = off.

    /// Every problem, one sentence each; empty when valid.
    std::vector<std::string> validate() const;
};

/// Hyper-parameters of backpropagation (plain SGD on 1/2 ||y - mu^L||^2).
struct BpConfig {
    Scalar alpha = 0.1;  ///< Learning rate (per-matrix rates override it).

    /// Every problem, one sentence each; empty when valid.
    std::vector<std::string> validate() const;
};

/// What the last micro-step computed.
enum class Phase {
    Idle,        ///< Nothing yet (fresh or reset simulation).
    Initialise,  ///< PC: value nodes set by a feed-forward pass, output clamped to the target.
    Relax,       ///< PC: one inference iteration (value nodes moved down the energy gradient).
    Forward,     ///< BP: feed-forward pass.
    Backward,    ///< BP: errors propagated back (delta).
    Update,      ///< Both: weights changed (PC: at its last inference iteration).
};

/// Lower-case name of a phase ("relax", "update", ...).
const char* phaseName(Phase p);

/// Health of a simulation. Anything but Ok stops it until reset.
enum class Status { Ok, Diverged, BadTrial };

/// State of one layer l. Shapes (n_l x B).
/// PC: x = value nodes (pre-activations; input: the input; output: the target where supervised,
///     else mu), mu = prediction W^l f(x^{l-1}) + b^l, eps = x - mu (eps^L = mask (.) (y - mu^L)),
///     fx = f(x), energy E_l = 1/2 ||eps||^2. delta is empty.
/// BP: x = mu = feed-forward pre-activations, eps = 0 except eps^L = mask (.) (y - mu^L),
///     delta = backpropagated error (after the backward phase; delta^L = eps^L),
///     energy = 1/2 ||eps||^2 (so E_L is the loss).
struct LayerState {
    Matrix x, mu, eps, delta, fx;
    Scalar energy = 0.0;
};

/// An immutable copy of a simulation's complete state after a micro-step.
/// Before the first trial (phase Idle, trial 0) it previews the first trial instead of showing
/// nothing: layers, input, target, mask, loss, energy and prediction hold that trial's
/// feed-forward pass (x = mu everywhere, outputs not pinned; eps and delta zero but for
/// eps^L = mask (.) (y - mu^L)), so the network can be introduced before it runs. Trials from a
/// provider are not previewed (asking for one could change the provider's state).
struct Snapshot {
    Rule rule = Rule::PC;
    Phase phase = Phase::Idle;
    Status status = Status::Ok;
    std::string problem;        ///< Why the status is not Ok, naming the first bad quantity.
    std::int64_t trial = 0;     ///< 1-based number of the trial in progress or just finished.
    bool trialComplete = true;  ///< The trial's weight update has happened (or none started).
    int iteration = 0;          ///< PC: inference iterations done in this trial (0..T).
    int iterations = 1;         ///< PC: T. BP: 1.
    std::int64_t step = 0;      ///< Micro-steps since the start.
    Scalar stepSize = 0.0;      ///< PC: current gamma. BP: 0.
    Scalar loss = 0.0;    ///< 1/2 ||mask (.) (y - mu^L)||^2 of this trial's feed-forward pass.
    Scalar energy = 0.0;  ///< PC: F = sum_l E_l at the current state. BP: the loss.
    std::vector<LayerState> layers;    ///< Index 0..L.
    Matrix input, target, mask;        ///< The current trial (mask all ones when unmasked).
    std::vector<Matrix> weights;       ///< W^l, index 1..L (0 empty).
    std::vector<Vector> biases;        ///< b^l, index 1..L.
    std::vector<Matrix> weightChange;  ///< Last update's dW^l (zero before the first).
    std::vector<Vector> biasChange;    ///< Last update's db^l.
    /// Energy of this trial per inference iteration: row k = after k iterations, column 0 = F,
    /// column l = E_l. PC only; BP has one row, the forward pass.
    Matrix energyTrace;
    /// Feed-forward prediction mu^L at the start of this trial, before any learning (n_L x B).
    Matrix prediction;
    /// PC: the energy of the previous inference iteration (used by the step-size rule).
    Scalar previousEnergy = 0.0;
    /// The trial provider's own state (ProviderMemory), or null.
    std::shared_ptr<const void> providerState;
};

/// Fills `out` with trial number `index` (0-based); may look at the network (closed-loop tasks).
using TrialProvider = std::function<void(std::int64_t index, const Network& net, Trial& out)>;

/// How a trial provider with a state of its own (a closed-loop task) puts that state into each
/// snapshot and takes it back on restore, so it need not keep every trial to be rewound.
struct ProviderMemory {
    std::function<std::shared_ptr<const void>()> save;  ///< The state now.
    std::function<void(const void* state)> load;        ///< Back to a state save() gave (not null).
};

/// One learning rule running on one network, advanced in micro-steps.
/// PC micro-steps per trial: initialise, then T inference iterations, the last of which updates
/// the weights (phase Update). BP micro-steps per trial: forward, backward, update.
/// Steps never throw; a non-finite value or a bad trial sets the status and stops the run.
class Simulation {
public:
    /// A PC simulation on a copy of `net`.
    Simulation(const Network& net, const PcConfig& config);
    /// A BP simulation on a copy of `net`.
    Simulation(const Network& net, const BpConfig& config);

    /// The learning rule.
    Rule rule() const { return m_rule; }
    /// The network in its current state.
    const Network& network() const { return m_net; }
    /// PC's settings; a PC simulation only.
    const PcConfig& pcConfig() const {
        assert(m_rule == Rule::PC);
        return m_pc;
    }
    /// BP's settings; a BP simulation only.
    const BpConfig& bpConfig() const {
        assert(m_rule == Rule::BP);
        return m_bp;
    }
    /// The rule's learning rate alpha.
    Scalar alpha() const { return m_rule == Rule::PC ? m_pc.alpha : m_bp.alpha; }
    /// Micro-steps of inference per trial: PC's T; 1 for BP.
    int iterations() const { return m_rule == Rule::PC ? m_pc.iterations : 1; }
    /// Changes PC's hyper-parameters from the next micro-step; a PC simulation only. Must be
    /// valid.
    void setConfig(const PcConfig& config);
    /// Changes BP's learning rate from the next micro-step; a BP simulation only. Must be valid.
    void setConfig(const BpConfig& config);
    /// Changes W^l's own learning rate (std::nullopt = alpha) from the next micro-step.
    void setLearningRate(Index l, std::optional<Scalar> rate) { m_net.setLearningRate(l, rate); }

    /// Trials to cycle through (trial k uses trials[k mod size]). Returns the problems instead of
    /// taking them when any trial does not fit the network.
    std::vector<std::string> setTrials(std::vector<Trial> trials);
    /// A function that produces each trial (checked as it arrives), and how snapshots keep its
    /// state (none: a provider without state, or one that rewinds itself).
    void setTrialProvider(TrialProvider provider, ProviderMemory memory = {});
    /// A protocol (phases of trial lists) to run once; the simulation stops (steps return false,
    /// status stays Ok) after its last trial. Returns the problems instead of taking it when it
    /// does not fit the network.
    std::vector<std::string> setProtocol(Protocol protocol);
    /// The protocol being run, or nullptr when the trials come from a list or a provider.
    const Protocol* protocol() const { return m_hasProtocol ? &m_protocol : nullptr; }
    /// True when a protocol is being run and all its trials are done.
    bool protocolFinished() const {
        return m_hasProtocol && m_next == Next::Begin &&
               m_trialsCompleted >= m_protocol.trialCount();
    }

    /// One micro-step. False (and nothing done) when the status is not Ok or there is no trial.
    bool stepIteration();
    /// To the end of the current phase (PC: initialise / all relaxation iterations / update).
    bool stepPhase();
    /// To the end of the current trial, or one whole trial when between trials.
    bool stepTrial();
    /// stepTrial() n times. Stops early (false) when the status is not Ok or when there is no
    /// next trial: a protocol's last trial is done (the status stays Ok, protocolFinished()).
    bool stepTrials(std::int64_t n);

    /// What the last micro-step computed (Idle before the first).
    Phase phase() const { return m_phase; }
    /// True when no trial is in progress (the next micro-step starts a new one).
    bool betweenTrials() const { return m_next == Next::Begin; }
    /// Number of finished trials.
    std::int64_t trialsCompleted() const { return m_trialsCompleted; }
    /// Ok, or why the run stopped.
    Status status() const { return m_status; }
    /// The reason for a status other than Ok.
    const std::string& problem() const { return m_problem; }
    /// Loss of the current trial's feed-forward pass (before its update).
    Scalar loss() const { return m_loss; }
    /// PC: current energy F. BP: the loss.
    Scalar energy() const { return m_energy; }
    /// x^l of layer l, n_l x B: PC's value nodes; BP's feed-forward pre-activations mu^l (not
    /// f(mu^l)). Layer 0 is the input in both.
    const Matrix& activity(Index l) const { return m_layers[static_cast<size_t>(l)].x; }
    /// Micro-steps since the start.
    std::int64_t stepCount() const { return m_steps; }
    /// Feed-forward prediction mu^L at the start of the current (or last) trial.
    const Matrix& prediction() const { return m_prediction; }
    /// The current (or last) trial's input.
    const Matrix& input() const { return m_input; }
    /// The current (or last) trial's target (masked entries zero).
    const Matrix& target() const { return m_target; }
    /// The current (or last) trial's target mask (all ones when the trial has none).
    const Matrix& targetMask() const { return m_mask; }

    /// Live edit: sets W^l[post, pre] of the running network at once. A trial in progress is
    /// re-evaluated (see setTrialNow()). False (nothing changed) when there is no such synapse,
    /// it is absent (masked) or the value is not finite.
    bool setWeightNow(Index l, Index post, Index pre, Scalar value);
    /// Live edit: the trial in progress now has this input, target and mask (they must fit the
    /// network). Its feed-forward prediction and loss are computed again; BP's pass (and its
    /// deltas, once computed) follows the new values; PC's relaxed hidden value nodes stay where
    /// they are, its output is clamped to the new target and its errors and energy are
    /// recomputed, so relaxation continues from there. False (nothing changed) when no trial is
    /// in progress or the trial does not fit.
    bool setTrialNow(const Trial& trial);

    /// Back to `net` with no trial in progress, trial counter zero and status Ok.
    void reset(const Network& net);
    /// A full copy of the current state.
    std::shared_ptr<const Snapshot> snapshot() const;
    /// Continues from a snapshot this simulation (or one of the same rule and network shape)
    /// took: weights, value nodes, trial, counters and step size. Stepping on from here gives
    /// bit-for-bit what stepping on from the original state gave (for trial lists; a trial
    /// provider is asked again from the restored trial number). False if it does not fit.
    bool restore(const Snapshot& snapshot);

private:
    enum class Next { Begin, Iterate, Backward, Update };

    void allocate();
    /// The next trial of a list or protocol without asking a provider; null when there is none.
    const Trial* listedTrial() const;
    /// Fills the layers, trial, loss and energy of an Idle snapshot with the next trial's
    /// feed-forward pass (simulationsnapshot.cpp).
    void previewNextTrial(Snapshot& s) const;
    bool beginTrial();
    /// Copies a trial into the current trial's buffers.
    void loadTrial(const Trial& trial);
    /// Feed-forward pass of the current trial: every x^l := mu^l, output error, loss, prediction.
    void feedForward();
    /// BP: delta^l backpropagated from eps^L.
    void computeDeltas();
    /// After a live edit: the trial in progress recomputed from its (edited) input, target and
    /// weights (simulationedit.cpp).
    void reevaluate();
    void pcIterate();
    void bpBackward();
    void bpUpdate();
    Scalar computeErrors();
    void computeUpdate(bool fromDelta);
    void applyUpdate();
    bool checkFinite();
    void fail(Status status, std::string problem);

    Rule m_rule;
    PcConfig m_pc;  // PC's settings (unused by BP)
    BpConfig m_bp;  // BP's settings (unused by PC)
    Network m_net;
    std::vector<Trial> m_trials;
    TrialProvider m_provider;
    ProviderMemory m_providerMemory;
    Trial m_providerTrial;
    Protocol m_protocol;
    bool m_hasProtocol = false;

    // Current trial, copied into fixed buffers so stepping does not allocate.
    Matrix m_input, m_target, m_mask;
    bool m_masked = false;

    std::vector<LayerState> m_layers;  // 0..L
    std::vector<Matrix> m_dfx;         // f'(x^l), hidden layers
    std::vector<Matrix> m_dx;          // relaxation direction, hidden layers
    std::vector<Matrix> m_back;        // W^{l+1 T} eps^{l+1}
    std::vector<Matrix> m_dW;          // last weight change
    std::vector<Vector> m_db;          // last bias change
    Matrix m_trace;                    // (T+1) x (L+1)
    Matrix m_prediction;               // mu^L of the trial's feed-forward pass

    Next m_next = Next::Begin;
    Phase m_phase = Phase::Idle;
    Status m_status = Status::Ok;
    std::string m_problem;
    std::int64_t m_trialsCompleted = 0;
    std::int64_t m_steps = 0;
    int m_t = 0;  // inference iterations done in this trial
    Scalar m_gamma = 0.0;
    Scalar m_energyPrev = 0.0;  // F of the previous iteration (+inf at t = 0)
    Scalar m_energy = 0.0;
    Scalar m_loss = 0.0;
};

}  // namespace engine
