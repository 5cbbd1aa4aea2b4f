#include <cassert>
#include <cmath>
#include <limits>
#include <memory>

#include "engine/experiments/dataexperiments.h"
#include "engine/experiments/dataprotocolhelpers.h"
#include "engine/report/format.h"

namespace engine::experiments {

std::vector<std::string> DriftConfig::validate() const {
    Problems p;
    p.rates("alphas", alphas);
    p.count("seeds", seeds, 1, MaxSeeds);
    p.count("training images per class", trainPerClass, 1, MaxPerClass);
    p.count("test images per class", testPerClass, 1, MaxPerClass);
    p.count("batch size", batchSize, 1, MaxBatchSize);
    p.count("epochs", epochs, 1, MaxEpochs);
    p.count("drift period", period, 1, MaxEpochs);
    p.count("pre-training epochs", pretrainEpochs, 0, MaxEpochs);
    p.count("pre-training batch size", pretrainBatch, 1, MaxBatchSize);
    p.count("pre-training images per class", pretrainPerClass, 0, MaxPerClass);
    if (!std::isfinite(pretrainAlpha) || pretrainAlpha <= 0.0)
        p.list.push_back("the pre-training learning rate must be finite and > 0");
    p.pc(pc);
    return p.list;
}

DriftConfig DriftConfig::quick() {
    // Two drifts (128 epochs), 8 epochs of pre-training instead of 64, the three larger rates,
    // one seed (HACKING.md).
    DriftConfig c;
    c.alphas = {0.1, 0.05, 0.01};
    c.seeds = 1;
    c.epochs = 128;
    c.pretrainEpochs = 8;
    return c;
}

std::vector<DataCell> driftCells(const DriftConfig& config) {
    return gridCells(
        {0}, [&](int) { return config.alphas; }, config.seeds);
}

std::vector<int> driftMapping(int seed, int period) {
    // Classes 0-4 keep their labels; 5-9 get a fresh permutation of 5-9 (of the true labels, not
    // of the previous period's).
    std::vector<Index> moved = {5, 6, 7, 8, 9};
    Random rng(dataSeed(seed, StreamDrift + static_cast<std::uint64_t>(period)));
    shuffle(moved, rng);
    std::vector<int> mapping = {0, 1, 2, 3, 4};
    for (Index c : moved)
        mapping.push_back(static_cast<int>(c));
    return mapping;
}

std::shared_ptr<const Network> driftPretrain(const DriftConfig& config, const data::Dataset& data,
                                             int seed, const DataHooks& hooks,
                                             std::string* problem) {
    assert(config.validate().empty());
    // 784 -> 32 -> 32 -> 10, sigmoid, Xavier-uniform, then BP on the (full) training set.
    const Network net = sigmoidNetwork({data.train.imageSize(), 32, 32, data::ClassCount},
                                       Initialiser::xavierUniform(1.0), seed);
    Random pick(dataSeed(seed, StreamPretrain));
    const LabelledSet train =
        drawPerClass(data.train, config.pretrainPerClass, allClasses(), {}, pick);
    BatchTrainer trainer(Rule::BP, net, PcConfig{config.pretrainAlpha, 1, 0.1, 0.5},
                         config.pretrainBatch);
    BatchBuffers buffers(net.size(0), net.size(net.depth()), config.pretrainBatch);
    std::vector<Index> order = identityOrder(train.size());
    for (int epoch = 0; epoch < config.pretrainEpochs; ++epoch) {
        shuffle(order, pick);
        std::string why;
        if (!trainEpoch(trainer, buffers, data.train, train, order, config.pretrainBatch, hooks,
                        &why)) {
            if (problem && !why.empty())
                *problem = "drift pre-training of seed " + std::to_string(seed) + ": " + why;
            return nullptr;
        }
    }
    return std::make_shared<const Network>(trainer.network());
}

DataCellResult runDriftCell(const DriftConfig& config, const data::Dataset& data,
                            const DataCell& cell, const Network& pretrained,
                            const DataHooks& hooks) {
    assert(config.validate().empty());
    // Fixed subsets for the whole run (120 per class to train on, 100 per class to test on).
    Random pick(dataSeed(cell.seed, StreamSubset));
    LabelledSet train = drawPerClass(data.train, config.trainPerClass, allClasses(), {}, pick);
    Random testPick(dataSeed(cell.seed, StreamTest));
    LabelledSet test = drawPerClass(data.test, config.testPerClass, allClasses(), {}, testPick);
    CellRun run(cell, "", pretrained, config.pc, config.batchSize, 1, hooks);
    Random shuffler(dataSeed(cell.seed, StreamShuffle));
    std::vector<Index> idx = identityOrder(train.size());
    for (int epoch = 0; epoch < config.epochs; ++epoch) {
        if (epoch % config.period == 0) {
            // A change of the world: new labels for classes 5-9, in the training and test sets.
            const std::vector<int> mapping = driftMapping(cell.seed, epoch / config.period);
            const auto relabel = [&mapping](LabelledSet& set, const data::ImageSet& images) {
                for (size_t k = 0; k < set.images.size(); ++k)
                    set.units[k] = mapping[static_cast<size_t>(images.label(set.images[k]))];
            };
            relabel(train, data.train);
            relabel(test, data.test);
        }
        shuffle(idx, shuffler);
        if (run.train(data.train, train, idx, train.size(), config.batchSize))
            run.test(0, data.test, test);
        if (!run.endEpoch())
            break;
    }
    return std::move(run.result());
}

std::shared_ptr<const Network> DriftPretrainCache::get(const DriftConfig& config,
                                                       const data::Dataset& data, int seed,
                                                       const DataHooks& hooks,
                                                       std::string* problem) {
    std::mutex* seedLock = nullptr;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        // A cache serves one dataset and one pre-training setting; another one starts afresh. The
        // rate is written exactly (std::to_string would print 1e-7 and 2e-7 alike).
        const std::string key = std::to_string(reinterpret_cast<std::uintptr_t>(&data)) + " " +
                                std::to_string(config.pretrainEpochs) + " " +
                                std::to_string(config.pretrainBatch) + " " +
                                report::formatNumber(config.pretrainAlpha) + " " +
                                std::to_string(config.pretrainPerClass);
        if (key != m_key) {
            m_key = key;
            m_nets.clear();
        }
        auto it = m_nets.find(seed);
        if (it != m_nets.end())
            return it->second;
        std::unique_ptr<std::mutex>& l = m_seedLocks[seed];
        if (!l)
            l = std::make_unique<std::mutex>();
        seedLock = l.get();
    }
    // One thread per seed computes; the others wait here and then find the result.
    std::lock_guard<std::mutex> computing(*seedLock);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_nets.find(seed);
        if (it != m_nets.end())
            return it->second;
    }
    std::shared_ptr<const Network> net = driftPretrain(config, data, seed, hooks, problem);
    if (net) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_nets[seed] = net;
    }
    return net;
}

DataCellResult runDriftCell(const DriftConfig& config, const data::Dataset& data,
                            const DataCell& cell, DriftPretrainCache& cache,
                            const DataHooks& hooks) {
    std::string problem;
    const std::shared_ptr<const Network> net = cache.get(config, data, cell.seed, hooks, &problem);
    if (!net) {
        DataCellResult r;
        r.errors.assign(1, {});
        if (problem.empty()) {
            r.cancelled = true;
        } else {
            r.diverged = true;
            r.problem = problem;
            r.errors[0].push_back(std::numeric_limits<Scalar>::quiet_NaN());
        }
        return r;
    }
    return runDriftCell(config, data, cell, *net, hooks);
}

}  // namespace engine::experiments
