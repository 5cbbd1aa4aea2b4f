#include "engine/experiments/figuresummaries.h"

#include <cmath>
#include <limits>

#include "engine/core/trial.h"
#include "engine/report/format.h"

namespace engine::experiments {

using report::formatNumber;

// ---- the bear net -------------------------------------------------------------------------------

std::vector<BearJob> bearJobs(const std::vector<Scalar>& alphas, int trials) {
    std::vector<BearJob> jobs;
    for (Scalar a : alphas)
        jobs.push_back({a, trials, {}});
    return jobs;
}

void runBearJob(BearJob& job, const PcConfig& pc) {
    job.run = interference(job.alpha, job.trials, pc);
}

BearSummary summariseBear(const BearJob& job) {
    BearSummary s;
    s.alpha = job.alpha;
    s.problem = job.run.problem;
    for (const OutputRow& r : job.run.rows) {
        BearCurve& c = r.rule == Rule::BP ? s.bp : s.pc;
        c.sound.push_back(r.output(0));
        c.smell.push_back(r.output(1));
    }
    for (BearCurve* c : {&s.bp, &s.pc})
        if (!c->smell.empty())
            c->lowestSmell = seriesMinimum(c->smell);
    return s;
}

BearRuns summariseBearRuns(const std::vector<BearJob>& jobs, bool withAlpha) {
    BearRuns s;
    s.csv.header = {"rule", "trial", "output_0", "output_1"};
    if (withAlpha)
        s.csv.header.insert(s.csv.header.begin() + 1, "alpha");
    for (const BearJob& j : jobs) {
        s.runs.push_back(summariseBear(j));
        if (!j.run.problem.empty())
            s.problems.push_back(withAlpha ? "alpha " + formatNumber(j.alpha) + ": " + j.run.problem
                                           : j.run.problem);
        for (const OutputRow& r : j.run.rows) {
            std::vector<std::string> cells{ruleName(r.rule)};
            if (withAlpha)
                cells.push_back(formatNumber(r.alpha));
            cells.push_back(std::to_string(r.trial));
            for (Index i = 0; i < r.output.size(); ++i)
                cells.push_back(formatNumber(r.output(i)));
            s.csv.rows.push_back(std::move(cells));
        }
    }
    return s;
}

// ---- target alignment ---------------------------------------------------------------------------

std::vector<AlignmentJob> targetAlignmentJobs(const std::vector<int>& depths, int seeds) {
    std::vector<AlignmentJob> jobs;
    for (int d : depths)
        for (int s = 0; s < seeds; ++s)
            jobs.push_back({d, static_cast<std::uint64_t>(s), {}});
    return jobs;
}

void runAlignmentJob(AlignmentJob& job, const DeepNetConfig& config) {
    job.result = targetAlignmentRun(job.depth, job.seed, config);
}

TargetAlignmentSummary summariseTargetAlignment(const std::vector<AlignmentJob>& jobs) {
    TargetAlignmentSummary s;
    s.csv.header = {"rule", "depth", "seed", "target_alignment"};
    for (Rule rule : LearningRules)
        for (const AlignmentJob& j : jobs)
            s.csv.rows.push_back({ruleName(rule), std::to_string(j.depth), std::to_string(j.seed),
                                  formatNumber(rule == Rule::BP ? j.result.bp : j.result.pc)});
    for (const AlignmentJob& j : jobs) {
        if (!j.result.problem.empty())
            s.problems.push_back("depth " + std::to_string(j.depth) + ", seed " +
                                 std::to_string(j.seed) + ": " + j.result.problem);
        // A depth listed twice is one row, with its runs in job order.
        auto row = s.rows.begin();
        while (row != s.rows.end() && row->depth != j.depth)
            ++row;
        if (row == s.rows.end())
            row = s.rows.insert(row, TargetAlignmentSummary::Row{j.depth, {}, {}, {}, {}});
        row->bp.push_back(j.result.bp);
        row->pc.push_back(j.result.pc);
    }
    for (TargetAlignmentSummary::Row& row : s.rows) {
        row.bpStats = seedStats(row.bp);
        row.pcStats = seedStats(row.pc);
    }
    return s;
}

// ---- the 1-2-2 trajectories ---------------------------------------------------------------------

void runTrajectoryJob(TrajectoryJob& job, const TrajectoryConfig& config) {
    job.run = trajectories122(job.trials, config);
}

namespace {

/// Sum of the lengths of the steps between consecutive points of a (w1, w2) path.
Scalar pathLength(const std::vector<WeightRow>& rows) {
    Scalar length = 0.0;
    for (size_t k = 1; k < rows.size(); ++k)
        length += std::hypot(rows[k].w1 - rows[k - 1].w1, rows[k].w2 - rows[k - 1].w2);
    return length;
}

}  // namespace

TrajectorySummary summariseTrajectories(const TrajectoryJob& job) {
    TrajectorySummary s;
    s.csv.header = {"rule", "trial", "w1", "w2"};
    if (!job.run.problem.empty())
        s.problems.push_back(job.run.problem);
    for (const WeightRow& r : job.run.rows) {
        (r.rule == Rule::BP ? s.bp : s.pc).push_back(r);
        s.csv.rows.push_back(
            {ruleName(r.rule), std::to_string(r.trial), formatNumber(r.w1), formatNumber(r.w2)});
    }
    s.bpPath = pathLength(s.bp);
    s.pcPath = pathLength(s.pc);
    return s;
}

Scalar trajectoryLoss(Scalar w1, Scalar w2) {
    Network net(trajectorySpec(), 0);
    Matrix w(2, 1);
    w << w1, w2;
    net.setWeight(1, w);
    return trialLoss(net, trajectoryTrial());
}

// ---- the prospective index ----------------------------------------------------------------------

std::vector<ProspectiveIndexJob> prospectiveIndexJobs(int depth, int seeds) {
    std::vector<ProspectiveIndexJob> jobs;
    for (int s = 0; s < seeds; ++s)
        jobs.push_back({depth, static_cast<std::uint64_t>(s), {}});
    return jobs;
}

void runProspectiveIndexJob(ProspectiveIndexJob& job, const DeepNetConfig& config) {
    job.run = prospectiveIndexRun(job.depth, job.seed, config);
}

ProspectiveIndexSummary summariseProspectiveIndex(const std::vector<ProspectiveIndexJob>& jobs) {
    ProspectiveIndexSummary s;
    s.csv.header = {"layer", "seed", "prospective_index"};
    const int depth = jobs.empty() ? 0 : jobs.front().depth;
    s.perLayer.resize(static_cast<size_t>(depth));
    for (const ProspectiveIndexJob& j : jobs) {
        if (!j.run.problem.empty())
            s.problems.push_back("seed " + std::to_string(j.seed) + ": " + j.run.problem);
        for (int l = 0; l < depth; ++l)
            s.perLayer[static_cast<size_t>(l)].push_back(
                l < static_cast<int>(j.run.rows.size()) ? j.run.rows[static_cast<size_t>(l)]
                                                        : std::numeric_limits<Scalar>::quiet_NaN());
    }
    for (int l = 0; l < depth; ++l) {
        const std::vector<Scalar>& values = s.perLayer[static_cast<size_t>(l)];
        s.stats.push_back(seedStats(values));
        for (size_t k = 0; k < values.size(); ++k)
            s.csv.rows.push_back(
                {std::to_string(l + 1), std::to_string(jobs[k].seed), formatNumber(values[k])});
    }
    return s;
}

}  // namespace engine::experiments
