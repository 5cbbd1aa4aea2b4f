#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <utility>

#include "../testnets.h"
#include "engine/core/batchtrainer.h"
#include "engine/core/blockedproduct.h"
#include "engine/core/random.h"
#include "engine/core/simulation.h"

using namespace engine;

// Counts heap allocations while `g_counting` is set, to check that training does not allocate.
// The sanitizers bring their own malloc, so there the count is not available.
#if defined(__SANITIZE_ADDRESS__)
#define PROSPECT_COUNT_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PROSPECT_COUNT_MALLOC 0
#endif
#endif
#ifndef PROSPECT_COUNT_MALLOC
#define PROSPECT_COUNT_MALLOC 1
#endif

#if PROSPECT_COUNT_MALLOC
namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
}  // namespace
extern "C" void* __libc_malloc(size_t size);
extern "C" void* malloc(size_t size) {
    if (g_counting.load(std::memory_order_relaxed))
        g_allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_malloc(size);
}
#endif

namespace {

// Trials of varying batch size (the last one smaller, as an epoch's last batch can be).
std::vector<Trial> batches(const Network& net, const std::vector<Index>& sizes,
                           std::uint64_t seed) {
    std::vector<Trial> trials;
    for (size_t k = 0; k < sizes.size(); ++k)
        trials.push_back(testnets::randomTrial(net, sizes[k], seed + k));
    return trials;
}

Scalar maxWeightDifference(const Network& a, const Network& b) {
    Scalar worst = 0.0;
    for (Index l = 1; l <= a.depth(); ++l)
        worst = std::max(worst, (a.weight(l) - b.weight(l)).cwiseAbs().maxCoeff());
    return worst;
}

struct Case {
    Rule rule;
    Activation act;
    std::vector<Index> sizes;
    PcConfig config;
};

void expectSameAsSimulation(const Case& c) {
    SCOPED_TRACE(std::string(ruleName(c.rule)) + " " + activationName(c.act) + " T " +
                 std::to_string(c.config.iterations) + " depth " +
                 std::to_string(c.sizes.size() - 1));
    const Network net = testnets::randomNet(c.sizes, c.act, false, 11);
    const std::vector<Trial> trials = batches(net, {4, 4, 3, 4, 1, 4, 4, 2, 4, 4}, 5);
    Simulation sim =
        c.rule == Rule::PC ? Simulation(net, c.config) : Simulation(net, BpConfig{c.config.alpha});
    BatchTrainer trainer(c.rule, net, c.config, 4);
    for (size_t k = 0; k < trials.size(); ++k) {
        ASSERT_TRUE(sim.setTrials({trials[k]}).empty());
        ASSERT_TRUE(sim.stepTrial());
        ASSERT_TRUE(trainer.train(trials[k].input, trials[k].target));
        EXPECT_NEAR(trainer.loss(), sim.loss(), 1e-12 * std::max(1.0, sim.loss()));
    }
    EXPECT_EQ(trainer.trials(), 10);
    const Scalar diff = maxWeightDifference(trainer.network(), sim.network());
    EXPECT_LT(diff, 1e-12) << ruleName(c.rule) << " " << activationName(c.act);
    // The weights did change, so the comparison is not between two untouched nets.
    EXPECT_GT(maxWeightDifference(trainer.network(), net), 1e-3);
}

}  // namespace

TEST(BatchTrainer, SameWeightsAsSimulationPcSigmoid) {
    expectSameAsSimulation({Rule::PC, Activation::Sigmoid, {7, 6, 5, 4}, {0.2, 24, 0.1, 0.5}});
    expectSameAsSimulation({Rule::PC, Activation::Sigmoid, {9, 8, 6, 6, 3}, {0.3, 40, 0.2, 0.9}});
}

TEST(BatchTrainer, SameWeightsAsSimulationPcLeakyRelu) {
    expectSameAsSimulation({Rule::PC, Activation::LeakyRelu, {7, 6, 5, 4}, {0.05, 24, 0.1, 0.5}});
    expectSameAsSimulation(
        {Rule::PC, Activation::LeakyRelu, {8, 6, 6, 6, 6, 3}, {0.05, 16, 0.1, 0.5}});
}

TEST(BatchTrainer, SameWeightsAsSimulationBp) {
    expectSameAsSimulation({Rule::BP, Activation::Sigmoid, {7, 6, 5, 4}, {0.2, 1, 0.1, 0.5}});
    expectSameAsSimulation(
        {Rule::BP, Activation::LeakyRelu, {8, 6, 6, 6, 6, 3}, {0.05, 1, 0.1, 0.5}});
}

TEST(BatchTrainer, SameWeightsAsSimulationOtherActivationsAndEdgeCases) {
    expectSameAsSimulation({Rule::PC, Activation::Tanh, {6, 5, 5, 3}, {0.1, 16, 0.1, 0.5}});
    expectSameAsSimulation({Rule::PC, Activation::Relu, {6, 5, 5, 3}, {0.1, 16, 0.1, 0.5}});
    expectSameAsSimulation({Rule::PC, Activation::Identity, {6, 5, 5, 3}, {0.05, 16, 0.1, 1.0}});
    // T = 1: only the last layer learns; one weight layer: PC is BP.
    expectSameAsSimulation({Rule::PC, Activation::Sigmoid, {6, 5, 3}, {0.2, 1, 0.1, 0.5}});
    expectSameAsSimulation({Rule::PC, Activation::Sigmoid, {6, 3}, {0.2, 8, 0.1, 0.5}});
}

TEST(BatchTrainer, RefusesWhatItDoesNotImplement) {
    EXPECT_TRUE(BatchTrainer::unsupported(
                    testnets::randomNet({3, 2, 1}, Activation::Sigmoid, false, 1).spec())
                    .empty());
    NetworkSpec spec =
        NetworkSpec::layered({3, 2, 1}, Activation::Sigmoid, Initialiser::xavierNormal(), true);
    spec.weight(2).trainable = false;
    spec.weight(1).learningRate = 0.5;
    EXPECT_EQ(BatchTrainer::unsupported(spec).size(), 4u);
}

TEST(BatchTrainer, DivergenceStopsTrainingWithAMessage) {
    const Network net = testnets::randomNet({6, 5, 5, 3}, Activation::LeakyRelu, false, 3);
    for (Rule rule : {Rule::PC, Rule::BP}) {
        BatchTrainer trainer(rule, net, PcConfig{1e6, 16, 0.1, 0.5}, 4);
        const Trial trial = testnets::randomTrial(net, 4, 9);
        bool ok = true;
        for (int k = 0; k < 50 && ok; ++k)
            ok = trainer.train(trial.input, trial.target);
        EXPECT_FALSE(ok);
        EXPECT_EQ(trainer.status(), Status::Diverged);
        EXPECT_NE(trainer.problem().find(ruleName(rule)), std::string::npos) << trainer.problem();
        EXPECT_NE(trainer.problem().find("not finite"), std::string::npos) << trainer.problem();
        const std::int64_t done = trainer.trials();
        EXPECT_FALSE(trainer.train(trial.input, trial.target));
        EXPECT_EQ(trainer.trials(), done);
    }
}

TEST(BatchTrainer, TrainingDoesNotAllocate) {
#if PROSPECT_COUNT_MALLOC
    // The online net and the depth net at their batch sizes, including a smaller last batch.
    struct Shape {
        std::vector<Index> sizes;
        Activation act;
        Index batch;
    };
    // The counter sees Eigen's allocations (this one must be counted).
    g_allocations = 0;
    g_counting = true;
    Matrix probe(100, 100);
    g_counting = false;
    ASSERT_GT(g_allocations.load(), 0);
    probe.setZero();
    for (const Shape& s : {Shape{{784, 32, 32, 10}, Activation::Sigmoid, 1},
                           Shape{{784, 32, 32, 10}, Activation::Sigmoid, 64},
                           Shape{{784, 32, 32, 32, 5}, Activation::Sigmoid, 500},
                           Shape{{784, 64, 64, 64, 10}, Activation::LeakyRelu, 60}}) {
        const Network net = testnets::randomNet(s.sizes, s.act, false, 2);
        const Trial full = testnets::randomTrial(net, s.batch, 4);
        const Trial part = testnets::randomTrial(net, (s.batch + 1) / 2, 5);
        for (Rule rule : {Rule::PC, Rule::BP}) {
            BatchTrainer trainer(rule, net, PcConfig{0.001, 8, 0.1, 0.5}, s.batch);
            ASSERT_TRUE(trainer.train(full.input, full.target));
            g_allocations = 0;
            g_counting = true;
            for (int k = 0; k < 3; ++k) {
                trainer.train(full.input, full.target);
                trainer.train(part.input, part.target);
            }
            g_counting = false;
            EXPECT_EQ(g_allocations.load(), 0)
                << ruleName(rule) << " batch " << s.batch << " width " << s.sizes[1];
            EXPECT_EQ(trainer.status(), Status::Ok);
        }
    }
#else
    GTEST_SKIP() << "allocations are not counted under the sanitizers";
#endif
}

TEST(BatchTrainer, FastSigmoidIsWithinThreeUlpOfTheExactValue) {
    // Exact reference: 1 / (1 + exp(-x)) in long double.
    std::vector<Scalar> xs;
    for (Scalar x = -60.0; x <= 60.0; x += 0.0137)
        xs.push_back(x);
    for (Scalar x : {0.0, -0.0, 1e-300, -1e-12, 36.7, -36.7, 700.0, -700.0, 707.9})
        xs.push_back(x);
    std::vector<Scalar> f(xs.size()), df(xs.size());
    fastSigmoid(xs.data(), f.data(), df.data(), static_cast<Index>(xs.size()));
    for (size_t i = 0; i < xs.size(); ++i) {
        const long double exact = 1.0L / (1.0L + std::exp(-static_cast<long double>(xs[i])));
        const Scalar ulp =
            std::nextafter(static_cast<Scalar>(exact), 2.0) - static_cast<Scalar>(exact);
        EXPECT_LE(std::abs(static_cast<long double>(f[i]) - exact), 3.0L * ulp) << xs[i];
        EXPECT_EQ(df[i], f[i] * (1.0 - f[i]));
        EXPECT_NEAR(f[i], activate(Activation::Sigmoid, xs[i]), 4e-16);
    }
    // Odd lengths take the same path for the last element; the far tails stay in [0, 1].
    const Scalar edge[3] = {-1e6, 1e6, std::numeric_limits<Scalar>::quiet_NaN()};
    Scalar out[3];
    fastSigmoid(edge, out, nullptr, 3);
    EXPECT_GE(out[0], 0.0);
    EXPECT_LT(out[0], 1e-307);
    EXPECT_EQ(out[1], 1.0);
    EXPECT_TRUE(std::isnan(out[2]));
    Scalar one[1] = {0.3}, single[1];
    fastSigmoid(one, single, nullptr, 1);
    const Scalar pair[2] = {0.3, 0.3};
    Scalar both[2];
    fastSigmoid(pair, both, nullptr, 2);
    EXPECT_EQ(single[0], both[0]);
}

TEST(BatchTrainer, ActivateBatchMatchesTheScalarForms) {
    Matrix x(3, 5);
    x << -2.0, -0.5, 0.0, 0.25, 3.0, -1e-3, 1e-3, 5.0, -7.0, 0.7, 1.5, -1.5, 2.5, -2.5, 0.1;
    for (Activation a : {Activation::Identity, Activation::Tanh, Activation::Sigmoid,
                         Activation::Relu, Activation::LeakyRelu}) {
        Matrix f(3, 5);
        activateBatch(a, x, f);
        for (Index i = 0; i < x.size(); ++i)
            EXPECT_NEAR(f(i), activate(a, x(i)), 1e-15) << activationName(a) << " " << x(i);
    }
}

namespace {

/// Bitwise equality of two matrices (NaN equals NaN of the same bits).
bool sameBits(const Matrix& a, const Matrix& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(Scalar) * static_cast<size_t>(a.size())) == 0;
}

/// What `f` gives with the AVX2 kernels off, then on (on is left as it was found).
template <class F>
std::pair<Matrix, Matrix> narrowAndWide(F f) {
    const bool was = wideKernels();
    useWideKernels(false);
    Matrix narrow = f();
    useWideKernels(true);
    Matrix wide = f();
    useWideKernels(was);
    return {narrow, wide};
}

}  // namespace

TEST(BatchTrainer, WideKernelsGiveTheSameBitsAsSse2) {
    // The AVX2 versions do the same IEEE operations per element in the same order, so sigmoid,
    // matrix-vector products and whole PC and BP training runs agree to the last bit.
    EXPECT_FALSE(useWideKernels(false));
    EXPECT_FALSE(wideKernels());
    const bool wide = useWideKernels(true);
    if (!wide)
        GTEST_SKIP() << "this CPU has no AVX2: only the SSE2 kernels run here";
    Random rng(3);
    // Odd lengths leave tails; the values cover saturation, the clamp at 708 and NaN.
    for (Index n : {1, 3, 4, 7, 32, 33}) {
        Matrix x = rng.normalMatrix(n, 1, 0.0, 8.0);
        x(0, 0) = n == 3 ? std::numeric_limits<Scalar>::quiet_NaN() : n == 7 ? -800.0 : x(0, 0);
        const auto [f0, f1] = narrowAndWide([&] {
            Matrix out(n, 2);
            fastSigmoid(x.data(), out.col(0).data(), out.col(1).data(), n);
            return out;
        });
        EXPECT_TRUE(sameBits(f0, f1)) << "sigmoid, n = " << n;
    }
    for (Index m : {5, 8, 10, 16, 27, 32, 40}) {
        const Matrix a = rng.normalMatrix(m, 37, 0.0, 1.0);
        Matrix x = rng.normalMatrix(37, 1, 0.0, 1.0);
        x(4, 0) = 0.0;  // a skipped column
        const auto [y0, y1] = narrowAndWide([&] {
            Matrix y = Matrix::Constant(m, 1, 0.25);
            matrixVector(m, 37, a.data(), m, x.data(), y.data(), -0.7);
            return y;
        });
        EXPECT_TRUE(sameBits(y0, y1)) << "matrix-vector, m = " << m;
    }
    // Whole runs: the online net's shape at batch 1 and a batch of 3.
    const Network net = testnets::randomNet({40, 32, 18, 10}, Activation::Sigmoid, false, 4);
    for (Rule rule : {Rule::PC, Rule::BP})
        for (Index batch : {1, 3}) {
            const auto [w0, w1] = narrowAndWide([&] {
                BatchTrainer trainer(rule, net, PcConfig{0.1, 32, 0.1, 0.5}, batch);
                for (std::uint64_t k = 0; k < 6; ++k) {
                    const Trial t = testnets::randomTrial(net, batch, 20 + k);
                    EXPECT_TRUE(trainer.train(t.input, t.target));
                }
                Matrix all(
                    trainer.weight(1).size() + trainer.weight(2).size() + trainer.weight(3).size(),
                    1);
                all << trainer.weight(1).reshaped(), trainer.weight(2).reshaped(),
                    trainer.weight(3).reshaped();
                return all;
            });
            EXPECT_TRUE(sameBits(w0, w1)) << ruleName(rule) << " batch " << batch;
            // Training did change the weights (the runs are not two untouched nets).
            EXPECT_GT(std::abs(w0(0, 0) - net.weight(1)(0, 0)) +
                          std::abs(w0(w0.size() - 1, 0) - net.weight(3)(9, 17)),
                      0.0);
        }
}

namespace {

// Trains a copy of `net` with `rule` on `trials`, the loss covering the first `lossUnits`
// outputs; the last output's target is `lastTarget` in every example.
BatchTrainer trainWithLastTarget(Rule rule, const Network& net, const std::vector<Trial>& trials,
                                 Index lossUnits, Scalar lastTarget) {
    BatchTrainer trainer(rule, net, PcConfig{0.2, 24, 0.1, 0.5}, 4);
    trainer.setLossUnits(lossUnits);
    for (const Trial& t : trials) {
        Matrix target = t.target;
        target.bottomRows(1).setConstant(lastTarget);
        EXPECT_TRUE(trainer.train(t.input, target));
    }
    return trainer;
}

}  // namespace

TEST(BatchTrainer, LeftOutOutputUnitsChangeNothing) {
    const Network net = testnets::randomNet({7, 6, 5, 3}, Activation::Sigmoid, false, 21);
    const std::vector<Trial> trials = batches(net, {4, 3, 4, 4, 2}, 8);
    for (Rule rule : {Rule::PC, Rule::BP}) {
        SCOPED_TRACE(ruleName(rule));
        // The loss covers units 0 and 1: the target of unit 2 (0 or 1) changes no weight.
        const BatchTrainer zero = trainWithLastTarget(rule, net, trials, 2, 0.0);
        const BatchTrainer one = trainWithLastTarget(rule, net, trials, 2, 1.0);
        EXPECT_EQ(zero.lossUnits(), 2);
        EXPECT_EQ(maxWeightDifference(zero.network(), one.network()), 0.0);
        EXPECT_EQ(zero.loss(), one.loss());
        // Unit 2's incoming weights never move (its error is zero); the others' do.
        const Index L = net.depth();
        EXPECT_EQ((zero.weight(L).row(2) - net.weight(L).row(2)).cwiseAbs().maxCoeff(), 0.0);
        EXPECT_GT((zero.weight(L).topRows(2) - net.weight(L).topRows(2)).cwiseAbs().maxCoeff(),
                  1e-4);
        EXPECT_GT(maxWeightDifference(zero.network(), net), 1e-4);
        // With every unit in the loss the same two targets do give different weights.
        const BatchTrainer allZero = trainWithLastTarget(rule, net, trials, 3, 0.0);
        const BatchTrainer allOne = trainWithLastTarget(rule, net, trials, 3, 1.0);
        EXPECT_EQ(allZero.lossUnits(), 3);
        EXPECT_GT(maxWeightDifference(allZero.network(), allOne.network()), 1e-4);
        EXPECT_GT(maxWeightDifference(zero.network(), allZero.network()), 1e-4);
    }
}

TEST(BatchTrainer, EveryUnitInTheLossIsTheDefault) {
    // setLossUnits(n_L) gives the same bits as never calling it (and Simulation agrees with the
    // default: SameWeightsAsSimulation*).
    const Network net = testnets::randomNet({7, 6, 5, 3}, Activation::Sigmoid, false, 4);
    const std::vector<Trial> trials = batches(net, {4, 3, 4}, 2);
    for (Rule rule : {Rule::PC, Rule::BP}) {
        BatchTrainer plain(rule, net, PcConfig{0.2, 24, 0.1, 0.5}, 4);
        EXPECT_EQ(plain.lossUnits(), 3);
        BatchTrainer all(rule, net, PcConfig{0.2, 24, 0.1, 0.5}, 4);
        all.setLossUnits(3);
        for (const Trial& t : trials) {
            ASSERT_TRUE(plain.train(t.input, t.target));
            ASSERT_TRUE(all.train(t.input, t.target));
        }
        EXPECT_EQ(maxWeightDifference(plain.network(), all.network()), 0.0);
        EXPECT_EQ(plain.loss(), all.loss());
    }
}
