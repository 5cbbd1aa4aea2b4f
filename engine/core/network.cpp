#include "engine/core/network.h"

#include <cassert>
#include <cmath>
#include <cstring>
#include <sstream>

#include "engine/core/random.h"

namespace engine {

Initialiser Initialiser::constant(Scalar v) {
    Initialiser i;
    i.kind = Kind::Constant;
    i.value = v;
    return i;
}

Initialiser Initialiser::normal(Scalar mean, Scalar std) {
    Initialiser i;
    i.kind = Kind::Normal;
    i.mean = mean;
    i.std = std;
    return i;
}

Initialiser Initialiser::absNormal(Scalar mean, Scalar std) {
    Initialiser i = normal(mean, std);
    i.kind = Kind::AbsNormal;
    return i;
}

Initialiser Initialiser::xavierUniform(Scalar gain) {
    Initialiser i;
    i.kind = Kind::XavierUniform;
    i.gain = gain;
    return i;
}

Initialiser Initialiser::xavierNormal(Scalar gain) {
    Initialiser i;
    i.kind = Kind::XavierNormal;
    i.gain = gain;
    return i;
}

Initialiser Initialiser::explicitWeights(Matrix w) {
    Initialiser i;
    i.kind = Kind::Explicit;
    i.weights = std::move(w);
    return i;
}

namespace {

std::string shapeText(Index rows, Index cols) {
    return std::to_string(rows) + "x" + std::to_string(cols);
}

bool isFinite(Scalar v) {
    return std::isfinite(v);
}

/// Problems of one initialiser of an n_post x n_pre layer called `name`.
void checkInitialiser(const Initialiser& init, const std::string& name, Index post, Index pre,
                      std::vector<std::string>& problems) {
    switch (init.kind) {
        case Initialiser::Kind::Constant:
            if (!isFinite(init.value))
                problems.push_back(name + ": constant initial value is not finite");
            break;
        case Initialiser::Kind::Normal:
        case Initialiser::Kind::AbsNormal:
            if (!isFinite(init.mean) || !isFinite(init.std) || init.std < 0.0)
                problems.push_back(
                    name + ": normal initialiser needs a finite mean and a finite std >= 0");
            break;
        case Initialiser::Kind::XavierUniform:
        case Initialiser::Kind::XavierNormal:
            if (!isFinite(init.gain) || init.gain < 0.0)
                problems.push_back(name + ": Xavier gain must be finite and >= 0");
            break;
        case Initialiser::Kind::Explicit:
            if (init.weights.rows() != post || init.weights.cols() != pre)
                problems.push_back(name + ": explicit weights are " +
                                   shapeText(init.weights.rows(), init.weights.cols()) +
                                   ", expected " + shapeText(post, pre) + " (post x pre)");
            else if (!init.weights.allFinite())
                problems.push_back(name + ": explicit weights contain NaN or infinite values");
            break;
    }
}

/// Problems of the mask, bias and learning rates of an n_post x n_pre layer called `name`.
void checkWeightLayer(const WeightLayerSpec& w, const std::string& name, Index post, Index pre,
                      std::vector<std::string>& problems) {
    checkInitialiser(w.init, name, post, pre, problems);
    if (w.mask.size() != 0) {
        if (w.mask.rows() != post || w.mask.cols() != pre)
            problems.push_back(name + ": mask is " + shapeText(w.mask.rows(), w.mask.cols()) +
                               ", expected " + shapeText(post, pre));
        else if (!((w.mask.array() == 0.0) || (w.mask.array() == 1.0)).all())
            problems.push_back(name + ": mask entries must be 0 or 1");
    }
    if (w.initialBias.size() != 0) {
        if (!w.bias)
            problems.push_back(name + ": an initial bias is given but the layer has no bias");
        else if (w.initialBias.size() != post)
            problems.push_back(name + ": initial bias has " + std::to_string(w.initialBias.size()) +
                               " entries, expected " + std::to_string(post));
        else if (!w.initialBias.allFinite())
            problems.push_back(name + ": initial bias contains NaN or infinite values");
    }
    if (w.learningRate && (!isFinite(*w.learningRate) || *w.learningRate < 0.0))
        problems.push_back(name + ": learning rate must be finite and >= 0");
    if (w.learningRates.size() != 0) {
        if (w.learningRates.rows() != post || w.learningRates.cols() != pre)
            problems.push_back(name + ": per-synapse learning rates are " +
                               shapeText(w.learningRates.rows(), w.learningRates.cols()) +
                               ", expected " + shapeText(post, pre));
        else if (!w.learningRates.allFinite() || (w.learningRates.array() < 0.0).any())
            problems.push_back(name + ": per-synapse learning rates must be finite and >= 0");
    }
}

/// Problems of the layer sizes and activations; false when the sizes are unusable.
bool checkLayers(const std::vector<Index>& sizes, const std::vector<Activation>& activations,
                 std::vector<std::string>& problems) {
    bool sizesOk = true;
    for (size_t l = 0; l < sizes.size(); ++l) {
        if (sizes[l] < 1 || sizes[l] > MaxLayerSize) {
            problems.push_back("layer " + std::to_string(l) + " has " + std::to_string(sizes[l]) +
                               " neurons (must be 1.." + std::to_string(MaxLayerSize) + ")");
            sizesOk = false;
        }
    }
    if (activations.size() != sizes.size()) {
        problems.push_back("activations: expected one per layer (" + std::to_string(sizes.size()) +
                           "), got " + std::to_string(activations.size()));
        return sizesOk;
    }
    if (activations.front() != Activation::Identity)
        problems.push_back("the input layer takes no activation (f(x^0) = x^0), got " +
                           std::string(activationName(activations.front())));
    if (activations.back() != Activation::Identity)
        problems.push_back(
            "the output layer is the linear prediction mu^L and takes no "
            "activation, got " +
            std::string(activationName(activations.back())));
    return sizesOk;
}

}  // namespace

std::vector<std::string> NetworkSpec::validate() const {
    std::vector<std::string> problems;
    if (sizes.size() < 2) {
        problems.push_back("a network needs at least an input and an output layer (got " +
                           std::to_string(sizes.size()) + " layer(s))");
        return problems;
    }
    if (depth() > MaxDepth)
        problems.push_back("too many layers: " + std::to_string(depth()) +
                           " weight layers (at most " + std::to_string(MaxDepth) + ")");
    const bool sizesOk = checkLayers(sizes, activations, problems);
    if (weights.size() != sizes.size() - 1) {
        problems.push_back("weights: expected one description per weight layer (" +
                           std::to_string(sizes.size() - 1) + "), got " +
                           std::to_string(weights.size()));
        return problems;
    }
    if (!sizesOk)
        return problems;

    double synapses = 0.0;
    for (Index l = 1; l <= depth(); ++l)
        synapses += double(sizes[l]) * double(sizes[l - 1]);
    if (synapses > double(MaxSynapses)) {
        std::ostringstream s;
        s << "network too large: " << synapses << " synapses (at most " << MaxSynapses << ")";
        problems.push_back(s.str());
        return problems;
    }
    for (Index l = 1; l <= depth(); ++l)
        checkWeightLayer(weight(l), "W" + std::to_string(l), sizes[l], sizes[l - 1], problems);
    return problems;
}

NetworkSpec NetworkSpec::layered(std::vector<Index> sizes, Activation hidden, Initialiser init,
                                 bool bias) {
    NetworkSpec spec;
    spec.sizes = std::move(sizes);
    spec.activations.assign(spec.sizes.size(), hidden);
    if (!spec.activations.empty()) {
        spec.activations.front() = Activation::Identity;
        spec.activations.back() = Activation::Identity;
    }
    const size_t layers = spec.sizes.empty() ? 0 : spec.sizes.size() - 1;
    for (size_t l = 0; l < layers; ++l) {
        WeightLayerSpec w;
        w.init = init;
        w.bias = bias;
        spec.weights.push_back(w);
    }
    return spec;
}

Network::Network(NetworkSpec spec, std::uint64_t seed) : m_spec(std::move(spec)) {
    assert(m_spec.validate().empty());
    Random rng(seed);
    const Index L = depth();
    m_weights.resize(static_cast<size_t>(L + 1));
    m_biases.resize(static_cast<size_t>(L + 1));
    for (Index l = 1; l <= L; ++l) {
        const WeightLayerSpec& ws = m_spec.weight(l);
        const Index post = size(l), pre = size(l - 1);
        const Scalar fanSum = static_cast<Scalar>(post + pre);
        Matrix w(post, pre);
        // Draw row by row so the order of random numbers does not depend on storage order.
        for (Index i = 0; i < post; ++i) {
            for (Index j = 0; j < pre; ++j) {
                Scalar v = 0.0;
                switch (ws.init.kind) {
                    case Initialiser::Kind::Constant:
                        v = ws.init.value;
                        break;
                    case Initialiser::Kind::Normal:
                        v = rng.normal(ws.init.mean, ws.init.std);
                        break;
                    case Initialiser::Kind::AbsNormal:
                        v = std::abs(rng.normal(ws.init.mean, ws.init.std));
                        break;
                    case Initialiser::Kind::XavierUniform: {
                        const Scalar a = ws.init.gain * std::sqrt(6.0 / fanSum);
                        v = rng.uniform(-a, a);
                        break;
                    }
                    case Initialiser::Kind::XavierNormal:
                        v = rng.normal(0.0, ws.init.gain * std::sqrt(2.0 / fanSum));
                        break;
                    case Initialiser::Kind::Explicit:
                        v = ws.init.weights(i, j);
                        break;
                }
                w(i, j) = v;
            }
        }
        if (ws.mask.size() != 0)
            w.array() *= ws.mask.array();
        m_weights[static_cast<size_t>(l)] = std::move(w);
        m_biases[static_cast<size_t>(l)] =
            (ws.bias && ws.initialBias.size() == post) ? ws.initialBias : Vector::Zero(post);
    }
}

void Network::setWeight(Index l, const Matrix& w) {
    Matrix& target = m_weights[static_cast<size_t>(l)];
    assert(w.rows() == target.rows() && w.cols() == target.cols());
    target = w;
    if (hasMask(l))
        target.array() *= m_spec.weight(l).mask.array();
}

void Network::setBias(Index l, const Vector& b) {
    if (!hasBias(l))
        return;
    assert(b.size() == size(l));
    m_biases[static_cast<size_t>(l)] = b;
}

std::vector<Matrix> Network::forward(const Matrix& input) const {
    assert(input.rows() == size(0));
    std::vector<Matrix> x(static_cast<size_t>(depth() + 1));
    x[0] = input;
    Matrix fx;
    for (Index l = 1; l <= depth(); ++l) {
        const Matrix& prev = x[static_cast<size_t>(l - 1)];
        // mu^l = W^l f(x^{l-1}) + b^l, with f(x^0) = x^0.
        if (l == 1)
            fx = prev;
        else
            applyActivation(activation(l - 1), prev, fx);
        Matrix mu = weight(l) * fx;
        if (hasBias(l))
            mu.colwise() += bias(l);
        x[static_cast<size_t>(l)] = std::move(mu);
    }
    return x;
}

Matrix Network::predict(const Matrix& input) const {
    return forward(input).back();
}

Index Network::synapseCount() const {
    Index n = 0;
    for (Index l = 1; l <= depth(); ++l)
        n += hasMask(l) ? static_cast<Index>(m_spec.weight(l).mask.sum()) : weight(l).size();
    return n;
}

Vector Network::flatParameters() const {
    Index total = 0;
    for (Index l = 1; l <= depth(); ++l)
        total += weight(l).size() + bias(l).size();
    Vector flat(total);
    Index at = 0;
    for (Index l = 1; l <= depth(); ++l) {
        const Matrix& w = weight(l);
        flat.segment(at, w.size()) = Eigen::Map<const Vector>(w.data(), w.size());
        at += w.size();
        flat.segment(at, bias(l).size()) = bias(l);
        at += bias(l).size();
    }
    return flat;
}

bool Network::allFinite() const {
    for (Index l = 1; l <= depth(); ++l)
        if (!weight(l).allFinite() || !bias(l).allFinite())
            return false;
    return true;
}

std::uint64_t hashMatrices(const std::vector<Matrix>& matrices, std::uint64_t seed) {
    std::uint64_t h = seed;
    auto mix = [&h](const void* data, size_t bytes) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (size_t i = 0; i < bytes; ++i) {
            // h = (h xor byte) * FNV prime
            h ^= p[i];
            h *= 0x100000001b3ULL;
        }
    };
    for (const Matrix& m : matrices) {
        const Index shape[2] = {m.rows(), m.cols()};
        mix(shape, sizeof shape);
        mix(m.data(), sizeof(Scalar) * static_cast<size_t>(m.size()));
    }
    return h;
}

}  // namespace engine
