// A deliberately naive, loop-based implementation of the science file's PC schedule (section 2.1)
// and of backprop (2.2), compared with the Eigen engine on random networks.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/core/simulation.h"
#include "testnets.h"

using namespace engine;

namespace {

using Tensor = std::vector<std::vector<double>>;  // [neuron][sample]

struct Naive {
    std::vector<int> n;
    std::vector<Activation> act;
    std::vector<Tensor> W;  // W[l][i][j], l = 1..L
    std::vector<std::vector<double>> b;
    std::vector<Tensor> mask;
    std::vector<bool> trainable, hasBias;
    std::vector<double> lr;

    explicit Naive(const Network& net) {
        const int L = static_cast<int>(net.depth());
        for (int l = 0; l <= L; ++l) {
            n.push_back(static_cast<int>(net.size(l)));
            act.push_back(net.activation(l));
        }
        W.resize(L + 1);
        b.resize(L + 1);
        mask.resize(L + 1);
        trainable.resize(L + 1);
        hasBias.resize(L + 1);
        lr.resize(L + 1);
        for (int l = 1; l <= L; ++l) {
            W[l].assign(n[l], std::vector<double>(n[l - 1]));
            mask[l].assign(n[l], std::vector<double>(n[l - 1], 1.0));
            b[l].resize(n[l]);
            for (int i = 0; i < n[l]; ++i) {
                b[l][i] = net.bias(l)(i);
                for (int j = 0; j < n[l - 1]; ++j) {
                    W[l][i][j] = net.weight(l)(i, j);
                    if (net.hasMask(l))
                        mask[l][i][j] = net.spec().weight(l).mask(i, j);
                }
            }
            trainable[l] = net.trainable(l);
            hasBias[l] = net.hasBias(l);
            lr[l] = -1.0;
            if (net.spec().weight(l).learningRate)
                lr[l] = *net.spec().weight(l).learningRate;
        }
    }
    int L() const { return static_cast<int>(n.size()) - 1; }
    double f(int l, double v) const { return l == 0 ? v : activate(act[l], v); }
    double df(int l, double v) const { return derivative(act[l], v); }

    double mu(const std::vector<Tensor>& x, int l, int i, int s) const {
        double m = b[l][i];
        for (int j = 0; j < n[l - 1]; ++j)
            m += W[l][i][j] * f(l - 1, x[l - 1][j][s]);
        return m;
    }

    void pcTrial(const Trial& t, double alpha, int T, double gamma0, double discount) {
        const int B = static_cast<int>(t.input.cols());
        auto sup = [&](int i, int s) { return t.mask.size() == 0 || t.mask(i, s) != 0.0; };
        std::vector<Tensor> x(L() + 1), eps(L() + 1);
        for (int l = 0; l <= L(); ++l) {
            x[l].assign(n[l], std::vector<double>(B));
            eps[l].assign(n[l], std::vector<double>(B));
        }
        for (int i = 0; i < n[0]; ++i)
            for (int s = 0; s < B; ++s)
                x[0][i][s] = t.input(i, s);
        for (int l = 1; l < L(); ++l)  // feed-forward start
            for (int i = 0; i < n[l]; ++i)
                for (int s = 0; s < B; ++s)
                    x[l][i][s] = mu(x, l, i, s);
        double gamma = gamma0, Fprev = std::numeric_limits<double>::infinity();
        for (int it = 0; it < T; ++it) {
            double F = 0.0;
            for (int l = 1; l <= L(); ++l)
                for (int i = 0; i < n[l]; ++i)
                    for (int s = 0; s < B; ++s) {
                        const double m = mu(x, l, i, s);
                        double e = 0.0;
                        if (l < L())
                            e = x[l][i][s] - m;
                        else if (sup(i, s))
                            e = t.target(i, s) - m;
                        eps[l][i][s] = e;
                        F += 0.5 * e * e;
                    }
            std::vector<Tensor> dx(L() + 1);
            for (int l = 1; l < L(); ++l) {
                dx[l].assign(n[l], std::vector<double>(B));
                for (int i = 0; i < n[l]; ++i)
                    for (int s = 0; s < B; ++s) {
                        double back = 0.0;
                        for (int k = 0; k < n[l + 1]; ++k)
                            back += W[l + 1][k][i] * eps[l + 1][k][s];
                        dx[l][i][s] = -eps[l][i][s] + df(l, x[l][i][s]) * back;
                    }
            }
            std::vector<Tensor> gW(L() + 1);
            std::vector<std::vector<double>> gb(L() + 1);
            if (it == T - 1)
                for (int l = 1; l <= L(); ++l) {
                    gW[l].assign(n[l], std::vector<double>(n[l - 1], 0.0));
                    gb[l].assign(n[l], 0.0);
                    for (int i = 0; i < n[l]; ++i)
                        for (int s = 0; s < B; ++s) {
                            gb[l][i] += eps[l][i][s];
                            for (int j = 0; j < n[l - 1]; ++j)
                                gW[l][i][j] += eps[l][i][s] * f(l - 1, x[l - 1][j][s]);
                        }
                }
            for (int l = 1; l < L(); ++l)
                for (int i = 0; i < n[l]; ++i)
                    for (int s = 0; s < B; ++s)
                        x[l][i][s] += gamma * dx[l][i][s];
            if (it >= 1 && !(F < Fprev))
                gamma *= discount;
            Fprev = F;
            if (it == T - 1)
                apply(gW, gb, alpha);
        }
    }

    void bpTrial(const Trial& t, double alpha) {
        const int B = static_cast<int>(t.input.cols());
        std::vector<Tensor> a(L() + 1), delta(L() + 1);
        for (int l = 0; l <= L(); ++l) {
            a[l].assign(n[l], std::vector<double>(B));
            delta[l].assign(n[l], std::vector<double>(B));
        }
        for (int i = 0; i < n[0]; ++i)
            for (int s = 0; s < B; ++s)
                a[0][i][s] = t.input(i, s);
        for (int l = 1; l <= L(); ++l)
            for (int i = 0; i < n[l]; ++i)
                for (int s = 0; s < B; ++s)
                    a[l][i][s] = mu(a, l, i, s);
        for (int i = 0; i < n[L()]; ++i)
            for (int s = 0; s < B; ++s)
                delta[L()][i][s] = (t.mask.size() == 0 || t.mask(i, s) != 0.0)
                                       ? t.target(i, s) - a[L()][i][s]
                                       : 0.0;
        for (int l = L() - 1; l >= 1; --l)
            for (int i = 0; i < n[l]; ++i)
                for (int s = 0; s < B; ++s) {
                    double back = 0.0;
                    for (int k = 0; k < n[l + 1]; ++k)
                        back += W[l + 1][k][i] * delta[l + 1][k][s];
                    delta[l][i][s] = df(l, a[l][i][s]) * back;
                }
        std::vector<Tensor> gW(L() + 1);
        std::vector<std::vector<double>> gb(L() + 1);
        for (int l = 1; l <= L(); ++l) {
            gW[l].assign(n[l], std::vector<double>(n[l - 1], 0.0));
            gb[l].assign(n[l], 0.0);
            for (int i = 0; i < n[l]; ++i)
                for (int s = 0; s < B; ++s) {
                    gb[l][i] += delta[l][i][s];
                    for (int j = 0; j < n[l - 1]; ++j)
                        gW[l][i][j] += delta[l][i][s] * f(l - 1, a[l - 1][j][s]);
                }
        }
        apply(gW, gb, alpha);
    }

    void apply(const std::vector<Tensor>& gW, const std::vector<std::vector<double>>& gb,
               double alpha) {
        for (int l = 1; l <= L(); ++l) {
            if (!trainable[l])
                continue;
            const double rate = lr[l] >= 0.0 ? lr[l] : alpha;
            for (int i = 0; i < n[l]; ++i) {
                if (hasBias[l])
                    b[l][i] += rate * gb[l][i];
                for (int j = 0; j < n[l - 1]; ++j)
                    W[l][i][j] += rate * gW[l][i][j] * mask[l][i][j];
            }
        }
    }

    double maxDifference(const Network& net) const {
        double d = 0.0;
        for (int l = 1; l <= L(); ++l)
            for (int i = 0; i < n[l]; ++i) {
                if (net.hasBias(l))
                    d = std::max(d, std::abs(b[l][i] - net.bias(l)(i)));
                for (int j = 0; j < n[l - 1]; ++j)
                    d = std::max(d, std::abs(W[l][i][j] - net.weight(l)(i, j)));
            }
        return d;
    }
};

struct Case {
    std::vector<Index> sizes;
    Activation act;
    bool bias, masked, partialTargets;
    Index batch;
};

const Case Cases[] = {
    {{2, 3}, Activation::Identity, true, false, false, 1},
    {{3, 4, 2}, Activation::Tanh, true, false, false, 1},
    {{3, 4, 2}, Activation::Sigmoid, false, true, true, 3},
    {{2, 5, 4, 3}, Activation::Relu, true, true, false, 2},
    {{4, 3, 3, 3, 2}, Activation::LeakyRelu, true, false, true, 4},
    {{3, 6, 5, 4, 3, 2}, Activation::Tanh, false, true, true, 2},
};

}  // namespace

TEST(NaiveReference, PcTrialsMatchTheEigenEngine) {
    std::uint64_t seed = 100;
    for (const Case& c : Cases) {
        Network net = testnets::randomNet(c.sizes, c.act, c.bias, ++seed, c.masked);
        if (net.depth() >= 3) {  // one fixed layer and one with its own rate
            NetworkSpec spec = net.spec();
            spec.weight(2).trainable = false;
            spec.weight(1).learningRate = 0.05;
            net = Network(spec, seed);
        }
        const Trial t1 = testnets::randomTrial(net, c.batch, seed, c.partialTargets);
        const Trial t2 = testnets::randomTrial(net, c.batch, seed + 1, c.partialTargets);
        const PcConfig config{0.1, 17, 0.2, 0.7};
        Simulation sim(net, config);
        ASSERT_TRUE(sim.setTrials({t1, t2}).empty());
        ASSERT_TRUE(sim.stepTrials(3));
        Naive naive(net);
        naive.pcTrial(t1, config.alpha, config.iterations, config.gamma0, config.discount);
        naive.pcTrial(t2, config.alpha, config.iterations, config.gamma0, config.discount);
        naive.pcTrial(t1, config.alpha, config.iterations, config.gamma0, config.discount);
        EXPECT_LT(naive.maxDifference(sim.network()), 1e-12) << "depth " << net.depth();
        EXPECT_GT((sim.network().flatParameters() - net.flatParameters()).norm(), 1e-6);
    }
}

TEST(NaiveReference, BpTrialsMatchTheEigenEngine) {
    std::uint64_t seed = 200;
    for (const Case& c : Cases) {
        const Network net = testnets::randomNet(c.sizes, c.act, c.bias, ++seed, c.masked);
        const Trial t = testnets::randomTrial(net, c.batch, seed, c.partialTargets);
        Simulation sim(net, BpConfig{0.3});
        ASSERT_TRUE(sim.setTrials({t}).empty());
        ASSERT_TRUE(sim.stepTrials(2));
        Naive naive(net);
        naive.bpTrial(t, 0.3);
        naive.bpTrial(t, 0.3);
        EXPECT_LT(naive.maxDifference(sim.network()), 1e-12) << "depth " << net.depth();
    }
}
