#pragma once

// The machinery shared by the dataset experiments (dataexperiments.h): the cells of a grid and
// what each produces, labelled subsets of a dataset, batches, the test error, and one cell's run
// from epoch to epoch. No threads and no printing: a caller runs cells (in any order, on any
// threads; a dataset is shared read-only) and gets a cancel flag and a callback after each epoch.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/core/batchtrainer.h"
#include "engine/core/random.h"
#include "engine/data/dataset.h"

namespace engine::experiments {

/// One cell of a protocol's grid: a rule, an x-axis setting, a learning rate and a seed.
struct DataCell {
    Rule rule = Rule::BP;
    /// The x-axis value: depth L (depth), batch size (online), examples per class (small data);
    /// 0 for the protocols without one (continual, drift).
    int setting = 0;
    Scalar alpha = 0.0;
    int seed = 0;  ///< 0-based; the random streams are derived from it (dataSeed()).
};

/// Counts of (target unit, predicted unit) over a test set: counts[target * units + predicted].
struct Confusion {
    int units = 0;
    std::vector<std::int64_t> counts;
    /// Images of target unit `target` predicted as `predicted`.
    std::int64_t at(int target, int predicted) const {
        return counts[static_cast<size_t>(target * units + predicted)];
    }
};

/// What one cell produced.
struct DataCellResult {
    /// Test error after each epoch (online: each iteration), one row per task: errors[task][epoch]
    /// (continual: task A and task B; the others one task). A run that diverged ends with NaN at
    /// the epoch where it diverged.
    std::vector<std::vector<Scalar>> errors;
    bool diverged = false;
    bool cancelled = false;  ///< Stopped by the cancel flag; its errors are incomplete.
    std::string problem;     ///< Why it diverged, naming the cell.
    /// The confusion of the last test, one per task (empty before the first test).
    std::vector<Confusion> confusion;
    /// Epochs with a result (including a final NaN).
    int epochs() const { return errors.empty() ? 0 : static_cast<int>(errors.front().size()); }
};

/// Progress and cancellation of a run.
struct DataHooks {
    /// Checked before every batch; when set, the run stops and is marked cancelled.
    const std::atomic<bool>* cancel = nullptr;
    /// Called after every epoch with everything so far (for live curves).
    std::function<void(const DataCellResult&)> onEpoch;
    /// Called after every epoch (after onEpoch) with the trainer, whose weights are the ones just
    /// tested (for live predictions); not called once the run diverged.
    std::function<void(const BatchTrainer&)> onTrained;
    /// True when the cancel flag is set.
    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
};

/// An independent random seed for one purpose ("stream") of seed index `seed`: the same for both
/// rules and every learning rate, so the two rules see the same weights and data.
std::uint64_t dataSeed(int seed, std::uint64_t stream);

/// Images of a dataset split and, for each, the output unit that should win (its target).
struct LabelledSet {
    std::vector<Index> images;  ///< Indices into the ImageSet.
    std::vector<int> units;     ///< Target output unit of each image.
    /// Number of examples.
    Index size() const { return static_cast<Index>(images.size()); }
};

/// `perClass` images of each class in `classes` drawn at random without replacement (all of a
/// class when it has fewer; perClass <= 0 means all), in class order; the target unit of an image
/// of class c is units[c] (the label itself when `units` is empty).
LabelledSet drawPerClass(const data::ImageSet& set, int perClass, const std::vector<int>& classes,
                         const std::vector<int>& units, Random& rng);
/// Every class 0..9, label = unit.
std::vector<int> allClasses();

/// A uniformly random permutation of `order` in place (Fisher-Yates with rng.below()).
void shuffle(std::vector<Index>& order, Random& rng);
/// 0, 1, ..., n - 1.
std::vector<Index> identityOrder(Index n);

/// Input and target matrices for batches of up to maxBatch examples (no allocation per batch).
class BatchBuffers {
public:
    /// Buffers for inputs of `inputs` pixels and `outputs` target units.
    BatchBuffers(Index inputs, Index outputs, Index maxBatch);
    /// Fills the first `count` columns with examples set[order[start + k]]: input = pixels
    /// (pixel / 255), target = one-hot of the example's unit.
    void fill(const data::ImageSet& images, const LabelledSet& set, const std::vector<Index>& order,
              Index start, Index count);
    /// The filled inputs (inputs x count) and targets (outputs x count).
    Eigen::Block<Matrix, Eigen::Dynamic, Eigen::Dynamic, true> input(Index count) {
        return m_input.leftCols(count);
    }
    Eigen::Block<Matrix, Eigen::Dynamic, Eigen::Dynamic, true> target(Index count) {
        return m_target.leftCols(count);
    }

private:
    Matrix m_input, m_target;
};

/// Classification error of a network's feed-forward prediction: the fraction of examples whose
/// largest output (the first one on a tie) is not their unit. Works through the test set in
/// chunks with its own buffers.
class Evaluator {
public:
    /// An evaluator for networks shaped like `trainer`.
    explicit Evaluator(const BatchTrainer& trainer);
    /// The error of `trainer`'s current weights on `set` (NaN when the set is empty); when
    /// `confusion` is given, it is set to the counts of (target unit, predicted unit).
    Scalar error(const BatchTrainer& trainer, const data::ImageSet& images, const LabelledSet& set,
                 Confusion* confusion = nullptr);
    /// The predicted unit (the first largest output) of each of `images` (indices into the set).
    std::vector<int> predict(const BatchTrainer& trainer, const data::ImageSet& images,
                             const std::vector<Index>& indices);

private:
    /// Feed-forward of images[indices[start .. start + count)]; the outputs are the last layer.
    const Matrix& forward(const BatchTrainer& trainer, const data::ImageSet& images,
                          const std::vector<Index>& indices, Index start, Index count);

    std::vector<Matrix> m_layers;  // n_l x chunk, l = 0..L
};

/// One cell's run: its trainer, buffers and evaluator, and the result it builds epoch by epoch.
class CellRun {
public:
    /// A run of `cell` (whose x axis is called `settingName` in messages) on `net` with the PC
    /// settings `pc` (alpha taken from the cell), batches of up to maxBatch and `tasks` rows of
    /// test errors.
    CellRun(const DataCell& cell, const char* settingName, const Network& net, const PcConfig& pc,
            Index maxBatch, int tasks, const DataHooks& hooks);

    /// Trains on set[order[0 .. count)] in batches of `batch` (the last one may be smaller).
    /// False when the run diverged or was cancelled (then the result says which).
    bool train(const data::ImageSet& images, const LabelledSet& set,
               const std::vector<Index>& order, Index count, Index batch);
    /// Records the test error of task `task` for this epoch (NaN and diverged when the weights
    /// are no longer finite).
    void test(int task, const data::ImageSet& images, const LabelledSet& set);
    /// Ends the epoch: tells the hooks. False when the run cannot go on.
    bool endEpoch();
    /// The loss covers output units 0 .. n - 1 only (BatchTrainer::setLossUnits()).
    void setLossUnits(Index n) { m_trainer.setLossUnits(n); }
    /// The trainer (weights, status).
    const BatchTrainer& trainer() const { return m_trainer; }
    /// The result so far; take it at the end.
    DataCellResult& result() { return m_result; }

private:
    void diverge(const std::string& why);

    DataCell m_cell;
    std::string m_label;
    BatchTrainer m_trainer;
    BatchBuffers m_buffers;
    Evaluator m_evaluator;
    DataHooks m_hooks;
    DataCellResult m_result;
    int m_epoch = 0;
};

/// A short description of a cell for messages ("PC, alpha 0.1, seed 2, depth 8").
std::string describeCell(const DataCell& cell, const char* settingName);

}  // namespace engine::experiments
