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

DataCellResult runContinualCell(const ContinualConfig& config, const data::Dataset& data,
                                const DataCell& cell, const DataHooks& hooks) {
    assert(config.validate().empty());
    // Task A = the first five classes of the seed's permutation, task B the other five; one
    // shared head of five outputs: a class's target is its position within its task.
    constexpr int PerTask = data::ClassCount / 2;
    const std::vector<int> order = continualClassOrder(cell.seed);
    std::vector<int> units(data::ClassCount);
    std::vector<int> classes[2];
    for (int k = 0; k < data::ClassCount; ++k) {
        units[static_cast<size_t>(order[static_cast<size_t>(k)])] = k % PerTask;
        classes[k / PerTask].push_back(order[static_cast<size_t>(k)]);
    }
    Random pick(dataSeed(cell.seed, StreamSubset));
    Random testPick(dataSeed(cell.seed, StreamTest));
    LabelledSet train[2], test[2];
    for (int t = 0; t < 2; ++t) {
        train[t] = drawPerClass(data.train, config.perClass, classes[t], units, pick);
        test[t] = drawPerClass(data.test, config.testPerClass, classes[t], units, testPick);
    }
    // 784 -> 32 -> 32 -> 32 -> 5, sigmoid, Xavier-normal gain 1, no bias.
    const Network net = sigmoidNetwork({data.train.imageSize(), 32, 32, 32, PerTask},
                                       Initialiser::xavierNormal(1.0), cell.seed);
    CellRun run(cell, "", net, config.pc, config.batchSize, 2, hooks);
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
