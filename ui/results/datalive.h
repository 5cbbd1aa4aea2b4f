#pragma once

// Widget-free state of a dataset experiment running in the window (DataTab): what the worker
// threads hand to the GUI thread while the cells learn (each cell's test errors so far and its
// latest predictions of the strip's test images), and the helpers that turn it into what is drawn
// (which cells the curves show, which cell the strip follows, the class a predicted unit means).

#include <QString>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/experiments/dataplan.h"

namespace ui {

/// Each cell's progress, written by the worker threads (any cell from any thread, one call at a
/// time per cell) and read by the GUI thread as a copy. Guarded by one mutex: the writes are a
/// few per epoch, the reads a few per second.
class LiveGrid {
public:
    /// Errors so far of every task of one cell, and the strip's predicted units after its last
    /// epoch.
    struct Cell {
        std::vector<std::vector<double>> errors;  ///< errors[task][epoch]
        std::vector<int> predicted;               ///< One unit per strip image (may be empty).
        int predictedEpoch = 0;                   ///< The epoch (1-based) of `predicted`.
        bool done = false;                        ///< The cell's run has ended.
    };

    explicit LiveGrid(std::size_t cells) : m_cells(cells) {}

    /// After an epoch: the cell's errors so far.
    void setErrors(std::size_t cell, const std::vector<std::vector<double>>& errors);
    /// After an epoch: the units the cell predicts for the strip's images.
    void setPredictions(std::size_t cell, std::vector<int> units);
    /// The cell's run ended (finished, diverged or cancelled).
    void setDone(std::size_t cell);

    /// A copy of every cell.
    std::vector<Cell> snapshot() const;
    /// Increases with every write: the GUI redraws only when it changed.
    std::uint64_t version() const;

private:
    mutable std::mutex m_mutex;
    std::vector<Cell> m_cells;
    std::uint64_t m_version = 0;
};

/// A FashionMNIST class name short enough for the image strip ("T-shirt", ..., "Boot"); "none"
/// for -1.
QString shortClassName(int c);

/// The test images the strip shows: the first test image of each class, in the order the
/// protocol's output units are best read (continual: the seed's task A classes, then task B's).
std::vector<engine::Index> stripImages(const engine::experiments::DataPlan& plan,
                                       const engine::data::Dataset& data);

/// The class a cell's predicted output `unit` stands for after epoch `epoch` (1-based) for a test
/// image of class `trueClass`: the unit itself, or (continual) the class at that position of the
/// image's task, or (drift) the class whose label is `unit` in that epoch's period. In the authors'
/// continual configuration: trueClass when its unit is `unit`, else the first class of its task
/// on that unit, else -1 (the unit stands for no class of the task).
int predictedClass(const engine::experiments::DataPlan& plan,
                   const engine::experiments::DataCell& cell, int epoch, int trueClass, int unit);

/// A cell's confusion of its last test in class space, 10 x 10 (true class x predicted class,
/// through predictedClass() at the last epoch); continual leaves the other task's cells at -1.
/// Empty when the result has no confusion, and in the authors' continual configuration (a unit
/// there can stand for two classes of a task, or for none).
std::vector<std::int64_t> classConfusion(const engine::experiments::DataPlan& plan,
                                         const engine::experiments::DataCell& cell,
                                         const engine::experiments::DataCellResult& result);

/// The cells at one x-axis value (all cells for protocols without one), as indices into the plan.
std::vector<std::size_t> cellsAt(const engine::experiments::DataPlan& plan, int setting);

/// The cell of `rule` among `candidates` whose latest test error (averaged over the tasks) is the
/// lowest, ties to the earlier; -1 when none has an epoch yet.
int bestLiveCell(const engine::experiments::DataPlan& plan,
                 const std::vector<LiveGrid::Cell>& cells,
                 const std::vector<std::size_t>& candidates, engine::Rule rule);

/// Mean over the seeds of `rule`'s cells at `setting` and `alpha`, epoch by epoch and per task
/// (epochs where a seed has no finite value are left out of its mean); empty when none.
std::vector<std::vector<double>> meanCurve(
    const engine::experiments::DataPlan& plan,
    const std::vector<engine::experiments::DataCellResult>& results, engine::Rule rule, int setting,
    double alpha);

}  // namespace ui
