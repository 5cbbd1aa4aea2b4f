#include "engine/experiments/dataexperiments.h"

#include <cassert>
#include <cmath>

#include "engine/experiments/dataprotocolhelpers.h"

namespace engine::experiments {

const char* dataProtocolName(DataProtocol protocol) {
    switch (protocol) {
        case DataProtocol::Depth:
            return "depth";
        case DataProtocol::Online:
            return "online";
        case DataProtocol::Continual:
            return "continual";
        case DataProtocol::Drift:
            return "drift";
        case DataProtocol::SmallData:
            return "small-data";
    }
    return "depth";
}

const char* dataSettingName(DataProtocol protocol) {
    switch (protocol) {
        case DataProtocol::Depth:
            return "depth";
        case DataProtocol::Online:
            return "batch size";
        case DataProtocol::SmallData:
            return "examples per class";
        case DataProtocol::Continual:
        case DataProtocol::Drift:
            return "";
    }
    return "";
}

// ---- depth
// ---------------------------------------------------------------------------------------

std::vector<std::string> DepthConfig::validate() const {
    Problems p;
    p.intList("depths", depths, 1, MaxDataDepth);
    p.rates("alphas", alphas);
    p.count("seeds", seeds, 1, MaxSeeds);
    p.count("examples per class", perClass, 1, MaxPerClass);
    p.count("batch size", batchSize, 1, MaxBatchSize);
    p.count("epochs", epochs, 1, MaxEpochs);
    p.count("width", width, 1, MaxWidth);
    p.count("test images per class", testPerClass, 0, MaxPerClass);
    p.pc(pc);
    return p.list;
}

DepthConfig DepthConfig::quick() {
    // Three depths, every other decade of the paper's rates, one seed, 10 epochs, 100 test images
    // per class: PC's best rate grows with depth and BP's best error rises faster (HACKING.md).
    DepthConfig c;
    c.depths = {2, 6, 10};
    c.alphas = {0.1, 0.01, 0.001, 1e-4};
    c.seeds = 1;
    c.epochs = 10;
    c.testPerClass = 100;
    return c;
}

std::vector<DataCell> depthCells(const DepthConfig& config) {
    return gridCells(
        config.depths, [&](int) { return config.alphas; }, config.seeds);
}

Network depthNetwork(const DepthConfig& config, int depth, int seed, Index inputs) {
    // 784 -> 64 x (L - 1) -> 10, leaky ReLU (slope 0.01), Xavier-normal gain 1, no bias.
    std::vector<Index> sizes{inputs};
    for (int l = 1; l < depth; ++l)
        sizes.push_back(config.width);
    sizes.push_back(data::ClassCount);
    return Network(
        NetworkSpec::layered(sizes, Activation::LeakyRelu, Initialiser::xavierNormal(1.0)),
        dataSeed(seed, StreamInit + static_cast<std::uint64_t>(depth)));
}

DataCellResult runDepthCell(const DepthConfig& config, const data::Dataset& data,
                            const DataCell& cell, const DataHooks& hooks) {
    assert(config.validate().empty());
    const Network net = depthNetwork(config, cell.setting, cell.seed, data.train.imageSize());
    // The same 60 images per class and the same order for every depth, rule and alpha.
    Random pick(dataSeed(cell.seed, StreamSubset));
    const LabelledSet train = drawPerClass(data.train, config.perClass, allClasses(), {}, pick);
    Random testPick(dataSeed(cell.seed, StreamTest));
    const LabelledSet test =
        drawPerClass(data.test, config.testPerClass, allClasses(), {}, testPick);
    CellRun run(cell, "depth", net, config.pc, config.batchSize, 1, hooks);
    Random order(dataSeed(cell.seed, StreamShuffle));
    std::vector<Index> idx = identityOrder(train.size());
    for (int epoch = 0; epoch < config.epochs; ++epoch) {
        shuffle(idx, order);
        if (run.train(data.train, train, idx, train.size(), config.batchSize))
            run.test(0, data.test, test);
        if (!run.endEpoch())
            break;
    }
    return std::move(run.result());
}

// ---- online
// --------------------------------------------------------------------------------------

std::vector<std::string> OnlineConfig::validate() const {
    Problems p;
    if (settings.empty())
        p.list.push_back("online: at least one batch size is needed");
    for (const OnlineSetting& s : settings) {
        p.count("batch size", s.batchSize, 1, MaxBatchSize);
        p.rates("alphas of batch size " + std::to_string(s.batchSize), s.alphas);
    }
    for (size_t i = 0; i < settings.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (settings[i].batchSize == settings[j].batchSize)
                p.list.push_back("batch size " + std::to_string(settings[i].batchSize) +
                                 " is listed twice");
    p.count("seeds", seeds, 1, MaxSeeds);
    p.count("iterations", iterations, 1, MaxEpochs);
    p.count("batches per iteration", batchesPerIteration, 1, 1'000'000);
    p.count("training images per class", trainPerClass, 0, MaxPerClass);
    p.count("test images per class", testPerClass, 0, MaxPerClass);
    p.pc(pc);
    return p.list;
}

OnlineConfig OnlineConfig::quick() {
    // The two ends of the batch axis over the full 64 iterations (at batch 64 the rules only meet
    // once both have converged), the best rates of the full grid, one seed, 100 test images per
    // class (HACKING.md).
    OnlineConfig c;
    c.settings = {{1, {0.1, 0.2}}, {64, {0.005}}};
    c.seeds = 1;
    c.testPerClass = 100;
    return c;
}

std::vector<DataCell> onlineCells(const OnlineConfig& config) {
    std::vector<int> batches;
    for (const OnlineSetting& s : config.settings)
        batches.push_back(s.batchSize);
    return gridCells(
        batches,
        [&](int b) {
            for (const OnlineSetting& s : config.settings)
                if (s.batchSize == b)
                    return s.alphas;
            return std::vector<Scalar>{};
        },
        config.seeds);
}

DataCellResult runOnlineCell(const OnlineConfig& config, const data::Dataset& data,
                             const DataCell& cell, const DataHooks& hooks) {
    assert(config.validate().empty());
    const Index batch = cell.setting;
    const Network net = sigmoidNetwork({data.train.imageSize(), 32, 32, data::ClassCount},
                                       Initialiser::xavierUniform(1.0), cell.seed);
    Random pick(dataSeed(cell.seed, StreamSubset));
    const LabelledSet train =
        drawPerClass(data.train, config.trainPerClass, allClasses(), {}, pick);
    Random testPick(dataSeed(cell.seed, StreamTest));
    const LabelledSet test =
        drawPerClass(data.test, config.testPerClass, allClasses(), {}, testPick);
    CellRun run(cell, "batch size", net, config.pc, batch, 1, hooks);
    // An iteration learns the first batchesPerIteration batches of a fresh shuffle.
    Random order(dataSeed(cell.seed, StreamShuffle));
    std::vector<Index> idx = identityOrder(train.size());
    const Index count = std::min<Index>(train.size(), batch * config.batchesPerIteration);
    for (int it = 0; it < config.iterations; ++it) {
        shuffle(idx, order);
        if (run.train(data.train, train, idx, count, batch))
            run.test(0, data.test, test);
        if (!run.endEpoch())
            break;
    }
    return std::move(run.result());
}

// ---- small data
// ----------------------------------------------------------------------------------

std::vector<std::string> SmallDataConfig::validate() const {
    Problems p;
    p.intList("examples per class", perClass, 1, MaxPerClass);
    p.rates("alphas", alphas);
    p.count("seeds", seeds, 1, MaxSeeds);
    p.count("batch size", batchSize, 1, MaxBatchSize);
    p.count("epochs", epochs, 1, MaxEpochs);
    p.count("test cap per class", testPerClassCap, 0, MaxPerClass);
    p.pc(pc);
    return p.list;
}

SmallDataConfig SmallDataConfig::quick() {
    // The small end of the axis (10, 60 and 300 per class) with the full 64 epochs, the three
    // rates around both rules' best, one seed, at most 200 test images per class. The crossing
    // at the full set needs the full protocol (HACKING.md).
    SmallDataConfig c;
    c.perClass = {10, 60, 300};
    c.alphas = {0.01, 0.005, 0.001};
    c.seeds = 1;
    c.testPerClassCap = 200;
    return c;
}

std::vector<DataCell> smallDataCells(const SmallDataConfig& config) {
    return gridCells(
        config.perClass, [&](int) { return config.alphas; }, config.seeds);
}

DataCellResult runSmallDataCell(const SmallDataConfig& config, const data::Dataset& data,
                                const DataCell& cell, const DataHooks& hooks) {
    assert(config.validate().empty());
    const int n = cell.setting;
    const Network net = sigmoidNetwork({data.train.imageSize(), 32, 32, data::ClassCount},
                                       Initialiser::xavierUniform(1.0), cell.seed);
    // N per class to train on; the test set subsampled alike (all of a class when it has fewer).
    Random pick(dataSeed(cell.seed, StreamSubset));
    const LabelledSet train = drawPerClass(data.train, n, allClasses(), {}, pick);
    const int testN = config.testPerClassCap > 0 ? std::min(n, config.testPerClassCap) : n;
    Random testPick(dataSeed(cell.seed, StreamTest));
    const LabelledSet test = drawPerClass(data.test, testN, allClasses(), {}, testPick);
    CellRun run(cell, "examples per class", net, config.pc, config.batchSize, 1, hooks);
    Random order(dataSeed(cell.seed, StreamShuffle));
    std::vector<Index> idx = identityOrder(train.size());
    for (int epoch = 0; epoch < config.epochs; ++epoch) {
        shuffle(idx, order);
        if (run.train(data.train, train, idx, train.size(), config.batchSize))
            run.test(0, data.test, test);
        if (!run.endEpoch())
            break;
    }
    return std::move(run.result());
}

}  // namespace engine::experiments
