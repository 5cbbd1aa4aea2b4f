#include <cassert>

#include "engine/experiments/dataexperiments.h"
#include "engine/experiments/dataprotocolhelpers.h"

namespace engine::experiments {

std::vector<std::string> ContinualConfig::validate() const {
    Problems p;
    p.rates("alphas", alphas);
    p.count("seeds", seeds, 1, MaxSeeds);
    p.count("examples per class", perClass, 1, MaxPerClass);
    p.count("batch size", batchSize, 1, MaxBatchSize);
    p.count("cycles", cycles, 1, MaxEpochs);
    p.count("epochs per task", epochsPerTask, 1, MaxEpochs);
    p.count("scored epochs", scoredEpochs, 0, MaxEpochs);
    p.count("test images per class", testPerClass, 0, MaxPerClass);
    p.pc(pc);
    return p.list;
}

ContinualConfig ContinualConfig::quick() {
    // 11 of the 20 cycles (the score still covers the first 84 epochs), the two smaller rates,
    // two seeds, 200 test images per class (HACKING.md).
    ContinualConfig c;
    c.alphas = {0.0005, 0.0001};
    c.seeds = 2;
    c.cycles = 11;
    c.testPerClass = 200;
    return c;
}

std::vector<DataCell> continualCells(const ContinualConfig& config) {
    return gridCells(
        {0}, [&](int) { return config.alphas; }, config.seeds);
}

std::vector<int> continualClassOrder(int seed) {
    std::vector<Index> order = identityOrder(data::ClassCount);
    Random rng(dataSeed(seed, StreamTasks));
    shuffle(order, rng);
    return std::vector<int>(order.begin(), order.end());
}

const char* continualConfigurationName(ContinualConfiguration c) {
    return c == ContinualConfiguration::Authors ? "authors" : "protocol";
}

ContinualTasks continualTasks(int seed, ContinualConfiguration configuration) {
    constexpr int PerTask = data::ClassCount / 2;
    const std::vector<int> order = continualClassOrder(seed);
    ContinualTasks tasks;
    tasks.units.assign(data::ClassCount, 0);
    for (int k = 0; k < data::ClassCount; ++k) {
        const auto at = static_cast<size_t>(k);
        if (configuration == ContinualConfiguration::Authors) {
            // Fixed tasks 0-4 and 5-9; class k's unit is its shuffled label modulo 5.
            tasks.units[at] = order[at] % PerTask;
            tasks.classes[k / PerTask].push_back(k);
        } else {
            // The k-th class of the permutation is at position k % 5 of task k / 5.
            tasks.units[static_cast<size_t>(order[at])] = k % PerTask;
            tasks.classes[k / PerTask].push_back(order[at]);
        }
    }
    // The authors' loss leaves out the head's last unit ([:, 0:-1]).
    tasks.lossUnits = configuration == ContinualConfiguration::Authors ? PerTask - 1 : PerTask;
    return tasks;
}

DataCellResult runContinualCell(const ContinualConfig& config, const data::Dataset& data,
                                const DataCell& cell, const DataHooks& hooks) {
    assert(config.validate().empty());
    // Two tasks of five classes on one shared head of five outputs (continualTasks()).
    constexpr int PerTask = data::ClassCount / 2;
    const ContinualTasks tasks = continualTasks(cell.seed, config.configuration);
    Random pick(dataSeed(cell.seed, StreamSubset));
    Random testPick(dataSeed(cell.seed, StreamTest));
    LabelledSet train[2], test[2];
    for (int t = 0; t < 2; ++t) {
        train[t] = drawPerClass(data.train, config.perClass, tasks.classes[t], tasks.units, pick);
        test[t] =
            drawPerClass(data.test, config.testPerClass, tasks.classes[t], tasks.units, testPick);
    }
    // 784 -> 32 -> 32 -> 32 -> 5, sigmoid, Xavier-normal gain 1, no bias.
    const Network net = sigmoidNetwork({data.train.imageSize(), 32, 32, 32, PerTask},
                                       Initialiser::xavierNormal(1.0), cell.seed);
    CellRun run(cell, "", net, config.pc, config.batchSize, 2, hooks);
    run.setLossUnits(tasks.lossUnits);
    Random shuffler(dataSeed(cell.seed, StreamShuffle));
    std::vector<Index> idx[2] = {identityOrder(train[0].size()), identityOrder(train[1].size())};
    for (int cycle = 0; cycle < config.cycles; ++cycle)
        for (int task = 0; task < 2; ++task)
            for (int e = 0; e < config.epochsPerTask; ++e) {
                std::vector<Index>& o = idx[task];
                shuffle(o, shuffler);
                if (run.train(data.train, train[task], o, train[task].size(), config.batchSize)) {
                    run.test(0, data.test, test[0]);
                    run.test(1, data.test, test[1]);
                }
                if (!run.endEpoch())
                    return std::move(run.result());
            }
    return std::move(run.result());
}

}  // namespace engine::experiments
