#pragma once

// Aggregation of the paper's small figures (experiments.h; science file, section 4, items 1-4
// and 6): the bear runs of Fig. 1 / 3a and the learning-rate sweep of Fig. 3d, target alignment
// against depth (Fig. 3e), the 1-2-2 weight trajectories and the prospective index per layer.
// Shared by the command line and the results window, as learningsummaries.h is for the learning
// experiments: the runs as jobs (each job touching only itself, on any thread), then one
// summary with the values the tables and plots show and the CSV table.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/metrics.h"
#include "engine/experiments/experiments.h"
#include "engine/experiments/learningsummaries.h"
#include "engine/report/table.h"

namespace engine::experiments {

// ---- the bear net: interference (Fig. 1 / 3a) and the learning-rate sweep (Fig. 3d) ------------

/// One run of the bear example: a learning rate and a number of trials, and its predictions
/// once run.
struct BearJob {
    Scalar alpha = 0.0;
    int trials = 0;
    Observations<OutputRow> run;
};
/// One job per learning rate, in the order given.
std::vector<BearJob> bearJobs(const std::vector<Scalar>& alphas, int trials);
/// Runs one job in place: interference(job.alpha, job.trials, pc).
void runBearJob(BearJob& job, const PcConfig& pc);

/// One rule's predictions before each trial of a bear run, in trial order.
struct BearCurve {
    std::vector<Scalar> sound;  ///< output_0, whose target is 0 (the river is silent).
    std::vector<Scalar> smell;  ///< output_1, whose target stays 1 (the salmon).
    Minimum lowestSmell;        ///< The interference: the lowest smell prediction and where.
};
/// Both rules' curves of one run.
struct BearSummary {
    Scalar alpha = 0.0;
    BearCurve bp, pc;
    std::string problem;  ///< Why the run stopped early, or empty.
    /// The curve of `rule`.
    const BearCurve& of(Rule rule) const { return rule == Rule::BP ? bp : pc; }
};
/// The curves of one finished job.
BearSummary summariseBear(const BearJob& job);
/// Every job's summary, and the CSV rule,[alpha,]trial,output_0,output_1 (alpha when
/// `withAlpha`; the trials count from 1, the prediction is taken before the trial learns).
struct BearRuns {
    std::vector<BearSummary> runs;      ///< In job order.
    std::vector<std::string> problems;  ///< "alpha A: why" (or just why for one run).
    report::TextTable csv;
};
/// Aggregates finished jobs.
BearRuns summariseBearRuns(const std::vector<BearJob>& jobs, bool withAlpha);

// ---- target alignment against depth (Fig. 3e) -------------------------------------------------

/// One net: a depth and a seed, and the alignment of one step of each rule once run.
struct AlignmentJob {
    int depth = 1;
    std::uint64_t seed = 0;
    AlignmentResult result;
};
/// Every (depth, seed) for seeds 0..seeds-1, depths in the order given. Deeper nets take longer:
/// with ascending depths, run from the end so that the threads finish together.
std::vector<AlignmentJob> targetAlignmentJobs(const std::vector<int>& depths, int seeds);
/// Runs one job in place.
void runAlignmentJob(AlignmentJob& job, const DeepNetConfig& config);

/// Target alignment per depth and rule, over seeds.
struct TargetAlignmentSummary {
    struct Row {
        int depth = 1;
        std::vector<Scalar> bp, pc;  ///< One per seed, in seed order.
        SeedStats bpStats, pcStats;  ///< Over the finite values.
    };
    std::vector<Row> rows;  ///< One per distinct depth, in the order first given.
    std::vector<std::string> problems;
    report::TextTable csv;  ///< rule, depth, seed, target_alignment (BP's rows, then PC's).
};
/// Aggregates finished jobs.
TargetAlignmentSummary summariseTargetAlignment(const std::vector<AlignmentJob>& jobs);

// ---- the 1-2-2 weight trajectories (energy-landscape figure) ----------------------------------

/// The one run of the 1-2-2 net: a number of trials, and both rules' weights once run.
struct TrajectoryJob {
    int trials = 0;
    Observations<WeightRow> run;
};
/// Runs the job in place: trajectories122(job.trials, config).
void runTrajectoryJob(TrajectoryJob& job, const TrajectoryConfig& config);

/// Both rules' paths in the (w1, w2) plane.
struct TrajectorySummary {
    std::vector<WeightRow> bp, pc;  ///< The weights before each trial.
    Scalar bpPath = 0.0;            ///< Length of BP's path in (w1, w2).
    Scalar pcPath = 0.0;
    std::vector<std::string> problems;
    report::TextTable csv;  ///< rule, trial, w1, w2.
    /// The rows of `rule`.
    const std::vector<WeightRow>& of(Rule rule) const { return rule == Rule::BP ? bp : pc; }
};
/// Splits the finished run by rule and measures the paths.
TrajectorySummary summariseTrajectories(const TrajectoryJob& job);

/// The loss 1/2 ||y - prediction||^2 of the 1-2-2 net (trajectorySpec(), trajectoryTrial())
/// with trainable weights (w1, w2): the landscape the trajectories run over.
Scalar trajectoryLoss(Scalar w1, Scalar w2);

// ---- the prospective index per layer ----------------------------------------------------------

/// One net: a depth and a seed, and PC's prospective index per layer once run.
struct ProspectiveIndexJob {
    int depth = 1;
    std::uint64_t seed = 0;
    Observations<Scalar> run;
};
/// Seeds 0..seeds-1 of one depth.
std::vector<ProspectiveIndexJob> prospectiveIndexJobs(int depth, int seeds);
/// Runs one job in place.
void runProspectiveIndexJob(ProspectiveIndexJob& job, const DeepNetConfig& config);

/// The prospective index of every layer over seeds.
struct ProspectiveIndexSummary {
    std::vector<std::vector<Scalar>> perLayer;  ///< Layer l at l-1: one value per seed.
    std::vector<SeedStats> stats;               ///< Layer l at l-1.
    std::vector<std::string> problems;
    report::TextTable csv;  ///< layer, seed, prospective_index.
};
/// Aggregates finished jobs (all of one depth).
ProspectiveIndexSummary summariseProspectiveIndex(const std::vector<ProspectiveIndexJob>& jobs);

}  // namespace engine::experiments
