// Determinism and divergence handling.
#include <gtest/gtest.h>

#include "engine/core/lockstep.h"
#include "engine/experiments/experiments.h"
#include "testnets.h"

using namespace engine;

namespace {

std::uint64_t runHash(std::uint64_t seed) {
    const Network net = testnets::randomNet({4, 8, 8, 3}, Activation::Sigmoid, true, seed);
    LockstepPair pair(
        net, BpConfig{0.1}, PcConfig{0.1, 32, 0.1, 0.5},
        {testnets::randomTrial(net, 2, seed), testnets::randomTrial(net, 2, seed + 1)});
    pair.stepTrials(10);
    std::vector<Matrix> all;
    for (Rule r : {Rule::BP, Rule::PC}) {
        const auto s = pair.get(r).snapshot();
        for (Index l = 1; l <= net.depth(); ++l) {
            all.push_back(s->weights[static_cast<size_t>(l)]);
            all.push_back(s->biases[static_cast<size_t>(l)]);
            all.push_back(s->layers[static_cast<size_t>(l)].x);
        }
    }
    return hashMatrices(all);
}

}  // namespace

TEST(Determinism, SameSeedGivesBitIdenticalState) {
    EXPECT_EQ(runHash(17), runHash(17));
    EXPECT_NE(runHash(17), runHash(18));
}

TEST(Divergence, ExplodingWeightsStopTheRunWithAMessage) {
    Simulation bp(Network(experiments::bearSpec(), 0), BpConfig{1e6});
    bp.setTrials({experiments::bearTrial()});
    EXPECT_FALSE(bp.stepTrials(1000));
    EXPECT_EQ(bp.status(), Status::Diverged);
    EXPECT_NE(bp.problem().find("no longer finite"), std::string::npos) << bp.problem();
    EXPECT_NE(bp.problem().find("BP, trial"), std::string::npos) << bp.problem();
    // Stopped: further steps do nothing.
    const auto steps = bp.stepCount();
    EXPECT_FALSE(bp.stepIteration());
    EXPECT_FALSE(bp.stepTrial());
    EXPECT_EQ(bp.stepCount(), steps);
    EXPECT_EQ(bp.snapshot()->status, Status::Diverged);
    // Reset recovers.
    bp.reset(Network(experiments::bearSpec(), 0));
    EXPECT_EQ(bp.status(), Status::Ok);
    EXPECT_TRUE(bp.stepTrial());
}

TEST(Divergence, UnstableRelaxationIsNamedWithLayerAndIteration) {
    // gamma0 = 50 with no discount: x^1 oscillates with factor 1 - 3 * 50 and overflows.
    Simulation pc(Network(experiments::bearSpec(), 0), PcConfig{0.1, 100000, 50.0, 1.0});
    pc.setTrials({experiments::bearTrial()});
    EXPECT_FALSE(pc.stepTrial());
    EXPECT_EQ(pc.status(), Status::Diverged);
    EXPECT_NE(pc.problem().find("PC, trial 1"), std::string::npos) << pc.problem();
    EXPECT_NE(pc.problem().find("layer 1"), std::string::npos) << pc.problem();
    EXPECT_NE(pc.problem().find("phase relax, iteration"), std::string::npos) << pc.problem();
    EXPECT_LT(pc.snapshot()->iteration, 1000);
}

TEST(Divergence, LockstepStopsWhenOneRuleDiverges) {
    LockstepPair pair(Network(experiments::bearSpec(), 0), BpConfig{1e6},
                      PcConfig{0.01, 16, 0.1, 0.5}, {experiments::bearTrial()});
    EXPECT_FALSE(pair.stepTrials(1000));
    EXPECT_FALSE(pair.ok());
    EXPECT_EQ(pair.pc().status(), Status::Ok);
}

TEST(BadTrials, ProviderWithWrongShapeStopsWithAMessage) {
    Simulation pc(Network(experiments::bearSpec(), 0), PcConfig{});
    pc.setTrialProvider([](std::int64_t index, const Network&, Trial& out) {
        out = experiments::bearTrial();
        if (index == 2)
            out.target = Matrix::Ones(3, 1);
    });
    EXPECT_TRUE(pc.stepTrials(2));
    EXPECT_FALSE(pc.stepTrial());
    EXPECT_EQ(pc.status(), Status::BadTrial);
    EXPECT_NE(pc.problem().find("trial 3: target has 3 values"), std::string::npos) << pc.problem();
}

TEST(BadTrials, NoTrialsMeansNothingHappens) {
    Simulation pc(Network(experiments::bearSpec(), 0), PcConfig{});
    EXPECT_FALSE(pc.stepIteration());
    EXPECT_EQ(pc.status(), Status::Ok);
    EXPECT_EQ(pc.stepCount(), 0);
    EXPECT_FALSE(pc.setTrials({}).empty());
}
