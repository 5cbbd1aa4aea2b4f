#pragma once

#include <cassert>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/activation.h"
#include "engine/core/types.h"

namespace engine {

/// Largest number of synapses the engine accepts in one network.
constexpr Index MaxSynapses = 10'000'000;
/// Largest number of neurons in one layer.
constexpr Index MaxLayerSize = 100'000;
/// Largest number of weight layers.
constexpr Index MaxDepth = 1'000;

/// How the initial values of one weight matrix W (post x pre) are drawn.
struct Initialiser {
    enum class Kind { Constant, Normal, AbsNormal, XavierUniform, XavierNormal, Explicit };
    Kind kind = Kind::XavierUniform;
    Scalar value = 0.0;  ///< Constant: every weight.
    Scalar mean = 0.0;   ///< Normal, AbsNormal: mean of the normal draw.
    Scalar std = 1.0;    ///< Normal, AbsNormal: standard deviation of the normal draw.
    Scalar gain = 1.0;   ///< Xavier: bound = gain sqrt(6/(fan_in+fan_out)), std = gain
                         ///< sqrt(2/(fan_in+fan_out)).
    Matrix weights;      ///< Explicit: the matrix itself (post x pre).

    /// Every weight equal to `v`.
    static Initialiser constant(Scalar v);
    /// Weights ~ N(mean, std^2).
    static Initialiser normal(Scalar mean, Scalar std);
    /// Weights ~ |N(mean, std^2)|.
    static Initialiser absNormal(Scalar mean, Scalar std);
    /// Weights ~ U(-a, a), a = gain sqrt(6 / (fan_in + fan_out)) (Glorot and Bengio 2010).
    static Initialiser xavierUniform(Scalar gain = 1.0);
    /// Weights ~ N(0, s^2), s = gain sqrt(2 / (fan_in + fan_out)).
    static Initialiser xavierNormal(Scalar gain = 1.0);
    /// The given matrix (post x pre).
    static Initialiser explicitWeights(Matrix w);
};

/// Description of weight matrix W^l, which maps layer l-1 to layer l.
struct WeightLayerSpec {
    Initialiser init;
    bool bias = false;      ///< Whether layer l has a bias b^l (initialised to initialBias or 0).
    Vector initialBias;     ///< Empty means zeros.
    bool trainable = true;  ///< False: W^l and b^l never change.
    Matrix mask;  ///< Connectivity (post x pre), 1 = synapse present, 0 = absent. Empty = full.
    std::optional<Scalar>
        learningRate;  ///< This matrix's own learning rate; unset = the rule's alpha.
    /// Per-synapse learning rates (post x pre); empty = every synapse uses the matrix's rate.
    /// When set, dW(i, j) = learningRates(i, j) e_i f(x_j) and they replace the matrix's rate for
    /// the weights (the bias keeps the matrix's rate).
    Matrix learningRates;
};

/// A layered network: layer 0 is the input, layer L the output, W^l maps l-1 to l.
struct NetworkSpec {
    std::vector<Index> sizes;              ///< n_0 .. n_L (at least two layers).
    std::vector<Activation> activations;   ///< f per layer 0..L; used by hidden layers only,
                                           ///< input and output must be Identity.
    std::vector<WeightLayerSpec> weights;  ///< weights[l-1] describes W^l, l = 1..L.

    /// Number of weight layers L.
    Index depth() const { return static_cast<Index>(sizes.size()) - 1; }
    /// The description of W^l, l = 1..L.
    const WeightLayerSpec& weight(Index l) const { return weights[static_cast<size_t>(l - 1)]; }
    WeightLayerSpec& weight(Index l) { return weights[static_cast<size_t>(l - 1)]; }

    /// Every problem with this description, one readable sentence each; empty when valid.
    std::vector<std::string> validate() const;

    /// A fully connected net with the given sizes, `hidden` activation on every hidden layer and
    /// the same initialiser and bias setting for every weight matrix.
    static NetworkSpec layered(std::vector<Index> sizes, Activation hidden, Initialiser init,
                               bool bias = false);
};

/// Weights and biases of a network described by a NetworkSpec.
class Network {
public:
    /// Builds the network and draws its initial weights with Random(seed), layer by layer, row by
    /// row. The spec must be valid (checked by assertion).
    Network(NetworkSpec spec, std::uint64_t seed);

    /// The description this network was built from.
    const NetworkSpec& spec() const { return m_spec; }
    /// Number of weight layers L.
    Index depth() const { return m_spec.depth(); }
    /// Number of neurons n_l of layer l = 0..L.
    Index size(Index l) const { return m_spec.sizes[static_cast<size_t>(l)]; }
    /// Activation f of layer l (Identity for input and output).
    Activation activation(Index l) const { return m_spec.activations[static_cast<size_t>(l)]; }

    /// W^l (n_l x n_{l-1}), l = 1..L.
    const Matrix& weight(Index l) const { return m_weights[static_cast<size_t>(l)]; }
    /// Bias b^l (n_l), zeros when layer l has none, l = 1..L.
    const Vector& bias(Index l) const { return m_biases[static_cast<size_t>(l)]; }
    /// Whether layer l has a bias.
    bool hasBias(Index l) const { return m_spec.weight(l).bias; }
    /// Whether W^l and b^l learn.
    bool trainable(Index l) const { return m_spec.weight(l).trainable; }
    /// Whether W^l has absent synapses.
    bool hasMask(Index l) const { return m_spec.weight(l).mask.size() != 0; }
    /// Learning rate of W^l given the rule's alpha.
    Scalar learningRate(Index l, Scalar ruleAlpha) const {
        return m_spec.weight(l).learningRate.value_or(ruleAlpha);
    }
    /// Whether W^l has per-synapse learning rates (WeightLayerSpec::learningRates).
    bool hasSynapseRates(Index l) const { return m_spec.weight(l).learningRates.size() != 0; }
    /// Learning rate of synapse (i, j) of W^l given the rule's alpha.
    Scalar learningRate(Index l, Index i, Index j, Scalar ruleAlpha) const {
        return hasSynapseRates(l) ? m_spec.weight(l).learningRates(i, j)
                                  : learningRate(l, ruleAlpha);
    }

    /// Replaces W^l; absent synapses of the mask are forced to zero. Shape must match.
    void setWeight(Index l, const Matrix& w);
    /// Replaces b^l. Size must match; ignored for a layer without bias.
    void setBias(Index l, const Vector& b);
    /// Gives W^l its own learning rate (std::nullopt = the rule's alpha). A rate must be finite
    /// and >= 0 (asserted: callers validate what users give, e.g. edit::setLearningRate).
    void setLearningRate(Index l, std::optional<Scalar> rate) {
        assert(l >= 1 && l <= depth());
        assert(!rate || (std::isfinite(*rate) && *rate >= 0.0));
        m_spec.weight(l).learningRate = rate;
    }
    /// W^l += dW (dW already masked by the caller).
    void addToWeight(Index l, const Matrix& dW) { m_weights[static_cast<size_t>(l)] += dW; }
    /// b^l += db.
    void addToBias(Index l, const Vector& db) { m_biases[static_cast<size_t>(l)] += db; }

    /// Feed-forward prediction mu^L for the input (n_0 x batch).
    Matrix predict(const Matrix& input) const;
    /// Feed-forward value nodes x^l = mu^l for l = 0..L (x^0 = input).
    std::vector<Matrix> forward(const Matrix& input) const;

    /// Total number of synapses (present ones, i.e. mask entries that are 1).
    Index synapseCount() const;
    /// All weights and biases as one flat vector, W^1 column-major, b^1, W^2, ... (for hashing
    /// and path lengths).
    Vector flatParameters() const;
    /// True when every weight and bias is finite.
    bool allFinite() const;

private:
    NetworkSpec m_spec;
    std::vector<Matrix> m_weights;  // index 0 unused
    std::vector<Vector> m_biases;   // index 0 unused
};

/// FNV-1a (64-bit) hash of each matrix's shape (rows, cols as Index) and values, byte by byte
/// in memory order, for bit-exact determinism checks. `seed` is the starting value: FNV's offset
/// basis by default, or an earlier hash to chain.
std::uint64_t hashMatrices(const std::vector<Matrix>& matrices,
                           std::uint64_t seed = 0xcbf29ce484222325ULL);

}  // namespace engine
