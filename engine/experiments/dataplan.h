#pragma once

// One dataset experiment with its settings read (dataoptions.h), as the command line, the merge
// of shards and the window's tabs use it: the grid of cells, how one cell runs, how the grid is
// scored and described. The five protocols differ only in what a plan holds, so the code that
// runs, summarises, shards and draws them is written once.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/experiments/dataexperiments.h"
#include "engine/experiments/experimentoptions.h"

namespace engine::experiments {

/// One option of a dataset experiment, with its default and its quick variant's value as text.
struct DataOptionInfo {
    std::string name;
    std::string help;
    std::string defaultText;
    std::string quickText;
    OptionGroup group = OptionGroup::Experiment;
    std::vector<std::string> choices;  ///< The only values it takes (empty: any text).
};

/// One of the five protocols as a named experiment.
struct DataExperimentInfo {
    DataProtocol protocol = DataProtocol::Depth;
    std::string name;         ///< The command-line name ("depth", "small-data", ...).
    std::string paper;        ///< "Fig. 3f-h", ...
    std::string description;  ///< One line: what it shows.
    std::vector<DataOptionInfo> options;
};

/// The five, in the paper's order.
const std::vector<DataExperimentInfo>& dataExperiments();
/// The experiment called `name`, or nullptr.
const DataExperimentInfo* findDataExperiment(const std::string& name);
/// The experiment of a protocol.
const DataExperimentInfo& dataExperiment(DataProtocol protocol);

/// Runs one cell of a plan on a dataset (any thread; cells share only read-only data and the
/// plan's thread-safe state, such as drift's pre-trained nets).
using DataCellRunner =
    std::function<DataCellResult(const data::Dataset&, const DataCell&, const DataHooks&)>;

/// A dataset experiment ready to run.
struct DataPlan {
    DataProtocol protocol = DataProtocol::Depth;
    /// Every option but the data folder, as name and the text that reads back the same value:
    /// what fixes the grid and its numbers (a shard file records it).
    std::vector<std::pair<std::string, std::string>> options;
    std::string dataFolder;       ///< The --data option ("": the usual places).
    std::vector<DataCell> cells;  ///< The whole grid in its fixed order.
    int epochs = 0;               ///< Epochs (online: iterations) of a cell that runs to its end.
    int tasks = 1;                ///< Rows of test errors per cell (continual: 2).
    DataMetric metric;
    std::string description;  ///< What runs, a few lines (the head of the summary).
    /// Continual: epochs per task phase (the plot shades the task being trained); else 0.
    int phaseEpochs = 0;
    /// Drift: epochs between changes of the labels (the plot marks them); else 0.
    int driftPeriod = 0;
    DataCellRunner run;

    /// "epoch", or "iteration" for the online protocol.
    const char* epochWord() const;
    /// The x axis's name ("depth", "batch size", "examples per class"), or "" when none.
    const char* settingName() const { return dataSettingName(protocol); }
    /// The value of option `name` as recorded in `options` ("" when absent).
    std::string option(const std::string& name) const;
};

/// A plan, or the problems of the settings (each "PREFIXname: reason" or a sentence).
struct DataPlanRead {
    std::optional<DataPlan> plan;
    std::vector<std::string> problems;
};

/// Reads the settings of `protocol` from textOf(option name) (a missing option's text is its
/// default, which the caller provides) by the experiment's option table and makes the plan.
DataPlanRead readDataPlan(DataProtocol protocol,
                          const std::function<std::string(const std::string&)>& textOf,
                          const std::string& prefix);

/// The index of a cell in a plan's grid, or -1.
int findCell(const std::vector<DataCell>& cells, const DataCell& cell);

/// The ten FashionMNIST class names ("T-shirt/top", "Trouser", ...).
const std::vector<std::string>& fashionMnistClassNames();

}  // namespace engine::experiments
