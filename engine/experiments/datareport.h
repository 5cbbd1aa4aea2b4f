#pragma once

// What the dataset experiments report: the summary text of a grid (the command line prints it,
// the merge of shards prints it again from the files, the window shows it), and the two
// measures that the continual and drift protocols are about, computed from a cell's test errors.

#include <string>
#include <vector>

#include "engine/experiments/dataplan.h"

namespace engine::experiments {

/// Continual learning, one cell: how a task phase (epochsPerTask epochs on one task) changes the
/// two tasks' errors.
struct ContinualPhaseStats {
    /// Mean over the phases after the first of the untrained task's error at the end of the phase
    /// minus at its start (the end of the previous phase): the interference. NaN when none.
    Scalar untrainedRise = 0.0;
    /// Mean over the phases of the trained task's error at the end of the phase.
    Scalar trainedEnd = 0.0;
};
/// The phase statistics of a continual cell with phases of `phaseEpochs` epochs (whole phases
/// only; NaN when the result has none or diverged).
ContinualPhaseStats continualPhaseStats(const DataCellResult& result, int phaseEpochs);

/// Concept drift, one cell: the error just after a change of the labels and at the end of a
/// period.
struct DriftRecoveryStats {
    Scalar afterChange = 0.0;   ///< Mean error over the first `window` epochs of every period.
    Scalar beforeChange = 0.0;  ///< Mean error over the last `window` epochs of every period.
};
/// The recovery statistics of a drift cell over its whole periods (NaN when none or diverged).
DriftRecoveryStats driftRecoveryStats(const DataCellResult& result, int period, int window);
/// The window the summary uses for a period: period / 16, at least 1.
int driftWindow(int period);

/// The summary of a finished grid (results[k] belongs to plan.cells[k]; cancelled cells are left
/// out): the plan's description, the metric, per rule one table with each setting's best rate and
/// its score (mean and sd over seeds) and how many rates diverged; for continual and drift a table
/// of every rate with their own measures; the number of runs that diverged.
std::string dataSummaryText(const DataPlan& plan, const std::vector<DataCellResult>& results);

}  // namespace engine::experiments
