#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <set>
#include <thread>

#include "engine/experiments/dataexperiments.h"

using namespace engine;
using namespace engine::experiments;

namespace {

// A tiny synthetic FashionMNIST stand-in: 10 classes of 4 x 4 images, each class a random
// prototype in [0, 1] plus noise, `train` and `test` images per class.
std::shared_ptr<const data::Dataset> syntheticData(int train = 40, int test = 20,
                                                   double noise = 0.15) {
    Random rng(42);
    std::vector<std::vector<float>> prototypes(data::ClassCount);
    for (auto& p : prototypes)
        for (int k = 0; k < 16; ++k)
            p.push_back(static_cast<float>(rng.uniform()));
    auto make = [&](int perClass, data::ImageSet& set) {
        set.rows = 4;
        set.cols = 4;
        for (int i = 0; i < perClass; ++i)
            for (int c = 0; c < data::ClassCount; ++c) {
                for (float v : prototypes[static_cast<size_t>(c)])
                    set.pixels.push_back(
                        std::clamp(v + static_cast<float>(noise * rng.normal()), 0.0f, 1.0f));
                set.labels.push_back(static_cast<std::uint8_t>(c));
            }
    };
    auto d = std::make_shared<data::Dataset>();
    make(train, d->train);
    make(test, d->test);
    d->source = "synthetic";
    return d;
}

void expectPartition(const std::vector<DataCell>& cells) {
    for (int count : {1, 2, 3, 7, static_cast<int>(cells.size()) + 2}) {
        std::vector<int> seen(cells.size(), 0);
        size_t total = 0;
        for (int index = 0; index < count; ++index) {
            const std::vector<DataCell> shard = shardCells(cells, index, count);
            total += shard.size();
            // Each shard is a subsequence of the grid, in grid order.
            size_t at = 0;
            for (const DataCell& c : shard) {
                while (at < cells.size() &&
                       !(cells[at].rule == c.rule && cells[at].setting == c.setting &&
                         cells[at].alpha == c.alpha && cells[at].seed == c.seed))
                    ++at;
                ASSERT_LT(at, cells.size());
                ++seen[at++];
            }
        }
        EXPECT_EQ(total, cells.size()) << count << " shards";
        for (size_t k = 0; k < seen.size(); ++k)
            EXPECT_EQ(seen[k], 1) << "cell " << k << " with " << count << " shards";
    }
}

void expectDistinct(const std::vector<DataCell>& cells) {
    std::set<std::tuple<int, int, double, int>> keys;
    for (const DataCell& c : cells)
        keys.insert({c.rule == Rule::BP ? 0 : 1, c.setting, c.alpha, c.seed});
    EXPECT_EQ(keys.size(), cells.size());
}

}  // namespace

TEST(DataExperiments, PaperDefaultsAndQuickVariantsValidate) {
    EXPECT_TRUE(DepthConfig{}.validate().empty());
    EXPECT_TRUE(OnlineConfig{}.validate().empty());
    EXPECT_TRUE(ContinualConfig{}.validate().empty());
    EXPECT_TRUE(DriftConfig{}.validate().empty());
    EXPECT_TRUE(SmallDataConfig{}.validate().empty());
    EXPECT_TRUE(DepthConfig::quick().validate().empty());
    EXPECT_TRUE(OnlineConfig::quick().validate().empty());
    EXPECT_TRUE(ContinualConfig::quick().validate().empty());
    EXPECT_TRUE(DriftConfig::quick().validate().empty());
    EXPECT_TRUE(SmallDataConfig::quick().validate().empty());
    // The grids' sizes as in the paper: depth 9 x 13 x 3 x 2 rules.
    EXPECT_EQ(depthCells(DepthConfig{}).size(), 9u * 13 * 3 * 2);
    EXPECT_EQ(onlineCells(OnlineConfig{}).size(), (6u + 4 + 4 + 5 + 5) * 3 * 2);
    EXPECT_EQ(continualCells(ContinualConfig{}).size(), 4u * 21 * 2);
    EXPECT_EQ(driftCells(DriftConfig{}).size(), 5u * 3 * 2);
    EXPECT_EQ(smallDataCells(SmallDataConfig{}).size(), 5u * 9 * 3 * 2);
}

TEST(DataExperiments, BadSettingsAreReported) {
    DepthConfig d;
    d.depths = {};
    d.alphas = {0.1, -1.0, 0.1};
    d.seeds = 0;
    d.pc.iterations = 0;
    const std::vector<std::string> p = d.validate();
    EXPECT_EQ(p.size(), 5u);  // no depth, a negative rate, a rate twice, no seed, T = 0
    OnlineConfig o;
    o.settings.push_back({1, {0.1}});
    o.settings[0].alphas = {};
    EXPECT_EQ(o.validate().size(), 2u);
    ContinualConfig c;
    c.batchSize = 0;
    EXPECT_EQ(c.validate().size(), 1u);
    DriftConfig f;
    f.pretrainAlpha = std::nan("");
    f.period = 0;
    EXPECT_EQ(f.validate().size(), 2u);
    SmallDataConfig s;
    s.perClass = {60, 60};
    EXPECT_EQ(s.validate().size(), 1u);
}

TEST(DataExperiments, GridsAreDeterministicPartitionsForShards) {
    for (const std::vector<DataCell>& cells :
         {depthCells(DepthConfig{}), onlineCells(OnlineConfig{}), continualCells(ContinualConfig{}),
          driftCells(DriftConfig{}), smallDataCells(SmallDataConfig{}),
          depthCells(DepthConfig::quick())}) {
        expectDistinct(cells);
        expectPartition(cells);
    }
    // The same grid every time, in the documented order: BP first, then settings, alphas, seeds.
    const std::vector<DataCell> a = onlineCells(OnlineConfig{}), b = onlineCells(OnlineConfig{});
    ASSERT_EQ(a.size(), b.size());
    for (size_t k = 0; k < a.size(); ++k)
        EXPECT_TRUE(a[k].rule == b[k].rule && a[k].setting == b[k].setting &&
                    a[k].alpha == b[k].alpha && a[k].seed == b[k].seed);
    EXPECT_EQ(a.front().rule, Rule::BP);
    EXPECT_EQ(a.front().setting, 1);
    EXPECT_EQ(a.front().alpha, 0.05);
    EXPECT_EQ(a[1].seed, 1);
    EXPECT_EQ(a.back().rule, Rule::PC);
    EXPECT_EQ(a.back().setting, 64);
}

TEST(DataExperiments, BothRulesLearnASyntheticTask) {
    const auto d = syntheticData();
    SmallDataConfig config;
    config.perClass = {40};
    config.alphas = {0.02};
    config.seeds = 1;
    config.batchSize = 10;
    config.epochs = 30;
    config.pc.iterations = 16;
    for (Rule rule : {Rule::BP, Rule::PC}) {
        const DataCellResult r = runSmallDataCell(config, *d, {rule, 40, 0.02, 0}, {});
        ASSERT_FALSE(r.diverged) << r.problem;
        ASSERT_EQ(r.epochs(), 30);
        // Chance is 0.9; both rules end far below it and improve on their first epoch.
        EXPECT_LT(r.errors[0].back(), 0.2) << ruleName(rule);
        EXPECT_LT(r.errors[0].back(), r.errors[0].front()) << ruleName(rule);
        EXPECT_LT(config.metric().of(r), 0.2);
    }
}

TEST(DataExperiments, ADivergentRateIsRecordedAndTheGridGoesOn) {
    const auto d = syntheticData();
    DepthConfig config;
    config.depths = {3};
    config.alphas = {1e4, 0.005};
    config.seeds = 2;
    config.perClass = 20;
    config.batchSize = 20;
    config.epochs = 4;
    config.width = 8;
    config.pc.iterations = 8;
    const std::vector<DataCell> cells = depthCells(config);
    std::vector<DataCellResult> results;
    for (const DataCell& c : cells)
        results.push_back(runDepthCell(config, *d, c));
    int diverged = 0;
    for (size_t k = 0; k < cells.size(); ++k) {
        if (cells[k].alpha == 1e4) {
            EXPECT_TRUE(results[k].diverged);
            EXPECT_TRUE(std::isnan(results[k].errors[0].back()));
            EXPECT_NE(results[k].problem.find("alpha 10000"), std::string::npos)
                << results[k].problem;
            EXPECT_NE(results[k].problem.find("depth 3"), std::string::npos);
            ++diverged;
        } else {
            EXPECT_FALSE(results[k].diverged) << results[k].problem;
            EXPECT_EQ(results[k].epochs(), 4);
        }
    }
    EXPECT_EQ(diverged, 4);
    const DataSummary s = summariseData(config.metric(), cells, results);
    ASSERT_EQ(s.rows.size(), 2u);
    for (const DataSummary::Row& row : s.rows) {
        ASSERT_NE(row.bestRate(), nullptr);
        EXPECT_EQ(row.bestRate()->alpha, 0.005);
        EXPECT_EQ(row.rates[0].diverged, 2);
        EXPECT_EQ(row.bestRate()->stats.n, 2u);
    }
    EXPECT_EQ(s.problems.size(), 4u);
    // The CSV records the divergence as a nan row.
    const engine::report::TextTable csv = dataCsv(cells, results, false);
    const auto nanRows = std::count_if(csv.rows.begin(), csv.rows.end(),
                                       [](const auto& row) { return row[5] == "nan"; });
    EXPECT_EQ(nanRows, 4);
}

TEST(DataExperiments, SameCellSameNumbersAndBothRulesStartAlike) {
    const auto d = syntheticData();
    DepthConfig config;
    config.perClass = 10;
    config.batchSize = 10;
    config.epochs = 2;
    config.width = 6;
    config.pc.iterations = 4;
    const DataCell cell{Rule::PC, 3, 0.01, 1};
    const DataCellResult a = runDepthCell(config, *d, cell);
    const DataCellResult b = runDepthCell(config, *d, cell);
    EXPECT_EQ(a.errors, b.errors);
    const Network bp = depthNetwork(config, 3, 1, 16), pc = depthNetwork(config, 3, 1, 16);
    EXPECT_EQ(hashMatrices({bp.weight(1), bp.weight(2), bp.weight(3)}),
              hashMatrices({pc.weight(1), pc.weight(2), pc.weight(3)}));
    const Network other = depthNetwork(config, 3, 2, 16);
    EXPECT_NE(hashMatrices({bp.weight(1)}), hashMatrices({other.weight(1)}));
}

TEST(DataExperiments, OneLayerPcIsBp) {
    // With no hidden layer, PC's update is BP's: the same errors epoch by epoch.
    const auto d = syntheticData();
    DepthConfig config;
    config.perClass = 20;
    config.batchSize = 10;
    config.epochs = 3;
    config.pc.iterations = 8;
    const DataCellResult bp = runDepthCell(config, *d, {Rule::BP, 1, 0.01, 0});
    const DataCellResult pc = runDepthCell(config, *d, {Rule::PC, 1, 0.01, 0});
    EXPECT_EQ(bp.errors, pc.errors);
}

TEST(DataExperiments, CancelStopsARunAndEpochsAreReported) {
    const auto d = syntheticData();
    SmallDataConfig config;
    config.perClass = {20};
    config.epochs = 50;
    config.batchSize = 10;
    config.pc.iterations = 4;
    std::atomic<bool> cancel{false};
    int calls = 0;
    DataHooks hooks;
    hooks.cancel = &cancel;
    hooks.onEpoch = [&](const DataCellResult& soFar) {
        ++calls;
        EXPECT_EQ(soFar.epochs(), calls);
        if (calls == 3)
            cancel = true;
    };
    const DataCellResult r = runSmallDataCell(config, *d, {Rule::PC, 20, 0.01, 0}, hooks);
    EXPECT_TRUE(r.cancelled);
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(r.epochs(), 3);
    EXPECT_TRUE(std::isnan(config.metric().of(r)));
    // A cancelled cell is left out of summaries and CSV.
    const DataSummary s = summariseData(config.metric(), {{Rule::PC, 20, 0.01, 0}}, {r});
    EXPECT_TRUE(s.rows.empty());
    EXPECT_TRUE(dataCsv({{Rule::PC, 20, 0.01, 0}}, {r}, false).rows.empty());
}

TEST(DataExperiments, OnlineIterationsLearnTheFirstBatchesOfAFreshShuffle) {
    const auto d = syntheticData();
    OnlineConfig config;
    config.settings = {{4, {0.05}}};
    config.iterations = 3;
    config.batchesPerIteration = 5;
    config.pc.iterations = 8;
    int epochs = 0;
    DataHooks hooks;
    hooks.onEpoch = [&](const DataCellResult&) { ++epochs; };
    const DataCellResult r = runOnlineCell(config, *d, {Rule::BP, 4, 0.05, 0}, hooks);
    EXPECT_EQ(epochs, 3);
    ASSERT_EQ(r.epochs(), 3);
    EXPECT_FALSE(r.diverged);
}

TEST(DataExperiments, ContinualTasksSplitThePermutedClasses) {
    const std::vector<int> order = continualClassOrder(3);
    std::vector<int> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, allClasses());
    EXPECT_NE(order, continualClassOrder(4));
    const auto d = syntheticData();
    ContinualConfig config;
    config.alphas = {0.01};
    config.perClass = 20;
    config.batchSize = 25;
    config.cycles = 2;
    config.epochsPerTask = 3;
    config.scoredEpochs = 9;
    config.pc.iterations = 8;
    const DataCellResult r = runContinualCell(config, *d, {Rule::PC, 0, 0.01, 3});
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.epochs(), 12);
    EXPECT_EQ(r.errors[1].size(), 12u);
    // The score covers the first 9 epochs of both tasks.
    Scalar mean = 0.0;
    for (int e = 0; e < 9; ++e)
        mean += (r.errors[0][static_cast<size_t>(e)] + r.errors[1][static_cast<size_t>(e)]) / 2;
    EXPECT_NEAR(config.metric().of(r), mean / 9, 1e-15);
    const engine::report::TextTable csv = dataCsv({{Rule::PC, 0, 0.01, 3}}, {r}, true);
    EXPECT_EQ(csv.rows.size(), 24u);
    EXPECT_EQ(csv.header.back(), "task");
    EXPECT_EQ(csv.rows[0][6], "A");
    EXPECT_EQ(csv.rows[1][6], "B");
}

TEST(DataExperiments, DriftPermutesTheLastFiveLabelsAnewEachPeriod) {
    std::set<std::vector<int>> seen;
    for (int period = 0; period < 8; ++period) {
        const std::vector<int> m = driftMapping(5, period);
        ASSERT_EQ(m.size(), 10u);
        for (int c = 0; c < 5; ++c)
            EXPECT_EQ(m[static_cast<size_t>(c)], c);
        std::vector<int> last(m.begin() + 5, m.end());
        std::sort(last.begin(), last.end());
        EXPECT_EQ(last, (std::vector<int>{5, 6, 7, 8, 9}));
        seen.insert(m);
        EXPECT_EQ(m, driftMapping(5, period));
    }
    EXPECT_GT(seen.size(), 4u);
}

TEST(DataExperiments, DriftPretrainingIsComputedOncePerSeedAndShared) {
    const auto d = syntheticData();
    DriftConfig config;
    config.alphas = {0.05, 0.01};
    config.trainPerClass = 10;
    config.testPerClass = 10;
    config.batchSize = 8;
    config.epochs = 4;
    config.period = 2;
    config.pretrainEpochs = 3;
    config.pretrainBatch = 20;
    config.pc.iterations = 8;
    DriftPretrainCache cache;
    std::shared_ptr<const Network> a, b;
    std::thread t1([&] { a = cache.get(config, *d, 0, {}); });
    std::thread t2([&] { b = cache.get(config, *d, 0, {}); });
    t1.join();
    t2.join();
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a.get(), b.get());
    EXPECT_EQ(cache.get(config, *d, 0, {}).get(), a.get());
    EXPECT_NE(cache.get(config, *d, 1, {}).get(), a.get());
    // Pre-training changed the net and both rules start from it.
    const std::shared_ptr<const Network> direct = driftPretrain(config, *d, 0, {});
    EXPECT_EQ(hashMatrices({direct->weight(1), direct->weight(3)}),
              hashMatrices({a->weight(1), a->weight(3)}));
    const DataCellResult bp = runDriftCell(config, *d, {Rule::BP, 0, 0.05, 0}, cache);
    const DataCellResult pc = runDriftCell(config, *d, {Rule::PC, 0, 0.05, 0}, cache);
    EXPECT_EQ(bp.epochs(), 4);
    EXPECT_EQ(pc.epochs(), 4);
    EXPECT_FALSE(bp.diverged);
    // A cancelled pre-training is reported as a cancelled cell, not cached.
    std::atomic<bool> cancel{true};
    DataHooks hooks;
    hooks.cancel = &cancel;
    const DataCellResult r = runDriftCell(config, *d, {Rule::PC, 0, 0.05, 7}, cache, hooks);
    EXPECT_TRUE(r.cancelled);
    EXPECT_NE(cache.get(config, *d, 7, {}), nullptr);
}

TEST(DataExperiments, MetricsScoreMeanOrLowest) {
    DataCellResult r;
    r.errors = {{0.5, 0.3, 0.4}, {0.1, 0.3, 0.2}};
    EXPECT_NEAR((DataMetric{DataMetric::Kind::MeanOverEpochs, 0}.of(r)), (0.3 + 0.3 + 0.3) / 3,
                1e-15);
    EXPECT_NEAR((DataMetric{DataMetric::Kind::MeanOverEpochs, 1}.of(r)), 0.3, 1e-15);
    r.errors = {{0.5, 0.2, 0.4}};
    EXPECT_EQ((DataMetric{DataMetric::Kind::LowestOverEpochs, 0}.of(r)), 0.2);
    EXPECT_NEAR((DataMetric{DataMetric::Kind::MeanOverEpochs, 10}.of(r)), 1.1 / 3, 1e-15);
    r.diverged = true;
    EXPECT_TRUE(std::isnan((DataMetric{DataMetric::Kind::LowestOverEpochs, 0}.of(r))));
    EXPECT_EQ((DataMetric{DataMetric::Kind::MeanOverEpochs, 84}.describe("epoch")),
              "mean test error over the first 84 epochs");
}

TEST(DataExperiments, SummaryPicksTheLowestMeanPerRuleAndSetting) {
    std::vector<DataCell> cells;
    std::vector<DataCellResult> results;
    auto add = [&](Rule rule, int setting, Scalar alpha, int seed, Scalar error) {
        cells.push_back({rule, setting, alpha, seed});
        DataCellResult r;
        r.errors = {{error}};
        results.push_back(r);
    };
    add(Rule::PC, 2, 0.1, 1, 0.30);
    add(Rule::PC, 2, 0.1, 0, 0.20);
    add(Rule::PC, 2, 0.01, 0, 0.24);
    add(Rule::PC, 2, 0.01, 1, 0.24);
    add(Rule::BP, 2, 0.1, 0, 0.5);
    add(Rule::BP, 1, 0.1, 0, 0.4);
    const DataSummary s = summariseData({DataMetric::Kind::MeanOverEpochs, 0}, cells, results);
    ASSERT_EQ(s.rows.size(), 3u);
    EXPECT_EQ(s.rows[0].rule, Rule::BP);
    EXPECT_EQ(s.rows[0].setting, 1);
    EXPECT_EQ(s.rows[1].setting, 2);
    const DataSummary::Row* pc = s.row(Rule::PC, 2);
    ASSERT_NE(pc, nullptr);
    ASSERT_NE(pc->bestRate(), nullptr);
    EXPECT_EQ(pc->bestRate()->alpha, 0.01);
    EXPECT_NEAR(pc->bestRate()->stats.mean, 0.24, 1e-15);
    // Scores in seed order, whatever the order of the cells.
    EXPECT_EQ(pc->rates[0].scores, (std::vector<Scalar>{0.20, 0.30}));
    EXPECT_NEAR(pc->rates[0].stats.sd, std::sqrt(0.005), 1e-12);
}

TEST(DataExperiments, TheLastTestsConfusionAndLivePredictionsAgreeWithTheError) {
    const auto d = syntheticData();
    DepthConfig config;
    config.depths = {2};
    config.alphas = {0.01};
    config.seeds = 1;
    config.perClass = 10;
    config.batchSize = 10;
    config.epochs = 3;
    config.pc.iterations = 8;
    std::vector<Index> everyTestImage = identityOrder(d->test.size());
    std::vector<Scalar> errorsSeen;
    DataHooks hooks;
    hooks.onTrained = [&](const BatchTrainer& trainer) {
        // The trainer's weights are the ones just tested: predicting every test image again
        // gives the error recorded for this epoch.
        Evaluator evaluator(trainer);
        const std::vector<int> predicted = evaluator.predict(trainer, d->test, everyTestImage);
        ASSERT_EQ(predicted.size(), everyTestImage.size());
        int wrong = 0;
        for (size_t k = 0; k < predicted.size(); ++k)
            wrong += predicted[k] != d->test.label(static_cast<Index>(k)) ? 1 : 0;
        errorsSeen.push_back(static_cast<Scalar>(wrong) / static_cast<Scalar>(predicted.size()));
    };
    const DataCellResult r = runDepthCell(config, *d, {Rule::PC, 2, 0.01, 0}, hooks);
    ASSERT_EQ(r.epochs(), 3);
    EXPECT_EQ(errorsSeen, r.errors[0]);
    ASSERT_EQ(r.confusion.size(), 1u);
    const Confusion& c = r.confusion[0];
    ASSERT_EQ(c.units, 10);
    std::int64_t total = 0, right = 0;
    for (int t = 0; t < c.units; ++t)
        for (int p = 0; p < c.units; ++p) {
            total += c.at(t, p);
            right += t == p ? c.at(t, p) : 0;
        }
    EXPECT_EQ(total, d->test.size());
    EXPECT_DOUBLE_EQ(1.0 - static_cast<Scalar>(right) / static_cast<Scalar>(total),
                     r.errors[0].back());
    // Continual: one 5 x 5 confusion per task, each over that task's test images.
    ContinualConfig cc;
    cc.alphas = {0.01};
    cc.perClass = 10;
    cc.batchSize = 25;
    cc.cycles = 1;
    cc.epochsPerTask = 1;
    cc.pc.iterations = 8;
    const DataCellResult rc = runContinualCell(cc, *d, {Rule::BP, 0, 0.01, 0});
    ASSERT_EQ(rc.confusion.size(), 2u);
    for (const Confusion& task : rc.confusion) {
        EXPECT_EQ(task.units, 5);
        std::int64_t n = 0;
        for (std::int64_t v : task.counts)
            n += v;
        EXPECT_EQ(n, 5 * 20);
    }
}

TEST(DataExperiments, DriftPretrainCacheTellsCloseLearningRatesApart) {
    // Two pre-training rates that print alike with six decimals (std::to_string) are different
    // settings: the cache must not hand one's net to the other.
    const auto d = syntheticData();
    DriftConfig config;
    config.trainPerClass = 10;
    config.testPerClass = 10;
    config.pretrainEpochs = 2;
    config.pretrainBatch = 20;
    config.pretrainAlpha = 1e-7;
    DriftPretrainCache cache;
    const std::shared_ptr<const Network> small = cache.get(config, *d, 0, {});
    config.pretrainAlpha = 2e-7;
    const std::shared_ptr<const Network> larger = cache.get(config, *d, 0, {});
    const std::shared_ptr<const Network> direct = driftPretrain(config, *d, 0, {});
    ASSERT_TRUE(small && larger && direct);
    EXPECT_NE(hashMatrices({small->weight(1)}), hashMatrices({larger->weight(1)}));
    EXPECT_EQ(hashMatrices({larger->weight(1)}), hashMatrices({direct->weight(1)}));
}

TEST(DataExperiments, ContinualTrainsOneTaskAtATimeOnTheSharedHead) {
    // 20 images per class, batch 25: 4 batches per epoch, on one task's 100 images; phases of 2
    // epochs, A then B then A then B. Task B's training images are blank here, so W^1 (dW^1 =
    // alpha delta^1 x^T) changes in A's epochs and stays put in B's: that shows which task each
    // epoch trains.
    const int seed = 1;
    const std::vector<int> order = continualClassOrder(seed);
    data::Dataset blankB = *syntheticData();
    const Index pixels = blankB.train.imageSize();
    for (Index i = 0; i < blankB.train.size(); ++i)
        if (std::find(order.begin() + 5, order.end(), blankB.train.label(i)) != order.end())
            std::fill_n(blankB.train.pixels.begin() + i * pixels, pixels, 0.0f);
    ContinualConfig config;
    config.alphas = {0.001};
    config.perClass = 20;
    config.batchSize = 25;
    config.cycles = 2;
    config.epochsPerTask = 2;
    config.pc.iterations = 8;
    for (Rule rule : LearningRules) {
        SCOPED_TRACE(ruleName(rule));
        std::vector<std::int64_t> trials;
        std::vector<std::uint64_t> w1;
        DataHooks hooks;
        hooks.onTrained = [&](const BatchTrainer& t) {
            trials.push_back(t.trials());
            w1.push_back(hashMatrices({t.weight(1)}));
        };
        const DataCellResult r = runContinualCell(config, blankB, {rule, 0, 0.001, seed}, hooks);
        ASSERT_EQ(r.epochs(), 8);
        EXPECT_EQ(trials, (std::vector<std::int64_t>{4, 8, 12, 16, 20, 24, 28, 32}));
        // Epochs 1 (A), 2-3 (B), 4-5 (A), 6-7 (B): W^1 moves in A's epochs only.
        const bool moves[] = {true, false, false, true, true, false, false};
        for (size_t e = 1; e < w1.size(); ++e)
            EXPECT_EQ(w1[e] != w1[e - 1], moves[e - 1]) << "epoch " << e;
        // Each task's five classes go to five different output units (20 test images each).
        ASSERT_EQ(r.confusion.size(), 2u);
        for (const Confusion& c : r.confusion)
            for (int unit = 0; unit < 5; ++unit) {
                std::int64_t n = 0;
                for (int p = 0; p < 5; ++p)
                    n += c.at(unit, p);
                EXPECT_EQ(n, 20) << "unit " << unit;
            }
    }
}

TEST(DataExperiments, ContinualProtocolTasksArePositionsInThePermutation) {
    for (int seed : {0, 3, 7}) {
        const std::vector<int> order = continualClassOrder(seed);
        const ContinualTasks t = continualTasks(seed, ContinualConfiguration::Protocol);
        EXPECT_EQ(t.classes[0], std::vector<int>(order.begin(), order.begin() + 5));
        EXPECT_EQ(t.classes[1], std::vector<int>(order.begin() + 5, order.end()));
        for (int k = 0; k < 10; ++k)
            EXPECT_EQ(t.units[static_cast<size_t>(order[static_cast<size_t>(k)])], k % 5);
        EXPECT_EQ(t.lossUnits, 5);
    }
}

TEST(DataExperiments, ContinualAuthorsTasksAreFixedAndUnitsAreShuffledLabelsModFive) {
    bool shared = false;
    for (int seed = 0; seed < 21; ++seed) {
        SCOPED_TRACE(seed);
        const std::vector<int> shuffled = continualClassOrder(seed);
        const ContinualTasks t = continualTasks(seed, ContinualConfiguration::Authors);
        EXPECT_EQ(t.classes[0], (std::vector<int>{0, 1, 2, 3, 4}));
        EXPECT_EQ(t.classes[1], (std::vector<int>{5, 6, 7, 8, 9}));
        ASSERT_EQ(t.units.size(), 10u);
        for (int c = 0; c < 10; ++c)
            EXPECT_EQ(t.units[static_cast<size_t>(c)], shuffled[static_cast<size_t>(c)] % 5);
        EXPECT_EQ(t.lossUnits, 4);
        for (int task = 0; task < 2; ++task) {
            std::set<int> units;
            for (int c : t.classes[task])
                units.insert(t.units[static_cast<size_t>(c)]);
            shared = shared || units.size() < 5;
        }
        const ContinualTasks again = continualTasks(seed, ContinualConfiguration::Authors);
        EXPECT_EQ(again.units, t.units);
    }
    // As documented, two classes of one task can share a unit (it happens among 21 seeds).
    EXPECT_TRUE(shared);
    EXPECT_NE(continualTasks(0, ContinualConfiguration::Authors).units,
              continualTasks(1, ContinualConfiguration::Authors).units);
}

TEST(DataExperiments, ContinualAuthorsConfigurationTrainsItsOwnSplitAndLoss) {
    // The same cell in both configurations: different numbers; in the authors' one each task's
    // test images are its classes on their units (20 each), and the head's fifth unit's incoming
    // weights do not move from the first epoch's end to the last (it is left out of the loss),
    // while the other units' do.
    const auto d = syntheticData();
    ContinualConfig config;
    config.alphas = {0.01};
    config.perClass = 20;
    config.batchSize = 25;
    config.cycles = 1;
    config.epochsPerTask = 2;
    config.pc.iterations = 8;
    const int seed = 2;
    for (Rule rule : LearningRules) {
        SCOPED_TRACE(ruleName(rule));
        std::vector<Matrix> firstW4, lastW4;
        DataHooks hooks;
        hooks.onTrained = [&](const BatchTrainer& t) {
            if (firstW4.empty())
                firstW4.push_back(t.weight(4));
            lastW4 = {t.weight(4)};
        };
        config.configuration = ContinualConfiguration::Authors;
        const DataCellResult authors = runContinualCell(config, *d, {rule, 0, 0.01, seed}, hooks);
        config.configuration = ContinualConfiguration::Protocol;
        const DataCellResult protocol = runContinualCell(config, *d, {rule, 0, 0.01, seed});
        ASSERT_EQ(authors.epochs(), 4);
        EXPECT_NE(authors.errors, protocol.errors);
        ASSERT_EQ(lastW4.size(), 1u);
        EXPECT_EQ((lastW4[0].row(4) - firstW4[0].row(4)).cwiseAbs().maxCoeff(), 0.0);
        EXPECT_GT((lastW4[0].topRows(4) - firstW4[0].topRows(4)).cwiseAbs().maxCoeff(), 0.0);
        const ContinualTasks t = continualTasks(seed, ContinualConfiguration::Authors);
        ASSERT_EQ(authors.confusion.size(), 2u);
        for (int task = 0; task < 2; ++task) {
            std::vector<std::int64_t> perUnit(5, 0);
            for (int c : t.classes[task])
                perUnit[static_cast<size_t>(t.units[static_cast<size_t>(c)])] += 20;
            const Confusion& c = authors.confusion[static_cast<size_t>(task)];
            for (int unit = 0; unit < 5; ++unit) {
                std::int64_t n = 0;
                for (int p = 0; p < 5; ++p)
                    n += c.at(unit, p);
                EXPECT_EQ(n, perUnit[static_cast<size_t>(unit)]) << "task " << task;
            }
        }
    }
}
