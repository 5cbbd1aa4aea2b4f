#pragma once

// Small networks and trials shared by the engine tests.

#include <cstdint>
#include <functional>
#include <limits>

#include "engine/core/network.h"
#include "engine/core/random.h"
#include "engine/core/trial.h"

namespace testnets {

using namespace engine;

/// A random fully connected net: sizes as given, `hidden` activation, Xavier-normal weights,
/// optional bias drawn ~ N(0, 0.1) so biases are not trivially zero.
inline Network randomNet(std::vector<Index> sizes, Activation hidden, bool bias, std::uint64_t seed,
                         bool masked = false) {
    NetworkSpec spec = NetworkSpec::layered(sizes, hidden, Initialiser::xavierNormal(1.0), bias);
    Random rng(seed + 1000);
    for (Index l = 1; l <= spec.depth(); ++l) {
        if (bias)
            spec.weight(l).initialBias = rng.normalMatrix(spec.sizes[l], 1, 0.0, 0.1);
        if (masked) {
            Matrix m(spec.sizes[l], spec.sizes[l - 1]);
            for (Index i = 0; i < m.rows(); ++i)
                for (Index j = 0; j < m.cols(); ++j)
                    m(i, j) = rng.uniform() < 0.7 ? 1.0 : 0.0;
            spec.weight(l).mask = m;
        }
    }
    return Network(spec, seed);
}

/// A random trial of `batch` samples for `net`; with `partialMask`, about a third of the outputs
/// are unsupervised (and their targets NaN, which must never be used).
inline Trial randomTrial(const Network& net, Index batch, std::uint64_t seed,
                         bool partialMask = false) {
    Random rng(seed + 77);
    Trial t;
    t.input = rng.normalMatrix(net.size(0), batch);
    t.target = rng.normalMatrix(net.size(net.depth()), batch);
    if (partialMask) {
        t.mask = Matrix::Ones(t.target.rows(), t.target.cols());
        for (Index i = 0; i < t.mask.rows(); ++i)
            for (Index j = 0; j < t.mask.cols(); ++j)
                if (rng.uniform() < 0.35) {
                    t.mask(i, j) = 0.0;
                    t.target(i, j) = std::numeric_limits<Scalar>::quiet_NaN();
                }
    }
    return t;
}

/// Central-difference gradient of f at `at`, entry by entry (step h).
inline Matrix numericGradient(const Matrix& at, const std::function<Scalar(const Matrix&)>& f,
                              Scalar h = 1e-6) {
    Matrix gradient(at.rows(), at.cols());
    Matrix probe = at;
    for (Index i = 0; i < at.size(); ++i) {
        const Scalar keep = probe(i);
        probe(i) = keep + h;
        const Scalar up = f(probe);
        probe(i) = keep - h;
        const Scalar down = f(probe);
        probe(i) = keep;
        gradient(i) = (up - down) / (2 * h);
    }
    return gradient;
}

/// Gradients of `loss(net)` with respect to W^l and b^l by central differences. Absent
/// synapses get zero (setWeight keeps them at zero).
struct LayerGradient {
    Matrix weight, bias;
};
inline LayerGradient numericLayerGradient(const Network& net, Index l,
                                          const std::function<Scalar(const Network&)>& loss) {
    Network probe = net;
    LayerGradient g;
    g.weight = numericGradient(net.weight(l), [&](const Matrix& w) {
        probe.setWeight(l, w);
        const Scalar v = loss(probe);
        probe.setWeight(l, net.weight(l));
        return v;
    });
    g.bias = numericGradient(Matrix(net.bias(l)), [&](const Matrix& b) {
        probe.setBias(l, b.col(0));
        const Scalar v = loss(probe);
        probe.setBias(l, net.bias(l));
        return v;
    });
    return g;
}

/// F = 1/2 sum_l ||eps^l||^2 computed directly from the definitions for given hidden value nodes
/// x[1..L-1] (x[0] and x[L] ignored): an independent reference for finite-difference checks.
inline Scalar energyAt(const Network& net, const Trial& trial, const std::vector<Matrix>& x) {
    const Index L = net.depth();
    Scalar F = 0.0;
    Matrix prev = trial.input;
    for (Index l = 1; l <= L; ++l) {
        Matrix fprev = prev;
        if (l > 1)
            applyActivation(net.activation(l - 1), prev, fprev);
        Matrix mu = net.weight(l) * fprev;
        mu.colwise() += net.bias(l);
        if (l < L) {
            F += 0.5 * (x[static_cast<size_t>(l)] - mu).squaredNorm();
            prev = x[static_cast<size_t>(l)];
        } else {
            Matrix e = trial.target - mu;
            if (trial.mask.size())
                e = (trial.mask.array() == 0.0).select(0.0, e);
            F += 0.5 * e.squaredNorm();
        }
    }
    return F;
}

}  // namespace testnets
