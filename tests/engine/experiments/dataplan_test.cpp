// The dataset experiments' option tables, plans, report measures and shard files
// (engine/experiments/dataoptions.h, dataplan.h, datareport.h, datashards.h).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>

#include "engine/experiments/dataoptions.h"
#include "engine/experiments/dataplan.h"
#include "engine/experiments/datareport.h"
#include "engine/experiments/datashards.h"

using namespace engine;
using namespace engine::experiments;

namespace {

constexpr Scalar NaN = std::numeric_limits<Scalar>::quiet_NaN();

/// The option texts of an experiment: name -> (default, quick).
std::map<std::string, std::pair<std::string, std::string>> texts(DataProtocol protocol) {
    std::map<std::string, std::pair<std::string, std::string>> out;
    for (const DataOptionInfo& o : dataExperiment(protocol).options)
        out[o.name] = {o.defaultText, o.quickText};
    return out;
}

/// A plan of `protocol` with every option at its default except `given`.
DataPlan planOf(DataProtocol protocol, const std::map<std::string, std::string>& given) {
    const auto all = texts(protocol);
    DataPlanRead read = readDataPlan(
        protocol,
        [&](const std::string& name) {
            const auto it = given.find(name);
            return it != given.end() ? it->second : all.at(name).first;
        },
        "--");
    EXPECT_TRUE(read.problems.empty()) << read.problems.front();
    return read.plan ? *read.plan : DataPlan{};
}

bool sameCells(const std::vector<DataCell>& a, const std::vector<DataCell>& b) {
    if (a.size() != b.size())
        return false;
    for (size_t k = 0; k < a.size(); ++k)
        if (findCell(b, a[k]) != static_cast<int>(k))
            return false;
    return true;
}

/// A result with one row of errors per task.
DataCellResult resultOf(std::vector<std::vector<Scalar>> errors) {
    DataCellResult r;
    r.errors = std::move(errors);
    return r;
}

}  // namespace

TEST(DataOptions, DefaultsAreThePapersAndQuickIsTheQuickVariant) {
    // Every option of every table with the text of the engine's default and of quick().
    const std::map<DataProtocol, std::map<std::string, std::pair<std::string, std::string>>>
        expected = {
            {DataProtocol::Depth,
             {{"depths", {"1-2,4,6,8,10,12,14-15", "2,6,10"}},
              {"alphas",
               {"5,1,0.5,0.1,0.05,0.01,0.005,0.001,5e-04,1e-04,5e-05,1e-05,5e-06",
                "0.1,0.01,0.001,1e-04"}},
              {"seeds", {"3", "1"}},
              {"per-class", {"60", "60"}},
              {"batch-size", {"60", "60"}},
              {"epochs", {"64", "10"}},
              {"width", {"64", "64"}},
              {"test-per-class", {"0", "100"}},
              {"data", {"", ""}},
              {"T", {"128", "128"}},
              {"gamma0", {"0.1", "0.1"}},
              {"discount", {"0.5", "0.5"}}}},
            {DataProtocol::Online,
             {{"batch-sizes", {"1,8,16,32,64", "1,64"}},
              {"alphas", {"paper", "1:0.1,0.2;64:0.005"}},
              {"seeds", {"3", "1"}},
              {"epochs", {"64", "64"}},
              {"batches", {"200", "200"}},
              {"train-per-class", {"0", "0"}},
              {"test-per-class", {"0", "100"}},
              {"data", {"", ""}},
              {"T", {"64", "64"}},
              {"gamma0", {"0.1", "0.1"}},
              {"discount", {"0.5", "0.5"}}}},
            {DataProtocol::Continual,
             {{"alphas", {"0.005,0.001,5e-04,1e-04", "5e-04,1e-04"}},
              {"seeds", {"21", "2"}},
              {"per-class", {"600", "600"}},
              {"batch-size", {"500", "500"}},
              {"cycles", {"20", "11"}},
              {"epochs-per-task", {"4", "4"}},
              {"scored-epochs", {"84", "84"}},
              {"test-per-class", {"0", "200"}},
              {"configuration", {"protocol", "protocol"}},
              {"data", {"", ""}},
              {"T", {"64", "64"}},
              {"gamma0", {"0.1", "0.1"}},
              {"discount", {"0.9", "0.9"}}}},
            {DataProtocol::Drift,
             {{"alphas", {"0.1,0.05,0.01,0.005,0.001", "0.1,0.05,0.01"}},
              {"seeds", {"3", "1"}},
              {"epochs", {"3000", "128"}},
              {"period", {"64", "64"}},
              {"per-class", {"120", "120"}},
              {"test-per-class", {"100", "100"}},
              {"batch-size", {"32", "32"}},
              {"pretrain-epochs", {"64", "8"}},
              {"pretrain-batch-size", {"60", "60"}},
              {"pretrain-alpha", {"0.01", "0.01"}},
              {"pretrain-per-class", {"0", "0"}},
              {"data", {"", ""}},
              {"T", {"128", "128"}},
              {"gamma0", {"0.1", "0.1"}},
              {"discount", {"0.5", "0.5"}}}},
            {DataProtocol::SmallData,
             {{"per-class", {"60,300,600,3000,6000", "10,60,300"}},
              {"alphas", {"0.1,0.05,0.01,0.005,0.001,5e-04,1e-04,5e-05,1e-05", "0.01,0.005,0.001"}},
              {"seeds", {"3", "1"}},
              {"batch-size", {"60", "60"}},
              {"epochs", {"64", "64"}},
              {"test-cap", {"0", "200"}},
              {"data", {"", ""}},
              {"T", {"64", "64"}},
              {"gamma0", {"1", "1"}},
              {"discount", {"0.5", "0.5"}}}},
        };
    ASSERT_EQ(dataExperiments().size(), expected.size());
    for (const auto& [protocol, options] : expected) {
        SCOPED_TRACE(dataProtocolName(protocol));
        EXPECT_EQ(texts(protocol), options);
        EXPECT_EQ(dataExperiment(protocol).name, dataProtocolName(protocol));
        EXPECT_EQ(findDataExperiment(dataProtocolName(protocol)), &dataExperiment(protocol));
    }
}

TEST(DataOptions, PlansHoldTheEnginesGrids) {
    const DataPlan depth = planOf(DataProtocol::Depth, {});
    EXPECT_TRUE(sameCells(depth.cells, depthCells(DepthConfig{})));
    EXPECT_EQ(depth.epochs, 64);
    EXPECT_TRUE(sameCells(planOf(DataProtocol::Online, {}).cells, onlineCells(OnlineConfig{})));
    const DataPlan continual = planOf(DataProtocol::Continual, {});
    EXPECT_TRUE(sameCells(continual.cells, continualCells(ContinualConfig{})));
    EXPECT_EQ(continual.epochs, 160);
    EXPECT_EQ(continual.tasks, 2);
    EXPECT_EQ(continual.phaseEpochs, 4);
    EXPECT_EQ(continual.metric.epochs, 84);
    EXPECT_EQ(continual.option("configuration"), "protocol");
    EXPECT_EQ(continual.description.find("authors"), std::string::npos);
    const DataPlan authors = planOf(DataProtocol::Continual, {{"configuration", "authors"}});
    EXPECT_EQ(authors.option("configuration"), "authors");
    EXPECT_TRUE(sameCells(authors.cells, continual.cells));
    EXPECT_NE(authors.description.find("Configuration authors: task A = classes 0-4"),
              std::string::npos)
        << authors.description;
    const DataPlan drift = planOf(DataProtocol::Drift, {});
    EXPECT_TRUE(sameCells(drift.cells, driftCells(DriftConfig{})));
    EXPECT_EQ(drift.driftPeriod, 64);
    EXPECT_EQ(drift.epochs, 3000);
    const DataPlan small = planOf(DataProtocol::SmallData, {});
    EXPECT_TRUE(sameCells(small.cells, smallDataCells(SmallDataConfig{})));
    EXPECT_EQ(small.metric.kind, DataMetric::Kind::LowestOverEpochs);
    EXPECT_STREQ(planOf(DataProtocol::Online, {}).epochWord(), "iteration");
    // What a plan records is every option but the data folder, as read.
    const DataPlan given = planOf(DataProtocol::Depth, {{"depths", "3, 2"}, {"data", "/x"}});
    EXPECT_EQ(given.option("depths"), "3,2");
    EXPECT_EQ(given.option("data"), "");
    EXPECT_EQ(given.dataFolder, "/x");
    EXPECT_EQ(given.options.size(), dataExperiment(DataProtocol::Depth).options.size() - 1);
}

TEST(DataOptions, OnlineRatesByBatchSize) {
    OnlineAlphas a;
    EXPECT_FALSE(readOnlineAlphas("1:0.1,0.2; 64:0.005", a));
    ASSERT_EQ(a.perBatch.size(), 2u);
    EXPECT_EQ(a.perBatch[1].batchSize, 64);
    EXPECT_EQ(a.perBatch[1].alphas, std::vector<Scalar>{0.005});
    EXPECT_EQ(a.text(), "1:0.1,0.2;64:0.005");
    EXPECT_FALSE(readOnlineAlphas("0.3,0.1", a));
    EXPECT_EQ(a.text(), "0.3,0.1");
    EXPECT_FALSE(readOnlineAlphas("paper", a));
    EXPECT_EQ(a.text(), "paper");
    for (const char* bad : {"1:", "1:0.1;1:0.2", "x:0.1", "0:0.1", "1;0.1", "", "1:nan"}) {
        OnlineAlphas b;
        EXPECT_TRUE(readOnlineAlphas(bad, b)) << bad;
    }
    // Batch sizes without rates of their own take the paper's; others need rates.
    OnlineSettings s;
    s.batchSizes = {1, 16, 5};
    ASSERT_FALSE(readOnlineAlphas("1:0.2", s.alphas));
    std::vector<std::string> problems;
    const OnlineConfig c = onlineConfig(s, &problems);
    ASSERT_EQ(c.settings.size(), 3u);
    EXPECT_EQ(c.settings[0].alphas, std::vector<Scalar>{0.2});
    EXPECT_EQ(c.settings[1].alphas, paperOnlineAlphas(16));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("batch size 5"), std::string::npos);
    s.batchSizes = {16};
    problems.clear();
    onlineConfig(s, &problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("batch size 1 is not among"), std::string::npos);
}

TEST(DataReport, ContinualPhaseStatsByHand) {
    // Phases of 2 epochs: A, B, A. Task A: 0.5 0.3 | 0.6 0.7 | 0.4 0.2; task B: 0.9 0.9 | 0.5
    // 0.3 | 0.4 0.6. Trained at phase ends: A 0.3, B 0.3, A 0.2 -> 0.2667. Untrained rises: phase
    // 1 (B trained) A 0.3 -> 0.7 = +0.4; phase 2 (A trained) B 0.3 -> 0.6 = +0.3; mean 0.35.
    const DataCellResult r =
        resultOf({{0.5, 0.3, 0.6, 0.7, 0.4, 0.2}, {0.9, 0.9, 0.5, 0.3, 0.4, 0.6}});
    const ContinualPhaseStats s = continualPhaseStats(r, 2);
    EXPECT_NEAR(s.trainedEnd, 0.8 / 3, 1e-15);
    EXPECT_NEAR(s.untrainedRise, 0.35, 1e-15);
    DataCellResult diverged = r;
    diverged.diverged = true;
    EXPECT_TRUE(std::isnan(continualPhaseStats(diverged, 2).trainedEnd));
    // One phase only: no rise to measure.
    EXPECT_TRUE(
        std::isnan(continualPhaseStats(resultOf({{0.5, 0.3}, {0.9, 0.9}}), 2).untrainedRise));
}

TEST(DataReport, DriftRecoveryStatsByHand) {
    // Periods of 4 epochs, window 1: after a change 0.8 and 0.6 (mean 0.7), at the end 0.2 and
    // 0.1 (mean 0.15); the 9th epoch starts a period that is not whole and is left out.
    const DataCellResult r = resultOf({{0.8, 0.5, 0.3, 0.2, 0.6, 0.4, 0.2, 0.1, 0.9}});
    const DriftRecoveryStats s = driftRecoveryStats(r, 4, 1);
    EXPECT_NEAR(s.afterChange, 0.7, 1e-15);
    EXPECT_NEAR(s.beforeChange, 0.15, 1e-15);
    const DriftRecoveryStats w = driftRecoveryStats(r, 4, 2);
    EXPECT_NEAR(w.afterChange, (0.8 + 0.5 + 0.6 + 0.4) / 4, 1e-15);
    EXPECT_EQ(driftWindow(64), 4);
    EXPECT_EQ(driftWindow(3), 1);
}

/// The cells of the line of `text` under the line containing `heading` whose first cell is
/// `first` (cells are separated by two or more spaces); empty when there is none.
std::vector<std::string> tableLine(const std::string& text, const std::string& heading,
                                   const std::string& first) {
    const size_t start = text.find(heading);
    if (start == std::string::npos)
        return {};
    std::istringstream lines(text.substr(start));
    for (std::string line; std::getline(lines, line);) {
        std::vector<std::string> cells;
        size_t k = line.find_first_not_of(' ');
        while (k != std::string::npos) {
            const size_t end = line.find("  ", k);
            cells.push_back(line.substr(k, end == std::string::npos ? end : end - k));
            k = end == std::string::npos ? end : line.find_first_not_of(' ', end);
        }
        if (!cells.empty() && cells[0] == first)
            return cells;
    }
    return {};
}

TEST(DataReport, ContinualAndDriftCompareTheRulesSeedBySeed) {
    // Continual, phases of one epoch (A, then B), 4 seeds; PC diverged in seed 3, which is left
    // out of the pairs. BP seed s: A 0.5, 0.7 + 0.01s; B 0.9, 0.4. PC: A 0.5, 0.6; B 0.9, 0.4 +
    // 0.02s. The untrained task's rise (A while B is trained): BP 0.2 + 0.01s, PC 0.1, so PC - BP
    // is -0.10, -0.11, -0.12: mean -0.11, se 0.01 / sqrt(3). Scores (the mean of the 4 errors):
    // PC - BP = (-0.1 + 0.01s) / 4: mean -0.0225, se 0.0025 / sqrt(3).
    const DataPlan plan =
        planOf(DataProtocol::Continual,
               {{"alphas", "0.01"}, {"seeds", "4"}, {"cycles", "1"}, {"epochs-per-task", "1"}});
    std::vector<DataCellResult> results;
    for (const DataCell& c : plan.cells) {
        const Scalar s = c.seed;
        if (c.rule == Rule::BP)
            results.push_back(resultOf({{0.5, 0.7 + 0.01 * s}, {0.9, 0.4}}));
        else if (c.seed < 3)
            results.push_back(resultOf({{0.5, 0.6}, {0.9, 0.4 + 0.02 * s}}));
        else {
            results.push_back(resultOf({{NaN}, {NaN}}));
            results.back().diverged = true;
        }
    }
    const std::string text = dataSummaryText(plan, results);
    EXPECT_EQ(tableLine(text, "seed by seed", "0.01"),
              (std::vector<std::string>{"0.01", "3", "-0.0225 (0.0014)", "3 of 3",
                                        "-0.1100 (0.0058)", "3 of 3"}))
        << text;
    // Drift: one seed where PC is worse after a change and one where it is better; a single
    // pair has no standard error.
    const DataPlan drift = planOf(
        DataProtocol::Drift, {{"alphas", "0.1"}, {"seeds", "2"}, {"epochs", "4"}, {"period", "4"}});
    std::vector<DataCellResult> driftResults;
    for (const DataCell& c : drift.cells) {
        const Scalar first = c.rule == Rule::BP ? 0.5 : (c.seed == 0 ? 0.6 : 0.2);
        driftResults.push_back(resultOf({{first, 0.3, 0.3, 0.3}}));
    }
    EXPECT_EQ(tableLine(dataSummaryText(drift, driftResults), "seed by seed", "0.1"),
              (std::vector<std::string>{"0.1", "2", "-0.0250 (0.0500)", "1 of 2",
                                        "-0.1000 (0.2000)", "1 of 2"}));
    driftResults.pop_back();
    driftResults.push_back(resultOf({{NaN}}));
    driftResults.back().diverged = true;
    EXPECT_EQ(tableLine(dataSummaryText(drift, driftResults), "seed by seed", "0.1"),
              (std::vector<std::string>{"0.1", "1", "+0.0250", "0 of 1", "+0.1000", "0 of 1"}));
}

TEST(DataShards, PreambleAndRowsMergeBackToTheGrid) {
    // A small continual plan with made-up results: shards written, read and merged give back the
    // grid's results and the same CSV.
    const DataPlan plan = planOf(
        DataProtocol::Continual,
        {{"alphas", "0.01,0.001"}, {"seeds", "2"}, {"cycles", "1"}, {"epochs-per-task", "1"}});
    ASSERT_EQ(plan.cells.size(), 8u);
    std::vector<DataCellResult> results;
    for (size_t k = 0; k < plan.cells.size(); ++k) {
        const Scalar v = 0.1 * static_cast<Scalar>(k);
        results.push_back(resultOf({{v, v + 0.01}, {v + 0.02, v + 0.03}}));
    }
    results[5] = resultOf({{NaN}, {NaN}});
    results[5].diverged = true;
    results[5].problem = "PC, alpha 0.01, seed 1: diverged in epoch 1: overflow";
    std::vector<ShardFile> shards;
    for (int k = 1; k <= 3; ++k) {
        const std::vector<DataCell> cells = shardCells(plan.cells, k - 1, 3);
        std::vector<DataCellResult> mine;
        for (const DataCell& c : cells)
            mine.push_back(results[static_cast<size_t>(findCell(plan.cells, c))]);
        const std::string text = shardPreamble(plan, k, 3, "/data", 0xabcdef, cells, mine) +
                                 report::csvText(dataCsvOf(plan, cells, mine));
        std::string error;
        std::optional<ShardFile> file = parseShard(text, "s" + std::to_string(k), error);
        ASSERT_TRUE(file) << error;
        EXPECT_EQ(file->index, k);
        EXPECT_EQ(file->fingerprint, "0000000000abcdef");
        shards.push_back(*file);
    }
    std::string error;
    const std::optional<MergedGrid> merged = mergeShards(shards, error);
    ASSERT_TRUE(merged) << error;
    ASSERT_EQ(merged->results.size(), results.size());
    for (size_t k = 0; k < results.size(); ++k) {
        EXPECT_EQ(merged->results[k].diverged, results[k].diverged);
        EXPECT_EQ(merged->results[k].problem, results[k].problem);
    }
    EXPECT_EQ(report::csvText(dataCsvOf(merged->plan, merged->plan.cells, merged->results)),
              report::csvText(dataCsvOf(plan, plan.cells, results)));
    EXPECT_EQ(dataSummaryText(merged->plan, merged->results), dataSummaryText(plan, results));
    // Other data, a diverged cell that is not the shard's, a malformed head.
    std::vector<ShardFile> other = shards;
    other[1].fingerprint = "0000000000000001";
    EXPECT_FALSE(mergeShards(other, error));
    EXPECT_NE(error.find("other data"), std::string::npos) << error;
    other = shards;
    other[0].diverged.push_back({plan.cells[1], "x"});
    EXPECT_FALSE(mergeShards(other, error));
    EXPECT_NE(error.find("is not a cell of shard 1/3"), std::string::npos) << error;
    EXPECT_FALSE(parseShard(std::string(ShardMagicLine) + "\n# shard 4/3\n", "bad", error));
    EXPECT_NE(error.find("bad: line 2 is malformed"), std::string::npos) << error;
    EXPECT_FALSE(
        parseShard(std::string(ShardMagicLine) + "\n# experiment depth\n", "short", error));
    EXPECT_NE(error.find("incomplete"), std::string::npos) << error;
}
