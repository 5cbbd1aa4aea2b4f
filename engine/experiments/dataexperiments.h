#pragma once

// The paper's five experiments on FashionMNIST (shared/science/dataset-experiments.md): deep
// networks, online learning, continual learning, concept drift and little data. Each has a config
// with the paper's protocol as defaults, validate(), a documented quick() variant, the cells of
// its grid in a fixed order, one cell's run, and the metric its summary uses.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/experiments/datasummary.h"
#include "engine/experiments/datatraining.h"

namespace engine::experiments {

/// The five protocols.
enum class DataProtocol { Depth, Online, Continual, Drift, SmallData };
/// "depth", "online", "continual", "drift" or "small-data".
const char* dataProtocolName(DataProtocol protocol);
/// The x axis of a protocol ("depth", "batch size", "examples per class"), or "" when none.
const char* dataSettingName(DataProtocol protocol);

/// Deep networks (Fig. 3f-h): 784 -> 64 x (L-1) -> 10, leaky ReLU, Xavier-normal; 60 images per
/// class, batch 60, 64 epochs, test on the full test set after each epoch; score = mean test
/// error over the epochs.
struct DepthConfig {
    std::vector<int> depths{1, 2, 4, 6, 8, 10, 12, 14, 15};  ///< L, weight layers.
    std::vector<Scalar> alphas{5,    1,    0.5,  0.1,  0.05, 0.01, 0.005,
                               1e-3, 5e-4, 1e-4, 5e-5, 1e-5, 5e-6};
    int seeds = 3;
    int perClass = 60;
    int batchSize = 60;
    int epochs = 64;
    int width = 64;
    int testPerClass = 0;             ///< Test images per class (0: the full test set).
    PcConfig pc{0.0, 128, 0.1, 0.5};  ///< alpha comes from the grid.
    /// Every problem, one sentence each.
    std::vector<std::string> validate() const;
    /// The lecture-sized variant (see HACKING.md).
    static DepthConfig quick();
    /// Mean test error over the epochs.
    DataMetric metric() const { return {DataMetric::Kind::MeanOverEpochs, 0}; }
};
/// Every (rule, depth, alpha, seed): rules, then depths, then alphas, then seeds.
std::vector<DataCell> depthCells(const DepthConfig& config);
/// The net of depth L for `seed` (the same for both rules and every alpha).
Network depthNetwork(const DepthConfig& config, int depth, int seed, Index inputs);
/// One cell.
DataCellResult runDepthCell(const DepthConfig& config, const data::Dataset& data,
                            const DataCell& cell, const DataHooks& hooks = {});

/// One batch size of the online protocol and its learning rates.
struct OnlineSetting {
    int batchSize = 1;
    std::vector<Scalar> alphas;
};
/// Online learning (Fig. 4b-c): 784 -> 32 -> 32 -> 10, sigmoid, Xavier-uniform; an "iteration"
/// learns the first `batchesPerIteration` batches of a fresh shuffle of the full training set,
/// then tests on the full test set; score = mean test error over the iterations.
struct OnlineConfig {
    std::vector<OnlineSetting> settings{{1, {0.05, 0.10, 0.15, 0.20, 0.25, 0.30}},
                                        {8, {0.01, 0.025, 0.05, 0.1}},
                                        {16, {0.0075, 0.01, 0.025, 0.05}},
                                        {32, {0.005, 0.0075, 0.01, 0.025, 0.05}},
                                        {64, {0.001, 0.0025, 0.005, 0.0075, 0.01}}};
    int seeds = 3;
    int iterations = 64;
    int batchesPerIteration = 200;
    int trainPerClass = 0;  ///< Training images per class to draw from (0: all).
    int testPerClass = 0;   ///< 0: the full test set.
    PcConfig pc{0.0, 64, 0.1, 0.5};
    /// Every problem, one sentence each.
    std::vector<std::string> validate() const;
    /// The lecture-sized variant (see HACKING.md).
    static OnlineConfig quick();
    /// Mean test error over the iterations.
    DataMetric metric() const { return {DataMetric::Kind::MeanOverEpochs, 0}; }
};
/// Every (rule, batch size, alpha, seed): rules, then batch sizes, then their alphas, then seeds.
std::vector<DataCell> onlineCells(const OnlineConfig& config);
/// One cell (its setting is the batch size).
DataCellResult runOnlineCell(const OnlineConfig& config, const data::Dataset& data,
                             const DataCell& cell, const DataHooks& hooks = {});

/// Which task split and loss the continual protocol uses.
enum class ContinualConfiguration {
    /// The protocol as written (shared/science/dataset-experiments.md): the seed's permutation
    /// of the ten classes, first five = task A, the rest task B; a class's unit is its position
    /// in its task (five different units per task); the loss covers all five units.
    Protocol,
    /// The authors' published configuration: task A = classes 0-4, task B = classes 5-9, for
    /// every seed; class c's unit is P[c] mod 5, P = continualClassOrder(seed) (the seed's
    /// shuffled labels), so two classes of one task can share a unit; the loss leaves out the
    /// head's fifth unit (unit 4: its error is zero, in BP and in PC's inference and update).
    Authors,
};
/// "protocol" or "authors".
const char* continualConfigurationName(ContinualConfiguration c);

/// The classes of the two tasks and each class's output unit on the shared head.
struct ContinualTasks {
    std::vector<int> classes[2];  ///< Task A's classes, task B's classes (five each).
    std::vector<int> units;       ///< units[c]: the output unit of class c, 0..4.
    int lossUnits = 5;            ///< The loss covers units 0 .. lossUnits - 1.
};
/// The tasks and units of seed `seed` in `configuration` (see ContinualConfiguration).
ContinualTasks continualTasks(int seed, ContinualConfiguration configuration);

/// Continual learning (Fig. 4d-e): 784 -> 32 -> 32 -> 32 -> 5, sigmoid, Xavier-normal; the
/// classes permuted by the seed and split into task A (first five) and task B; 600 per class;
/// output = the class's position in its task; batch 500; `cycles` x (epochsPerTask on A, then on
/// B); both tasks tested after every epoch; score = mean over both tasks of the first
/// `scoredEpochs` epochs. That is the Protocol configuration; Authors changes the split, the
/// units and the loss (ContinualConfiguration).
struct ContinualConfig {
    std::vector<Scalar> alphas{0.005, 0.001, 0.0005, 0.0001};
    int seeds = 21;
    int perClass = 600;
    int batchSize = 500;
    int cycles = 20;
    int epochsPerTask = 4;
    int scoredEpochs = 84;
    int testPerClass = 0;  ///< 0: every test image of the task's classes.
    PcConfig pc{0.0, 64, 0.1, 0.9};
    /// The task split, units and loss (the protocol's by default).
    ContinualConfiguration configuration = ContinualConfiguration::Protocol;
    /// Every problem, one sentence each.
    std::vector<std::string> validate() const;
    /// The lecture-sized variant (see HACKING.md).
    static ContinualConfig quick();
    /// Mean test error over both tasks and the first scoredEpochs epochs.
    DataMetric metric() const { return {DataMetric::Kind::MeanOverEpochs, scoredEpochs}; }
    /// Total epochs.
    int epochs() const { return cycles * 2 * epochsPerTask; }
};
/// Every (rule, alpha, seed), setting 0.
std::vector<DataCell> continualCells(const ContinualConfig& config);
/// The seed's permutation of the ten classes (the protocol: task A = the first five, task B
/// the rest; the authors' configuration: the shuffled labels P, unit of class c = P[c] mod 5).
std::vector<int> continualClassOrder(int seed);
/// One cell: errors[0] is task A, errors[1] task B, after every epoch.
DataCellResult runContinualCell(const ContinualConfig& config, const data::Dataset& data,
                                const DataCell& cell, const DataHooks& hooks = {});

/// Concept drift (Fig. 4f-g): 784 -> 32 -> 32 -> 10, sigmoid, Xavier-uniform, pre-trained with
/// BP (full training set, pretrainEpochs, batch 60, alpha 0.01); then every `period` epochs the
/// labels of classes 5-9 are permuted among themselves; 120 per class to train on, 100 per class
/// to test on, batch 32; score = mean test error over the run.
struct DriftConfig {
    std::vector<Scalar> alphas{0.1, 0.05, 0.01, 0.005, 0.001};
    int seeds = 3;
    int trainPerClass = 120;
    int testPerClass = 100;
    int batchSize = 32;
    int epochs = 3000;  ///< Fewer allowed (a documented option): a whole number of periods
                        ///< shows each drift.
    int period = 64;
    int pretrainEpochs = 64;
    int pretrainBatch = 60;
    Scalar pretrainAlpha = 0.01;
    int pretrainPerClass = 0;  ///< 0: the full training set.
    PcConfig pc{0.0, 128, 0.1, 0.5};
    /// Every problem, one sentence each.
    std::vector<std::string> validate() const;
    /// The lecture-sized variant (see HACKING.md).
    static DriftConfig quick();
    /// Mean test error over the run.
    DataMetric metric() const { return {DataMetric::Kind::MeanOverEpochs, 0}; }
};
/// Every (rule, alpha, seed), setting 0.
std::vector<DataCell> driftCells(const DriftConfig& config);
/// The BP pre-training of one seed (the same net for both rules and every alpha); nullptr when
/// cancelled or when it diverged (then `problem` says why).
std::shared_ptr<const Network> driftPretrain(const DriftConfig& config, const data::Dataset& data,
                                             int seed, const DataHooks& hooks,
                                             std::string* problem = nullptr);
/// The label each class has in period `period` (0-based) of a seed's run: classes 0-4 keep
/// theirs, 5-9 get a fresh random permutation of 5-9 every period.
std::vector<int> driftMapping(int seed, int period);
/// One cell from a pre-trained net.
DataCellResult runDriftCell(const DriftConfig& config, const data::Dataset& data,
                            const DataCell& cell, const Network& pretrained,
                            const DataHooks& hooks = {});

/// Pre-trained nets computed once per seed and shared by every cell that needs them; safe to use
/// from several threads (a second caller of the same seed waits for the first one's result). A
/// cache serves one dataset and one pre-training setting at a time: asking with another one
/// forgets the nets computed so far.
class DriftPretrainCache {
public:
    /// The pre-trained net of `seed` for this config and dataset (computed on the first call).
    /// nullptr when cancelled or diverged (not cached: a later call tries again).
    std::shared_ptr<const Network> get(const DriftConfig& config, const data::Dataset& data,
                                       int seed, const DataHooks& hooks,
                                       std::string* problem = nullptr);

private:
    std::mutex m_mutex;
    std::string m_key;
    std::map<int, std::shared_ptr<const Network>> m_nets;
    std::map<int, std::unique_ptr<std::mutex>> m_seedLocks;
};
/// One cell, pre-training through the cache.
DataCellResult runDriftCell(const DriftConfig& config, const data::Dataset& data,
                            const DataCell& cell, DriftPretrainCache& cache,
                            const DataHooks& hooks = {});

/// Little data (Fig. 4h): 784 -> 32 -> 32 -> 10, sigmoid, Xavier-uniform; N per class to train
/// on (and N per class of the test set, all when it has fewer), batch 60, 64 epochs, PC with
/// gamma0 1.0; score = lowest test error over the epochs.
struct SmallDataConfig {
    std::vector<int> perClass{60, 300, 600, 3000, 6000};
    std::vector<Scalar> alphas{0.1, 0.05, 0.01, 0.005, 0.001, 5e-4, 1e-4, 5e-5, 1e-5};
    int seeds = 3;
    int batchSize = 60;
    int epochs = 64;
    int testPerClassCap = 0;  ///< Test at most this many per class (0: as many as N).
    PcConfig pc{0.0, 64, 1.0, 0.5};
    /// Every problem, one sentence each.
    std::vector<std::string> validate() const;
    /// The lecture-sized variant (see HACKING.md).
    static SmallDataConfig quick();
    /// Lowest test error over the epochs.
    DataMetric metric() const { return {DataMetric::Kind::LowestOverEpochs, 0}; }
};
/// Every (rule, examples per class, alpha, seed): rules, then N, then alphas, then seeds.
std::vector<DataCell> smallDataCells(const SmallDataConfig& config);
/// One cell (its setting is N).
DataCellResult runSmallDataCell(const SmallDataConfig& config, const data::Dataset& data,
                                const DataCell& cell, const DataHooks& hooks = {});

}  // namespace engine::experiments
