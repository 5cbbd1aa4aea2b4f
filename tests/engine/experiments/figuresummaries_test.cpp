// The aggregation of the paper's small figures, shared by the command line and the results
// window, on hand-made job results (and the loss landscape of the 1-2-2 net by hand).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/experiments/figuresummaries.h"

namespace ex = engine::experiments;
using engine::Rule;
using engine::Scalar;
using engine::Vector;

namespace {

ex::OutputRow outputRow(Rule rule, Scalar alpha, int trial, Scalar sound, Scalar smell) {
    Vector out(2);
    out << sound, smell;
    return {rule, alpha, trial, out};
}

}  // namespace

TEST(FigureSummaries, BearCurvesPerRuleWithTheLowestSmell) {
    std::vector<ex::BearJob> jobs = ex::bearJobs({0.5, 0.1}, 3);
    ASSERT_EQ(jobs.size(), 2u);
    EXPECT_EQ(jobs[1].alpha, 0.1);
    EXPECT_EQ(jobs[1].trials, 3);
    // Run 0.5: BP's smell 1, 0.7, 0.8 (lowest 0.7 at trial 2); PC's 1, 0.95, 0.95.
    jobs[0].run.rows = {
        outputRow(Rule::BP, 0.5, 1, 1.0, 1.0),  outputRow(Rule::BP, 0.5, 2, 0.5, 0.7),
        outputRow(Rule::BP, 0.5, 3, 0.2, 0.8),  outputRow(Rule::PC, 0.5, 1, 1.0, 1.0),
        outputRow(Rule::PC, 0.5, 2, 0.6, 0.95), outputRow(Rule::PC, 0.5, 3, 0.3, 0.95)};
    jobs[1].run.rows = {outputRow(Rule::BP, 0.1, 1, 1.0, 1.0),
                        outputRow(Rule::PC, 0.1, 1, 1.0, 1.0)};
    jobs[1].run.problem = "PC, trial 2: diverged";
    const ex::BearRuns s = ex::summariseBearRuns(jobs, true);
    ASSERT_EQ(s.runs.size(), 2u);
    const ex::BearCurve& bp = s.runs[0].of(Rule::BP);
    EXPECT_EQ(bp.sound, (std::vector<Scalar>{1.0, 0.5, 0.2}));
    EXPECT_EQ(bp.smell, (std::vector<Scalar>{1.0, 0.7, 0.8}));
    EXPECT_EQ(bp.lowestSmell.value, 0.7);
    EXPECT_EQ(bp.lowestSmell.at, 1u);
    EXPECT_EQ(s.runs[0].of(Rule::PC).lowestSmell.at, 1u);  // the first of two equal lowest
    EXPECT_EQ(s.runs[1].pc.smell.size(), 1u);
    ASSERT_EQ(s.problems.size(), 1u);
    EXPECT_EQ(s.problems[0], "alpha 0.1: PC, trial 2: diverged");
    EXPECT_EQ(s.csv.header,
              (std::vector<std::string>{"rule", "alpha", "trial", "output_0", "output_1"}));
    ASSERT_EQ(s.csv.rows.size(), 8u);
    EXPECT_EQ(s.csv.rows[1], (std::vector<std::string>{"BP", "0.5", "2", "0.5", "0.7"}));
    EXPECT_EQ(ex::summariseBearRuns(jobs, false).csv.rows[1],
              (std::vector<std::string>{"BP", "2", "0.5", "0.7"}));
}

TEST(FigureSummaries, TargetAlignmentPerDepthInTheOrderGivenOverFiniteValues) {
    // Depth 3 listed twice: one row with both runs.
    std::vector<ex::AlignmentJob> jobs = ex::targetAlignmentJobs({3, 1, 3}, 2);
    ASSERT_EQ(jobs.size(), 6u);
    const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
    const Scalar values[6][2] = {{0.2, 0.8}, {0.4, 0.9}, {1, 1}, {1, 1}, {0.3, nan}, {0.5, 0.7}};
    for (size_t i = 0; i < jobs.size(); ++i)
        jobs[i].result = {values[i][0], values[i][1],
                          std::isnan(values[i][1]) ? "PC diverged" : ""};
    const ex::TargetAlignmentSummary s = ex::summariseTargetAlignment(jobs);
    ASSERT_EQ(s.rows.size(), 2u);
    EXPECT_EQ(s.rows[0].depth, 3);
    EXPECT_EQ(s.rows[1].depth, 1);
    EXPECT_EQ(s.rows[0].bp, (std::vector<Scalar>{0.2, 0.4, 0.3, 0.5}));
    EXPECT_DOUBLE_EQ(s.rows[0].bpStats.mean, 0.35);
    // PC at depth 3: 0.8, 0.9, NaN, 0.7: the mean of the finite three, one left out.
    EXPECT_DOUBLE_EQ(s.rows[0].pcStats.mean, 0.8);
    EXPECT_EQ(s.rows[0].pcStats.nonFinite, 1u);
    EXPECT_EQ(s.rows[1].pcStats.sd, 0.0);
    ASSERT_EQ(s.problems.size(), 1u);
    EXPECT_EQ(s.problems[0], "depth 3, seed 0: PC diverged");
    ASSERT_EQ(s.csv.rows.size(), 12u);
    EXPECT_EQ(s.csv.rows[0], (std::vector<std::string>{"BP", "3", "0", "0.2"}));
    EXPECT_EQ(s.csv.rows[10], (std::vector<std::string>{"PC", "3", "0", "nan"}));
}

TEST(FigureSummaries, TrajectoryPathsAreTheSumsOfTheSteps) {
    ex::TrajectoryJob job{3, {}};
    // BP: (0, 0) -> (3, 4) -> (3, 0): 5 + 4 = 9. PC: (0, 0) -> (0.6, 0.8): 1.
    job.run.rows = {{Rule::BP, 1, 0, 0},
                    {Rule::BP, 2, 3, 4},
                    {Rule::BP, 3, 3, 0},
                    {Rule::PC, 1, 0, 0},
                    {Rule::PC, 2, 0.6, 0.8}};
    const ex::TrajectorySummary s = ex::summariseTrajectories(job);
    EXPECT_DOUBLE_EQ(s.bpPath, 9.0);
    EXPECT_DOUBLE_EQ(s.pcPath, 1.0);
    EXPECT_EQ(s.of(Rule::BP).size(), 3u);
    EXPECT_EQ(s.of(Rule::PC).back().w2, 0.8);
    ASSERT_EQ(s.csv.rows.size(), 5u);
    EXPECT_EQ(s.csv.rows[4], (std::vector<std::string>{"PC", "2", "0.6", "0.8"}));
}

TEST(FigureSummaries, TrajectoryLossIsTheOneTwoTwoNetsLossByHand) {
    // Outputs (w1, 2 w2) for input 1 and target (1, 1): loss 1/2 ((1 - w1)^2 + (1 - 2 w2)^2).
    EXPECT_DOUBLE_EQ(ex::trajectoryLoss(0.0, 0.0), 1.0);
    EXPECT_DOUBLE_EQ(ex::trajectoryLoss(1.0, 0.5), 0.0);
    EXPECT_NEAR(ex::trajectoryLoss(0.4, 0.8), 0.5 * (0.36 + 0.36), 1e-15);
    EXPECT_NEAR(ex::trajectoryLoss(2.0, -1.0), 0.5 * (1.0 + 9.0), 1e-15);
}

TEST(FigureSummaries, ProspectiveIndexPerLayerOverSeeds) {
    std::vector<ex::ProspectiveIndexJob> jobs = ex::prospectiveIndexJobs(2, 3);
    ASSERT_EQ(jobs.size(), 3u);
    EXPECT_EQ(jobs[2].seed, 2u);
    const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
    jobs[0].run.rows = {0.9, 1.0};
    jobs[1].run.rows = {0.7, 1.0};
    jobs[2].run = {{nan, nan}, "PC diverged"};
    const ex::ProspectiveIndexSummary s = ex::summariseProspectiveIndex(jobs);
    ASSERT_EQ(s.stats.size(), 2u);
    EXPECT_DOUBLE_EQ(s.stats[0].mean, 0.8);
    EXPECT_EQ(s.stats[0].n, 2u);
    EXPECT_EQ(s.stats[1].mean, 1.0);
    EXPECT_EQ(s.problems, (std::vector<std::string>{"seed 2: PC diverged"}));
    ASSERT_EQ(s.csv.rows.size(), 6u);  // layer-major
    EXPECT_EQ(s.csv.rows[1], (std::vector<std::string>{"1", "1", "0.7"}));
    EXPECT_EQ(s.csv.rows[5], (std::vector<std::string>{"2", "2", "nan"}));
}
