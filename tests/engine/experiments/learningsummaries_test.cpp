// The aggregation shared by the command line and the results window, on hand-made job results.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/experiments/learningsummaries.h"

namespace ex = engine::experiments;
using engine::Rule;

TEST(LearningSummaries, SeedStatsUseOnlyFiniteValues) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // 1, 2, 6: mean 3, sd sqrt(((-2)^2 + (-1)^2 + 3^2) / 2) = sqrt(7).
    const ex::SeedStats s = ex::seedStats({1.0, nan, 2.0, 6.0, INFINITY});
    EXPECT_DOUBLE_EQ(s.mean, 3.0);
    EXPECT_DOUBLE_EQ(s.sd, std::sqrt(7.0));
    EXPECT_EQ(s.n, 3u);
    EXPECT_EQ(s.nonFinite, 2u);
    EXPECT_EQ(ex::seedStats({4.0}).sd, 0.0);
    EXPECT_TRUE(std::isnan(ex::seedStats({nan}).mean));
    EXPECT_TRUE(std::isnan(ex::seedStats({}).mean));
}

TEST(LearningSummaries, FearGroupsValuesPerRuleAndGroupInSeedOrder) {
    std::vector<ex::FearJob> jobs = ex::fearJobs(2);
    ASSERT_EQ(jobs.size(), 12u);
    for (size_t i = 0; i < jobs.size(); ++i)
        jobs[i].result.fearToNoise = static_cast<double>(i);
    const ex::FearSummary s = ex::summariseFear(jobs);
    // Order: BP N+ 0,1; BP LN+ 2,3; BP LN+L- 4,5; PC N+ 6,7; ...
    EXPECT_EQ(s.values.at({Rule::BP, ex::FearGroup::LightNoise}), (std::vector<double>{2, 3}));
    EXPECT_DOUBLE_EQ(s.stats(Rule::PC, ex::FearGroup::Noise).mean, 6.5);
    EXPECT_DOUBLE_EQ(s.extinctionEffect(Rule::PC), 10.5 - 8.5);
    ASSERT_EQ(s.csv.rows.size(), 12u);
    EXPECT_EQ(s.csv.rows[3], (std::vector<std::string>{"BP", "LN+", "1", "3"}));
    EXPECT_TRUE(s.problems.empty());
}

TEST(LearningSummaries, ErraticComparesPcWithBpInterpolatedAtTheSameFinalDistance) {
    std::vector<ex::ErraticJob> jobs = ex::erraticJobs(1, {0.1, 0.2}, {0.5, 0.9});
    ASSERT_EQ(jobs.size(), 4u);
    // BP: (final 1, path 2) and (final 3, path 5); PC: final 2 path 2.5, final 4 path 4.
    const double values[4][2] = {{1, 2}, {3, 5}, {2, 2.5}, {4, 4}};
    for (size_t i = 0; i < 4; ++i) {
        jobs[i].result.length.finalDistance = values[i][0];
        jobs[i].result.length.path = values[i][1];
    }
    const ex::ErraticSummary s = ex::summariseErratic(jobs, {0.1, 0.2}, {0.5, 0.9});
    ASSERT_EQ(s.comparisons.size(), 2u);
    ASSERT_TRUE(s.comparisons[0].bpPathAtFinal.has_value());
    EXPECT_DOUBLE_EQ(*s.comparisons[0].bpPathAtFinal, 3.5);    // halfway between 2 and 5
    EXPECT_FALSE(s.comparisons[1].bpPathAtFinal.has_value());  // final 4 is past BP's range
    EXPECT_EQ(s.csv.header.size(), 5u);
    EXPECT_EQ(s.of(Rule::PC, 0.9).path, (std::vector<double>{4}));
}

TEST(LearningSummaries, ReversalCountsPunishedTrialsWhoseNextTrialIsAfterTheLimit) {
    // The authors keep the rows logged on training iterations > 64; a row is logged on the trial
    // AFTER a punishment (iterations count from 1). So with a limit of 64 the punished trials
    // 64..127 (1-based) count, and trial 63 does not. Here: 70 trials, punished at 1-based 63,
    // 64 and 65 (0-based 62, 63, 64), each followed by a stay.
    std::vector<ex::ReversalJob> jobs = ex::reversalJobs(0, 1);
    ASSERT_EQ(jobs.size(), 1u);
    ASSERT_EQ(jobs[0].rule, Rule::PC);
    std::vector<engine::ChoiceRecord>& h = jobs[0].run.rows;
    h.resize(70);
    for (int k = 0; k < 70; ++k) {
        h[static_cast<size_t>(k)].trial = k;
        h[static_cast<size_t>(k)].values = engine::Vector::Constant(2, 0.01 * k);
    }
    for (int k : {62, 63, 64})
        h[static_cast<size_t>(k)].punished = true;
    const ex::ReversalSummary s = ex::summariseReversal(jobs, 64);
    const ex::ReversalSummary::Split& stay = s.of(Rule::PC, false);
    // Punished 1-based 64 and 65: values 0.63 and 0.64, next trial 0.64 and 0.65.
    ASSERT_EQ(stay.atPunish.size(), 2u);
    EXPECT_DOUBLE_EQ(stay.atPunish[0], 0.63);
    EXPECT_DOUBLE_EQ(stay.nextTrial[1], 0.65);
    EXPECT_TRUE(s.of(Rule::PC, true).atPunish.empty());
    EXPECT_EQ(ex::summariseReversal(jobs, 0).of(Rule::PC, false).atPunish.size(), 3u);
}

TEST(LearningSummaries, RunningStatsAreSeedStatsWithoutKeepingTheValues) {
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<double> values{0.5, -1.25, 3.0, inf, 2.0, 1e-3, -7.5, std::nan(""), 4.0};
    ex::RunningStats all, first, second;
    for (std::size_t k = 0; k < values.size(); ++k) {
        all.add(values[k]);
        (k < 4 ? first : second).add(values[k]);
    }
    first.merge(second);
    const ex::SeedStats expected = ex::seedStats(values);
    for (const ex::RunningStats& r : {all, first}) {
        const ex::SeedStats s = r.stats();
        EXPECT_EQ(s.n, expected.n);
        EXPECT_EQ(s.nonFinite, expected.nonFinite);
        EXPECT_NEAR(s.mean, expected.mean, 1e-14);
        EXPECT_NEAR(s.sd, expected.sd, 1e-14);
        EXPECT_EQ(r.count(), values.size());
    }
    EXPECT_TRUE(std::isnan(ex::RunningStats().stats().mean));
    ex::RunningStats one;
    one.add(2.5);
    EXPECT_EQ(one.stats().sd, 0.0);
    EXPECT_EQ(one.stats().mean, 2.5);
}

// The command line's reversal-learning streams: a run handed over trial by trial gives
// reversalRun()'s records, the stream's rows are summariseReversal()'s CSV rows, and its totals
// its figures (means and sds up to rounding), for several seeds of both rules, a limit, and a
// run that diverges part-way.
TEST(LearningSummaries, StreamedReversalIsTheSummaryOfTheWholeRuns) {
    ex::ReversalConfig config;
    config.trials = 5000;  // more than one piece of 4096 trials
    config.pc.iterations = 16;
    for (double alpha : {0.1, 40.0}) {
        SCOPED_TRACE(alpha);
        config.pc.alpha = alpha;
        std::vector<ex::ReversalJob> jobs = ex::reversalJobs(2, 2);
        ex::ReversalTotals totals;
        std::vector<std::vector<std::string>> rows;
        for (ex::ReversalJob& job : jobs) {
            ex::runReversalJob(job, config);
            ex::ReversalStream stream(
                job.rule, job.seed, 100,
                [&](const std::vector<std::string>& r) { rows.push_back(r); });
            std::int64_t handed = 0;
            const std::string problem = ex::reversalRunStreaming(
                job.rule, job.seed, config, [&](const engine::ChoiceRecord& r) {
                    ASSERT_LT(handed, static_cast<std::int64_t>(job.run.rows.size()));
                    const engine::ChoiceRecord& whole = job.run.rows[static_cast<size_t>(handed)];
                    EXPECT_EQ(r.trial, whole.trial);
                    EXPECT_EQ(r.choice, whole.choice);
                    EXPECT_EQ(r.values, whole.values);
                    ++handed;
                    stream.add(r);
                });
            EXPECT_EQ(handed, static_cast<std::int64_t>(job.run.rows.size()));
            EXPECT_EQ(problem, job.run.problem);
            stream.finish(problem);
            totals.merge(stream.totals());
        }
        const ex::ReversalSummary whole = ex::summariseReversal(jobs, 100);
        EXPECT_EQ(ex::reversalCsvHeader(), whole.csv.header);
        EXPECT_TRUE(rows == whole.csv.rows) << rows.size() << " rows, " << whole.csv.rows.size();
        EXPECT_EQ(totals.problems, whole.problems);
        EXPECT_EQ(!whole.problems.empty(), alpha > 1.0);
        auto same = [](const ex::RunningStats& r, const std::vector<double>& v) {
            const ex::SeedStats a = r.stats(), b = ex::seedStats(v);
            EXPECT_EQ(r.count(), v.size());
            EXPECT_EQ(a.n, b.n);
            EXPECT_EQ(a.nonFinite, b.nonFinite);
            if (b.n > 0) {
                EXPECT_NEAR(a.mean, b.mean, 1e-12 * (1 + std::abs(b.mean)));
                EXPECT_NEAR(a.sd, b.sd, 1e-12 * (1 + b.sd));
            }
        };
        for (Rule rule : ex::LearningRules) {
            for (bool switched : {false, true}) {
                same(totals.of(rule, switched).atPunish, whole.of(rule, switched).atPunish);
                same(totals.of(rule, switched).nextTrial, whole.of(rule, switched).nextTrial);
            }
            if (whole.change.count(rule)) {
                same(totals.change.at(rule).chosen, whole.change.at(rule).chosen);
                same(totals.change.at(rule).unchosen, whole.change.at(rule).unchosen);
            }
        }
        if (alpha < 1.0) {
            EXPECT_GT(totals.of(Rule::PC, false).atPunish.count(), 100u);
        }
    }
}
