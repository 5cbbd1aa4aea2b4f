#include <gtest/gtest.h>

#include <cmath>

#include "engine/core/network.h"
#include "engine/core/trial.h"

using namespace engine;

namespace {

bool mentions(const std::vector<std::string>& problems, const std::string& word) {
    for (const auto& p : problems)
        if (p.find(word) != std::string::npos)
            return true;
    return false;
}

}  // namespace

TEST(NetworkSpec, ValidLayeredSpecHasNoProblems) {
    EXPECT_TRUE(NetworkSpec::layered({3, 4, 2}, Activation::Tanh, Initialiser::xavierUniform())
                    .validate()
                    .empty());
}

TEST(NetworkSpec, ReportsEveryKindOfProblem) {
    EXPECT_TRUE(
        mentions(NetworkSpec::layered({3}, Activation::Tanh, Initialiser::constant(1)).validate(),
                 "at least an input and an output"));
    EXPECT_TRUE(mentions(
        NetworkSpec::layered({3, 0, 2}, Activation::Tanh, Initialiser::constant(1)).validate(),
        "layer 1 has 0 neurons"));
    EXPECT_TRUE(mentions(
        NetworkSpec::layered({3, -4, 2}, Activation::Tanh, Initialiser::constant(1)).validate(),
        "layer 1 has -4 neurons"));
    EXPECT_TRUE(
        mentions(NetworkSpec::layered({50000, 50000, 2}, Activation::Tanh, Initialiser::constant(1))
                     .validate(),
                 "network too large"));

    NetworkSpec s = NetworkSpec::layered({2, 3, 1}, Activation::Tanh, Initialiser::constant(1));
    s.weight(1).init = Initialiser::explicitWeights(Matrix::Ones(2, 2));
    s.weight(2).mask = Matrix::Ones(3, 3);
    s.activations.back() = Activation::Sigmoid;
    const auto problems = s.validate();
    EXPECT_TRUE(mentions(problems, "W1: explicit weights are 2x2, expected 3x2"));
    EXPECT_TRUE(mentions(problems, "W2: mask is 3x3, expected 1x3"));
    EXPECT_TRUE(mentions(problems, "output layer"));

    NetworkSpec n = NetworkSpec::layered({1, 1}, Activation::Identity, Initialiser::constant(NAN));
    EXPECT_TRUE(mentions(n.validate(), "not finite"));
    n.weight(1).init = Initialiser::explicitWeights(Matrix::Constant(1, 1, INFINITY));
    EXPECT_TRUE(mentions(n.validate(), "NaN or infinite"));
    n.weight(1).init = Initialiser::constant(1);
    n.weight(1).learningRate = -0.5;
    EXPECT_TRUE(mentions(n.validate(), "learning rate"));
    n.weight(1).learningRate.reset();
    n.weight(1).mask = Matrix::Constant(1, 1, 0.5);
    EXPECT_TRUE(mentions(n.validate(), "0 or 1"));
}

TEST(Network, InitialisersDrawWhatTheySay) {
    const Index pre = 40, post = 60;
    auto draw = [&](Initialiser init) {
        return Network(NetworkSpec::layered({pre, post}, Activation::Identity, init), 11).weight(1);
    };
    EXPECT_TRUE((draw(Initialiser::constant(0.25)).array() == 0.25).all());

    const double bound = 2.0 * std::sqrt(6.0 / (pre + post));
    const Matrix u = draw(Initialiser::xavierUniform(2.0));
    EXPECT_LE(u.cwiseAbs().maxCoeff(), bound);
    EXPECT_GT(u.cwiseAbs().maxCoeff(), 0.9 * bound);
    // Variance of U(-a, a) is a^2 / 3.
    EXPECT_NEAR(u.squaredNorm() / double(u.size()), bound * bound / 3.0, 0.1 * bound * bound / 3.0);

    const Matrix n = draw(Initialiser::xavierNormal(1.0));
    EXPECT_NEAR(n.squaredNorm() / double(n.size()), 2.0 / (pre + post), 0.15 * 2.0 / (pre + post));

    const Matrix g = draw(Initialiser::normal(3.0, 0.5));
    EXPECT_NEAR(g.mean(), 3.0, 0.05);
    const Matrix a = draw(Initialiser::absNormal(0.1, 0.01));
    EXPECT_TRUE((a.array() >= 0.0).all());
    EXPECT_NEAR(a.mean(), 0.1, 0.005);
}

TEST(Network, SameSeedSameWeightsOtherSeedOtherWeights) {
    const auto spec =
        NetworkSpec::layered({5, 7, 3}, Activation::Tanh, Initialiser::xavierNormal());
    EXPECT_EQ(Network(spec, 9).flatParameters(), Network(spec, 9).flatParameters());
    EXPECT_NE(Network(spec, 9).flatParameters(), Network(spec, 10).flatParameters());
}

TEST(Network, MaskKeepsAbsentSynapsesAtZero) {
    NetworkSpec spec =
        NetworkSpec::layered({2, 2}, Activation::Identity, Initialiser::constant(3.0));
    spec.weight(1).mask = Matrix::Identity(2, 2);
    Network net(spec, 0);
    EXPECT_EQ(net.weight(1)(0, 1), 0.0);
    EXPECT_EQ(net.weight(1)(0, 0), 3.0);
    net.setWeight(1, Matrix::Constant(2, 2, 5.0));
    EXPECT_EQ(net.weight(1)(1, 0), 0.0);
    EXPECT_EQ(net.weight(1)(1, 1), 5.0);
    EXPECT_EQ(net.synapseCount(), 2);
}

TEST(Network, ForwardComputesPredictionsByHand) {
    // x0 = (1, 2); W1 = [[1, -1], [0.5, 0.5]], b1 = (0.1, 0); tanh hidden; W2 = [2, 1].
    NetworkSpec spec =
        NetworkSpec::layered({2, 2, 1}, Activation::Tanh, Initialiser::constant(0), true);
    Matrix w1(2, 2), w2(1, 2);
    w1 << 1, -1, 0.5, 0.5;
    w2 << 2, 1;
    spec.weight(1).init = Initialiser::explicitWeights(w1);
    spec.weight(1).initialBias = Vector::Constant(2, 0.0);
    spec.weight(1).initialBias(0) = 0.1;
    spec.weight(2).init = Initialiser::explicitWeights(w2);
    Network net(spec, 0);
    Matrix x(2, 1);
    x << 1, 2;
    const auto a = net.forward(x);
    // a1 = (1 - 2 + 0.1, 0.5 + 1) = (-0.9, 1.5); mu2 = 2 tanh(-0.9) + tanh(1.5).
    EXPECT_NEAR(a[1](0), -0.9, 1e-15);
    EXPECT_NEAR(a[1](1), 1.5, 1e-15);
    EXPECT_NEAR(a[2](0), 2 * std::tanh(-0.9) + std::tanh(1.5), 1e-14);
}

TEST(Trial, ValidationNamesTheProblem) {
    const auto spec = NetworkSpec::layered({2, 3, 1}, Activation::Tanh, Initialiser::constant(1));
    Trial t = Trial::single(Vector::Ones(3), Vector::Ones(1));
    EXPECT_TRUE(
        mentions(validateTrial(t, spec), "input has 3 values per sample, the input layer has 2"));
    t.input = Matrix::Ones(2, 1);
    EXPECT_TRUE(validateTrial(t, spec).empty());
    t.input(1) = NAN;
    EXPECT_TRUE(mentions(validateTrial(t, spec), "input contains NaN"));
    t.input(1) = 0;
    t.target(0) = NAN;
    EXPECT_TRUE(mentions(validateTrial(t, spec), "target contains NaN"));
    t.mask = Matrix::Zero(1, 1);  // unsupervised: the NaN placeholder is fine
    EXPECT_TRUE(validateTrial(t, spec).empty());
    t.mask = Matrix::Zero(1, 2);
    EXPECT_TRUE(mentions(validateTrial(t, spec), "mask"));
}

TEST(HashMatrices, IsFnv1aOverShapesAndValues) {
    // FNV-1a 64: offset basis 0xcbf29ce484222325, prime 0x100000001b3, one byte at a time over
    // each matrix's (rows, cols) as 64-bit integers and its doubles, little-endian (x86-64). The
    // expected values were computed apart from this code (Python, struct.pack("<qqd", ...)).
    EXPECT_EQ(hashMatrices({}), 0xcbf29ce484222325ULL);  // no bytes: the offset basis
    EXPECT_EQ(hashMatrices({Matrix::Constant(1, 1, 1.0)}), 0xab385d6356cdfdd8ULL);
    Matrix column(2, 1);
    column << 0.5, -2.0;
    EXPECT_EQ(hashMatrices({column, Matrix()}), 0xf4815e700299b607ULL);
}

TEST(Network, SetLearningRateAssertsAFiniteRateOfAtLeastZero) {
#ifdef NDEBUG
    GTEST_SKIP() << "assertions are off in this build (the asan preset's Debug build checks this)";
#else
    Network net(
        NetworkSpec::layered({1, 1}, Activation::Identity, Initialiser::constant(1.0), false), 0);
    net.setLearningRate(1, 0.5);
    EXPECT_EQ(net.learningRate(1, 0.1), 0.5);
    net.setLearningRate(1, std::nullopt);
    EXPECT_EQ(net.learningRate(1, 0.1), 0.1);
    EXPECT_DEATH(net.setLearningRate(1, -1.0), "rate");
    EXPECT_DEATH(net.setLearningRate(1, std::nan("")), "rate");
    EXPECT_DEATH(net.setLearningRate(2, 0.5), "depth");
#endif
}
