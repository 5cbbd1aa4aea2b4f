#pragma once

// A lean mini-batch trainer of PC and BP for the dataset experiments. It runs exactly the
// schedule of Simulation (science file, sections 2.1 and 2.2: energy and loss summed over the
// batch, plain SGD, weights changed once per trial) without the micro-steps, snapshots and
// traces, and with the input layer's work done once per trial: x^0 is clamped, so mu^1 = W^1 x^0
// is the same at every inference iteration, and an iteration costs only the hidden and output
// layers' products. It gives the same weights as Simulation up to rounding (tested to 1e-12).
// Shapes: activities (n_l x B), W^l (n_l x n_{l-1}) post x pre, as everywhere in the engine.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/network.h"
#include "engine/core/simulation.h"
#include "engine/core/types.h"

namespace engine {

/// Mini-batch training of one rule on a plain layered network (no bias, no mask, every layer
/// trainable with the rule's alpha). Does not allocate after construction; never throws.
class BatchTrainer {
public:
    /// Why `spec` is not a network the trainer handles (biases, masks, fixed layers, own learning
    /// rates); empty when it is.
    static std::vector<std::string> unsupported(const NetworkSpec& spec);

    /// A trainer of `rule` starting from `net`'s weights. PC uses all of `config`, BP only alpha.
    /// `maxBatch` is the largest batch train() will be given. The network must be supported and
    /// the config valid (checked by assertion).
    BatchTrainer(Rule rule, const Network& net, const PcConfig& config, Index maxBatch);

    /// One trial on a batch: input (n_0 x B) and target (n_L x B), 1 <= B <= maxBatch. Returns
    /// false, and changes nothing from then on, when the status is not Ok or a value became
    /// non-finite in this trial (status Diverged).
    bool train(const Eigen::Ref<const Matrix>& input, const Eigen::Ref<const Matrix>& target);

    /// From now on the loss covers output units 0 .. n - 1 only (1 <= n <= n_L; n_L, every
    /// unit, at the start). The other units are left out: their output error is zero in BP and
    /// throughout PC's inference, so a target on them changes no weight and no value node.
    void setLossUnits(Index n);
    /// The output units the loss covers (0 .. lossUnits() - 1).
    Index lossUnits() const { return m_lossUnits; }

    /// The learning rule.
    Rule rule() const { return m_rule; }
    /// The hyper-parameters (BP: alpha only).
    const PcConfig& config() const { return m_config; }
    /// Number of weight layers L.
    Index depth() const { return static_cast<Index>(m_w.size()) - 1; }
    /// Neurons of layer l = 0..L.
    Index size(Index l) const { return m_sizes[static_cast<size_t>(l)]; }
    /// Activation of layer l.
    Activation activation(Index l) const { return m_act[static_cast<size_t>(l)]; }
    /// W^l, l = 1..L.
    const Matrix& weight(Index l) const { return m_w[static_cast<size_t>(l)]; }
    /// A copy of the starting network with the current weights.
    Network network() const;
    /// Ok, or Diverged after a non-finite loss or energy.
    Status status() const { return m_status; }
    /// Why the status is not Ok.
    const std::string& problem() const { return m_problem; }
    /// Loss 1/2 ||y - mu^L||^2 (summed over the batch and the loss units) of the last trial's
    /// feed-forward pass.
    Scalar loss() const { return m_loss; }
    /// Trials trained so far.
    std::int64_t trials() const { return m_trials; }
    /// True when every weight is finite.
    bool weightsFinite() const;

private:
    using Map = Eigen::Map<Matrix>;
    Map view(std::vector<Matrix>& buffers, Index l, Index batch) {
        return Map(buffers[static_cast<size_t>(l)].data(), size(l), batch);
    }
    void activate(Index l, Index batch);
    bool trainPc(const Eigen::Ref<const Matrix>& input, const Eigen::Ref<const Matrix>& target);
    void trainBp(const Eigen::Ref<const Matrix>& input, Index batch);
    void updateWeights(const Eigen::Ref<const Matrix>& input, Index batch);
    void fail(std::string problem);
    /// Zeroes the rows of the output units the loss leaves out.
    void leaveOut(Map eps) const;

    Rule m_rule;
    PcConfig m_config;
    Network m_start;
    [[maybe_unused]] Index m_maxBatch;  // checked by an assertion only
    std::vector<Index> m_sizes;         // n_0..n_L
    std::vector<Activation> m_act;      // f per layer
    std::vector<Matrix> m_w;            // W^l, index 1..L
    // Per layer, n_l x maxBatch storage viewed as n_l x B: value nodes (PC) or pre-activations
    // (BP), f(x), f'(x), errors eps (BP: delta) and W^{l+1 T} eps^{l+1}. Index 0 unused.
    std::vector<Matrix> m_x, m_fx, m_dfx, m_eps, m_back;
    Matrix m_mu1;  // W^1 x^0, once per trial
    Status m_status = Status::Ok;
    std::string m_problem;
    Scalar m_loss = 0.0;
    std::int64_t m_trials = 0;
    Index m_lossUnits = 0;  // set to n_L by the constructor
};

/// fx = f(x) element-wise with the trainer's vectorised functions (sigmoid: fastSigmoid()).
/// Same values as applyActivation() up to rounding.
void activateBatch(Activation a, const Eigen::Ref<const Matrix>& x, Eigen::Ref<Matrix> fx);

/// f[i] = 1 / (1 + exp(-x[i])) and, when df is not null, df[i] = f[i] (1 - f[i]), i < n. Within
/// 3 ulp of the exact value for |x| < 708 (smaller inputs give at most 3e-308 instead of less);
/// NaN gives NaN. Vectorised (SSE2, or AVX2 where wideKernels() says so: the same operations per
/// element), with no FMA, so every x86-64 machine gives the same bits.
void fastSigmoid(const Scalar* x, Scalar* f, Scalar* df, Index n);

}  // namespace engine
