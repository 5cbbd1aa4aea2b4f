#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/atomicfile.h"
#include "app/options.h"
#include "engine/report/table.h"

namespace app {

/// What an experiment produces: tidy observations and a readable summary.
struct ExperimentResult {
    engine::report::TextTable csv;
    std::string summary;
    std::vector<std::string> problems;  ///< Runs that stopped early (divergence), one line each.
    std::string failure;  ///< A run threw (out of memory, ...): there is no result to show.
    /// Lines for stderr that do not make the command fail (a grid's diverged runs).
    std::vector<std::string> notes;
    std::string csvPreamble;  ///< Written before the CSV (a shard's "# ..." lines), or empty.

    // Experiments whose rows grow with --trials (reversal-learning) do not keep them: they pass
    // them on as the settings below ask, once every run has finished without failing.
    /// Where the command writes --csv: such an experiment writes its whole CSV (header first)
    /// here and sets rowsStreamed, instead of filling `csv`.
    std::function<void(std::string_view)> csvSink;
    /// Without a sink: true (in-process callers, tests) keeps the rows in `csv` as the other
    /// experiments do; false (the command without --csv) drops them.
    bool keepRows = true;
    std::int64_t rowsStreamed = -1;  ///< Rows written to csvSink; -1 when nothing streamed.
};

/// One of the paper's experiments as a headless command.
struct Experiment {
    std::string name;         ///< Command-line name, e.g. "interference".
    std::string paper;        ///< Where it is in the paper, e.g. "Fig. 1 / 3a".
    std::string description;  ///< One line.
    std::vector<OptionSpec> options;
    /// Checks parsed options without running anything; returns the first problem or nothing.
    std::function<std::optional<std::string>(const Options&)> check;
    /// Runs with parsed options; returns an error message (bad option value) or fills `result`.
    /// `log` receives progress lines.
    std::function<std::optional<std::string>(const Options&, ExperimentResult&, std::ostream& log)>
        run;
};

/// Every experiment, in the order of the paper.
const std::vector<Experiment>& experiments();

/// The experiment called `name`, or nullptr.
const Experiment* findExperiment(const std::string& name);

}  // namespace app
