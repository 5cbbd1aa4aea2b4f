#include "engine/experiments/dataplan.h"

#include <memory>
#include <sstream>

#include "engine/experiments/dataoptions.h"
#include "engine/report/format.h"

namespace engine::experiments {

namespace {

using report::formatNumber;

std::string pcText(const PcConfig& pc) {
    return "PC: T " + std::to_string(pc.iterations) + ", gamma0 " + formatNumber(pc.gamma0) +
           ", discount " + formatNumber(pc.discount) + ".";
}

std::string testText(int perClass) {
    return perClass > 0 ? std::to_string(perClass) + " test images per class" : "the full test set";
}

std::string gridText(const std::vector<DataCell>& cells, int seeds) {
    return std::to_string(seeds) + " seed(s); " + std::to_string(cells.size()) +
           " runs in all (both rules).";
}

template <typename S>
std::vector<DataOptionInfo> infoOf(const OptionTable<S>& table) {
    std::vector<DataOptionInfo> out;
    const S quick = S::quick();
    for (const Option<S>& o : table.options)
        out.push_back({o.name, o.help, table.defaultText(o), o.text(quick), o.group, o.choices});
    return out;
}

/// Reads `table` into settings, records the options, then lets `build` fill in the rest.
template <typename S, typename Build>
DataPlanRead readPlan(DataProtocol protocol, const OptionTable<S>& table,
                      const std::function<std::string(const std::string&)>& textOf,
                      const std::string& prefix, Build build) {
    S settings;
    DataPlanRead read;
    read.problems = readSettings(table, textOf, prefix, settings);
    if (!read.problems.empty())
        return read;
    DataPlan plan;
    plan.protocol = protocol;
    for (const Option<S>& o : table.options)
        if (o.name != DataFolderOption)
            plan.options.push_back({o.name, o.text(settings)});
    plan.dataFolder = settings.data;
    build(settings, plan);
    read.plan = std::move(plan);
    return read;
}

void buildDepth(const DepthSettings& s, DataPlan& plan) {
    const DepthConfig c = s.config;
    plan.cells = depthCells(c);
    plan.epochs = c.epochs;
    plan.metric = c.metric();
    std::ostringstream d;
    d << "Deep networks (Fig. 3f-h): 784 -> " << c.width
      << " x (L - 1) -> 10, leaky ReLU (0.01), Xavier-normal, no bias.\n"
      << c.perClass << " training images per class, batch " << c.batchSize << ", " << c.epochs
      << " epochs; a test on " << testText(c.testPerClass) << " after each.\n"
      << pcText(c.pc) << " Depths L " << integerListText(c.depths) << "; " << c.alphas.size()
      << " learning rates;\n"
      << gridText(plan.cells, c.seeds) << "\n";
    plan.description = d.str();
    plan.run = [c](const data::Dataset& data, const DataCell& cell, const DataHooks& hooks) {
        return runDepthCell(c, data, cell, hooks);
    };
}

void buildOnline(const OnlineSettings& s, DataPlan& plan) {
    const OnlineConfig c = onlineConfig(s);
    plan.cells = onlineCells(c);
    plan.epochs = c.iterations;
    plan.metric = c.metric();
    std::ostringstream d;
    d << "Online learning (Fig. 4b-c): 784 -> 32 -> 32 -> 10, sigmoid, Xavier-uniform, no bias.\n"
      << "An iteration learns the first " << c.batchesPerIteration
      << " batches of a fresh shuffle of "
      << (c.trainPerClass > 0 ? std::to_string(c.trainPerClass) + " training images per class"
                              : std::string("the full training set"))
      << ",\nthen tests on " << testText(c.testPerClass) << "; " << c.iterations << " iterations.\n"
      << pcText(c.pc) << " Batch sizes and rates:";
    for (const OnlineSetting& setting : c.settings)
        d << " " << setting.batchSize << " (" << ratesText(setting.alphas) << ")";
    d << "; " << gridText(plan.cells, c.seeds) << "\n";
    plan.description = d.str();
    plan.run = [c](const data::Dataset& data, const DataCell& cell, const DataHooks& hooks) {
        return runOnlineCell(c, data, cell, hooks);
    };
}

void buildContinual(const ContinualSettings& s, DataPlan& plan) {
    const ContinualConfig c = s.config;
    plan.cells = continualCells(c);
    plan.epochs = c.epochs();
    plan.tasks = 2;
    plan.phaseEpochs = c.epochsPerTask;
    plan.metric = c.metric();
    std::ostringstream d;
    d << "Continual learning (Fig. 4d-e): 784 -> 32 -> 32 -> 32 -> 5, sigmoid, Xavier-normal, no "
         "bias.\n"
      << (c.configuration == ContinualConfiguration::Authors
              ? "Configuration authors: task A = classes 0-4, task B = 5-9; a shared head of 5 "
                "outputs (a class's\nunit is its shuffled label mod 5, so two classes of a task "
                "can share one); the loss leaves out\nthe fifth unit.\n"
              : "The ten classes, permuted by the seed, make task A (the first five) and task B; "
                "a shared head\nof 5 outputs (the class's position in its task).\n")
      << c.perClass << " images per class, batch " << c.batchSize << "; " << c.cycles
      << " cycles of (" << c.epochsPerTask << " epochs on A, then " << c.epochsPerTask
      << " on B) = " << c.epochs() << " epochs;\nboth tasks tested on "
      << (c.testPerClass > 0 ? std::to_string(c.testPerClass) + " images per class"
                             : std::string("all their test images"))
      << " after each epoch. " << pcText(c.pc) << "\nRates " << ratesText(c.alphas) << "; "
      << gridText(plan.cells, c.seeds) << "\n";
    plan.description = d.str();
    plan.run = [c](const data::Dataset& data, const DataCell& cell, const DataHooks& hooks) {
        return runContinualCell(c, data, cell, hooks);
    };
}

void buildDrift(const DriftSettings& s, DataPlan& plan) {
    const DriftConfig c = s.config;
    plan.cells = driftCells(c);
    plan.epochs = c.epochs;
    plan.driftPeriod = c.period;
    plan.metric = c.metric();
    std::ostringstream d;
    d << "Concept drift (Fig. 4f-g): 784 -> 32 -> 32 -> 10, sigmoid, Xavier-uniform, no bias,\n"
         "pre-trained with BP ("
      << (c.pretrainPerClass > 0 ? std::to_string(c.pretrainPerClass) + " images per class"
                                 : std::string("the full training set"))
      << ", " << c.pretrainEpochs << " epochs, batch " << c.pretrainBatch << ", alpha "
      << formatNumber(c.pretrainAlpha) << ").\nEvery " << c.period
      << " epochs the labels of classes 5-9 are permuted anew. " << c.trainPerClass
      << " training and " << c.testPerClass << " test images\nper class, batch " << c.batchSize
      << ", " << c.epochs << " epochs.\n"
      << pcText(c.pc) << " Rates " << ratesText(c.alphas) << "; " << gridText(plan.cells, c.seeds)
      << "\n";
    plan.description = d.str();
    // One pre-training per seed, shared by both rules and every rate (and every thread).
    auto cache = std::make_shared<DriftPretrainCache>();
    plan.run = [c, cache](const data::Dataset& data, const DataCell& cell, const DataHooks& hooks) {
        return runDriftCell(c, data, cell, *cache, hooks);
    };
}

void buildSmallData(const SmallDataSettings& s, DataPlan& plan) {
    const SmallDataConfig c = s.config;
    plan.cells = smallDataCells(c);
    plan.epochs = c.epochs;
    plan.metric = c.metric();
    std::ostringstream d;
    d << "Little data (Fig. 4h): 784 -> 32 -> 32 -> 10, sigmoid, Xavier-uniform, no bias.\nN "
         "training images per class, N in "
      << integerListText(c.perClass) << "; the test set subsampled alike"
      << (c.testPerClassCap > 0 ? " (at most " + std::to_string(c.testPerClassCap) + " per class)"
                                : std::string())
      << "; batch " << c.batchSize << ", " << c.epochs << " epochs.\n"
      << pcText(c.pc) << " Rates " << ratesText(c.alphas) << "; " << gridText(plan.cells, c.seeds)
      << "\n";
    plan.description = d.str();
    plan.run = [c](const data::Dataset& data, const DataCell& cell, const DataHooks& hooks) {
        return runSmallDataCell(c, data, cell, hooks);
    };
}

}  // namespace

const char* DataPlan::epochWord() const {
    return protocol == DataProtocol::Online ? "iteration" : "epoch";
}

std::string DataPlan::option(const std::string& name) const {
    for (const auto& [n, value] : options)
        if (n == name)
            return value;
    return {};
}

const std::vector<DataExperimentInfo>& dataExperiments() {
    static const std::vector<DataExperimentInfo> list = {
        {DataProtocol::Depth, "depth", "Fig. 3f-h",
         "FashionMNIST, deeper and deeper nets: BP's best error rises faster with depth than PC's",
         infoOf(depthOptions())},
        {DataProtocol::Online, "online", "Fig. 4b-c",
         "FashionMNIST, smaller and smaller batches: PC's advantage is largest at batch 1",
         infoOf(onlineOptions())},
        {DataProtocol::Continual, "continual", "Fig. 4d-e",
         "FashionMNIST, two tasks in turn: less interference with the other task in PC",
         infoOf(continualOptions())},
        {DataProtocol::Drift, "drift", "Fig. 4f-g",
         "FashionMNIST, labels that change every 64 epochs: PC recovers faster",
         infoOf(driftOptions())},
        {DataProtocol::SmallData, "small-data", "Fig. 4h",
         "FashionMNIST, few examples per class: PC ahead with little data, BP with all of it",
         infoOf(smallDataOptions())},
    };
    return list;
}

const DataExperimentInfo* findDataExperiment(const std::string& name) {
    for (const DataExperimentInfo& e : dataExperiments())
        if (e.name == name)
            return &e;
    return nullptr;
}

const DataExperimentInfo& dataExperiment(DataProtocol protocol) {
    for (const DataExperimentInfo& e : dataExperiments())
        if (e.protocol == protocol)
            return e;
    return dataExperiments().front();
}

DataPlanRead readDataPlan(DataProtocol protocol,
                          const std::function<std::string(const std::string&)>& textOf,
                          const std::string& prefix) {
    switch (protocol) {
        case DataProtocol::Depth:
            return readPlan(protocol, depthOptions(), textOf, prefix, buildDepth);
        case DataProtocol::Online:
            return readPlan(protocol, onlineOptions(), textOf, prefix, buildOnline);
        case DataProtocol::Continual:
            return readPlan(protocol, continualOptions(), textOf, prefix, buildContinual);
        case DataProtocol::Drift:
            return readPlan(protocol, driftOptions(), textOf, prefix, buildDrift);
        case DataProtocol::SmallData:
            return readPlan(protocol, smallDataOptions(), textOf, prefix, buildSmallData);
    }
    return {};
}

int findCell(const std::vector<DataCell>& cells, const DataCell& cell) {
    for (size_t k = 0; k < cells.size(); ++k) {
        const DataCell& c = cells[k];
        if (c.rule == cell.rule && c.setting == cell.setting && c.alpha == cell.alpha &&
            c.seed == cell.seed)
            return static_cast<int>(k);
    }
    return -1;
}

const std::vector<std::string>& fashionMnistClassNames() {
    static const std::vector<std::string> names = {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

}  // namespace engine::experiments
