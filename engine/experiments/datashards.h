#pragma once

// Shards of a dataset experiment's grid, for clusters: `--shard K/N` runs the cells
// shardCells(cells, K - 1, N) and writes their CSV rows after a few comment lines (the preamble)
// that record what the merge needs: the experiment, K/N, every option that fixes the grid and its
// numbers, a fingerprint of the data, and the cells that diverged with their messages. The merge
// checks that the files are the N shards of one grid (same experiment, options and data; every
// shard once; every cell's rows there, and only those) and rebuilds the grid's results, from
// which it writes the same CSV and prints the same summary as a single run.
//
// The engine takes and returns text; reading and writing files is the caller's.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/experiments/dataplan.h"
#include "engine/report/table.h"

namespace engine::experiments {

/// The first line of every shard file.
inline constexpr const char* ShardMagicLine = "# prospect dataset-experiment shard";

/// The comment lines ("# ...", each ending in "\n") that start the CSV of shard `index` of
/// `count` (1-based) of `plan`, for `results` of `cells` (the shard's cells).
std::string shardPreamble(const DataPlan& plan, int index, int count, const std::string& dataSource,
                          std::uint64_t dataFingerprint, const std::vector<DataCell>& cells,
                          const std::vector<DataCellResult>& results);

/// A shard file as read back.
struct ShardFile {
    std::string name;        ///< For messages (the file's path).
    std::string experiment;  ///< "depth", ...
    int index = 0;           ///< 1-based.
    int count = 0;
    std::vector<std::pair<std::string, std::string>> options;
    std::string fingerprint;  ///< Of the data, as hex.
    std::string dataSource;
    std::vector<std::pair<DataCell, std::string>> diverged;  ///< Cells and their messages.
    std::vector<std::string> header;                         ///< The CSV header.
    std::vector<std::pair<int, std::string>> rows;           ///< Line number and text.
};

/// Reads a shard file's text; nothing, with `error` naming the file, the line and the problem,
/// when it is not one.
std::optional<ShardFile> parseShard(const std::string& text, const std::string& name,
                                    std::string& error);

/// A grid put together from its shards: the plan (read from the recorded options) and every
/// cell's result in grid order (confusion matrices are not in the files, so they are empty).
struct MergedGrid {
    DataPlan plan;
    std::vector<DataCellResult> results;
};

/// Joins the shards of one grid; nothing, with `error` saying which file is wrong and why, when
/// they are not exactly the N shards of one grid.
std::optional<MergedGrid> mergeShards(const std::vector<ShardFile>& shards, std::string& error);

/// The CSV of a plan's results (dataCsv() with the task column for continual).
report::TextTable dataCsvOf(const DataPlan& plan, const std::vector<DataCell>& cells,
                            const std::vector<DataCellResult>& results);

}  // namespace engine::experiments
