#pragma once

// Scores, summaries, CSV and shards of the dataset experiments' grids (dataexperiments.h).

#include <string>
#include <vector>

#include "engine/experiments/datatraining.h"
#include "engine/experiments/learningsummaries.h"
#include "engine/report/table.h"

namespace engine::experiments {

/// How a protocol scores one cell.
struct DataMetric {
    enum class Kind { MeanOverEpochs, LowestOverEpochs };
    Kind kind = Kind::MeanOverEpochs;
    int epochs = 0;  ///< Score only the first `epochs` epochs (0: all).
    /// The score of a result: each epoch's error averaged over the tasks, then the mean (or the
    /// lowest) over the epochs scored. NaN when the run diverged, was cancelled or has no epoch.
    Scalar of(const DataCellResult& result) const;
    /// "mean test error over the first 84 epochs", "lowest test error", ...
    std::string describe(const char* epochWord) const;
    /// Its first words: "mean test error" or "lowest test error".
    std::string name() const;
};

/// The cells of shard `index` (0-based) of `count`: every count-th cell starting at `index`. The
/// shards of one grid are disjoint and together hold every cell; neighbouring cells (the same
/// rule and setting) go to different shards, so shards cost about the same.
std::vector<DataCell> shardCells(const std::vector<DataCell>& cells, int index, int count);

/// Per rule and setting: every learning rate's score over the seeds and the best one.
struct DataSummary {
    /// One learning rate of one rule and setting.
    struct Rate {
        Scalar alpha = 0.0;
        std::vector<Scalar> scores;  ///< One per seed in seed order (NaN: diverged).
        SeedStats stats;             ///< Over the finite scores.
        int diverged = 0;            ///< Seeds that diverged.
    };
    /// One rule at one setting.
    struct Row {
        Rule rule = Rule::BP;
        int setting = 0;
        std::vector<Rate> rates;  ///< In grid order.
        /// The rate with the lowest mean score among those where no seed diverged; -1 if none.
        int best = -1;
        /// The best rate (nullptr when none qualifies).
        const Rate* bestRate() const {
            return best < 0 ? nullptr : &rates[static_cast<size_t>(best)];
        }
    };
    std::vector<Row> rows;              ///< BP's rows, then PC's, settings ascending.
    std::vector<std::string> problems;  ///< One line per diverged cell.
    /// The row of a rule and setting, or nullptr.
    const Row* row(Rule rule, int setting) const;
};

/// Aggregates finished cells (cancelled ones are left out) scored by `metric`.
DataSummary summariseData(const DataMetric& metric, const std::vector<DataCell>& cells,
                          const std::vector<DataCellResult>& results);

/// The tidy table of results: rule, setting, alpha, seed, epoch (1-based), test_error, plus task
/// ("A", "B") when `withTask`; one row per task and epoch of every cell (a diverged cell's last
/// row has test_error nan).
report::TextTable dataCsv(const std::vector<DataCell>& cells,
                          const std::vector<DataCellResult>& results, bool withTask);

}  // namespace engine::experiments
