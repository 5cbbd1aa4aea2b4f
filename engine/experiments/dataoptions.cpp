#include "engine/experiments/dataoptions.h"

#include <algorithm>

#include "engine/experiments/dataprotocolhelpers.h"
#include "engine/report/format.h"

namespace engine::experiments {

// ---- quick variants and online rates ------------------------------------------------------------

DepthSettings DepthSettings::quick() {
    return {DepthConfig::quick(), {}};
}

ContinualSettings ContinualSettings::quick() {
    return {ContinualConfig::quick(), {}};
}

DriftSettings DriftSettings::quick() {
    return {DriftConfig::quick(), {}};
}

SmallDataSettings SmallDataSettings::quick() {
    return {SmallDataConfig::quick(), {}};
}

OnlineSettings OnlineSettings::quick() {
    OnlineSettings s;
    s.config = OnlineConfig::quick();
    s.batchSizes.clear();
    for (const OnlineSetting& setting : s.config.settings) {
        s.batchSizes.push_back(setting.batchSize);
        s.alphas.perBatch.push_back(setting);
    }
    return s;
}

std::vector<Scalar> paperOnlineAlphas(int batch) {
    for (const OnlineSetting& s : OnlineConfig{}.settings)
        if (s.batchSize == batch)
            return s.alphas;
    return {};
}

std::string OnlineAlphas::text() const {
    if (!all.empty())
        return ratesText(all);
    if (perBatch.empty())
        return "paper";
    std::string text;
    for (const OnlineSetting& s : perBatch)
        text += (text.empty() ? "" : ";") + std::to_string(s.batchSize) + ":" + ratesText(s.alphas);
    return text;
}

OptionError readOnlineAlphas(std::string_view text, OnlineAlphas& out) {
    const auto trim = [](std::string_view t) {
        while (!t.empty() && t.front() == ' ')
            t.remove_prefix(1);
        while (!t.empty() && t.back() == ' ')
            t.remove_suffix(1);
        return t;
    };
    text = trim(text);
    OnlineAlphas result;
    if (text == "paper") {
        out = result;
        return std::nullopt;
    }
    if (text.find(':') == std::string_view::npos) {
        if (OptionError e = readRates(text, result.all))
            return e;
        out = result;
        return std::nullopt;
    }
    // "B:list;B:list"
    while (!text.empty()) {
        const size_t end = std::min(text.find(';'), text.size());
        const std::string_view part = trim(text.substr(0, end));
        text = end < text.size() ? text.substr(end + 1) : std::string_view();
        const size_t colon = part.find(':');
        if (colon == std::string_view::npos)
            return report::echoed(part) + " is not BATCH:RATES (e.g. 1:0.1,0.2;64:0.005)";
        long long batch = 0;
        if (OptionError e = readInteger(part.substr(0, colon), 1, MaxBatchSize, batch))
            return "batch size " + *e;
        OnlineSetting setting{static_cast<int>(batch), {}};
        if (OptionError e = readRates(part.substr(colon + 1), setting.alphas))
            return "batch size " + std::to_string(batch) + ": " + *e;
        for (const OnlineSetting& s : result.perBatch)
            if (s.batchSize == setting.batchSize)
                return "batch size " + std::to_string(batch) + " is given twice";
        result.perBatch.push_back(std::move(setting));
    }
    out = result;
    return std::nullopt;
}

OnlineConfig onlineConfig(const OnlineSettings& settings, std::vector<std::string>* problems) {
    OnlineConfig config = settings.config;
    config.settings.clear();
    const auto note = [problems](std::string p) {
        if (problems)
            problems->push_back(std::move(p));
    };
    for (int batch : settings.batchSizes) {
        std::vector<Scalar> alphas = settings.alphas.all;
        if (alphas.empty()) {
            for (const OnlineSetting& s : settings.alphas.perBatch)
                if (s.batchSize == batch)
                    alphas = s.alphas;
            if (alphas.empty())
                alphas = paperOnlineAlphas(batch);
        }
        if (alphas.empty())
            note("alphas: the paper has no learning rates for batch size " + std::to_string(batch) +
                 "; give them (e.g. --alphas 0.01,0.005)");
        config.settings.push_back({batch, alphas});
    }
    for (const OnlineSetting& s : settings.alphas.perBatch)
        if (std::find(settings.batchSizes.begin(), settings.batchSizes.end(), s.batchSize) ==
            settings.batchSizes.end())
            note("alphas: batch size " + std::to_string(s.batchSize) +
                 " is not among the batch sizes");
    return config;
}

OptionError readContinualConfiguration(std::string_view text, ContinualConfiguration& out) {
    for (ContinualConfiguration c :
         {ContinualConfiguration::Protocol, ContinualConfiguration::Authors})
        if (text == continualConfigurationName(c)) {
            out = c;
            return std::nullopt;
        }
    return report::echoed(text) + " is not a configuration: use 'protocol' or 'authors'";
}

// ---- the tables ---------------------------------------------------------------------------------

#define FIELD(member)      \
    [](auto& s) -> auto& { \
        return s.member;   \
    }

namespace {

/// The data folder option, the same in every table: any text ("" for the usual places).
template <typename S>
Option<S> dataOption() {
    return {DataFolderOption,
            "FashionMNIST folder (empty: $PROSPECT_FASHION_MNIST, else "
            "/usr/share/datasets/fashion-mnist)",
            OptionGroup::Experiment,
            false,
            [](const S& s) { return s.data; },
            [](std::string_view text, S& s) -> OptionError {
                s.data = std::string(text);
                return std::nullopt;
            },
            {}};
}

/// The config's own check, after every option was read.
template <typename S>
std::function<std::vector<std::string>(const S&)> configCheck() {
    return [](const S& s) { return s.config.validate(); };
}

}  // namespace

const OptionTable<DepthSettings>& depthOptions() {
    static const OptionTable<DepthSettings> table = [] {
        OptionTable<DepthSettings> t;
        t.integerList("depths", "weight layers L, e.g. 1,2,4 or 2-6", FIELD(config.depths), 1,
                      MaxDataDepth)
            .rates("alphas", "comma-separated learning rates (both rules)", FIELD(config.alphas))
            .integer("seeds", "seeds per rule, depth and rate (0..N-1)", FIELD(config.seeds), 1,
                     MaxSeeds)
            .integer("per-class", "training images per class", FIELD(config.perClass), 1,
                     MaxPerClass)
            .integer("batch-size", "images per batch", FIELD(config.batchSize), 1, MaxBatchSize)
            .integer("epochs", "epochs (a test after each)", FIELD(config.epochs), 1, MaxEpochs)
            .integer("width", "neurons per hidden layer", FIELD(config.width), 1, MaxWidth)
            .integer("test-per-class", "test images per class (0: the full test set)",
                     FIELD(config.testPerClass), 0, MaxPerClass);
        t.options.push_back(dataOption<DepthSettings>());
        t.pc(FIELD(config.pc));
        t.check = configCheck<DepthSettings>();
        return t;
    }();
    return table;
}

const OptionTable<OnlineSettings>& onlineOptions() {
    static const OptionTable<OnlineSettings> table = [] {
        OptionTable<OnlineSettings> t;
        t.integerList("batch-sizes", "batch sizes, e.g. 1,8,16,32,64", FIELD(batchSizes), 1,
                      MaxBatchSize);
        t.options.push_back(
            {"alphas",
             "learning rates: 'paper' (each batch size's grid), one list for all, or "
             "'1:0.1,0.2;64:0.005'",
             OptionGroup::Experiment,
             false,
             [](const OnlineSettings& s) { return s.alphas.text(); },
             [](std::string_view text, OnlineSettings& s) {
                 return readOnlineAlphas(text, s.alphas);
             },
             {}});
        t.integer("seeds", "seeds per rule, batch size and rate (0..N-1)", FIELD(config.seeds), 1,
                  MaxSeeds)
            .integer("epochs", "iterations, each followed by a test", FIELD(config.iterations), 1,
                     MaxEpochs)
            .integer("batches", "batches an iteration learns (of a fresh shuffle)",
                     FIELD(config.batchesPerIteration), 1, 1'000'000)
            .integer("train-per-class", "training images per class to draw from (0: all)",
                     FIELD(config.trainPerClass), 0, MaxPerClass)
            .integer("test-per-class", "test images per class (0: the full test set)",
                     FIELD(config.testPerClass), 0, MaxPerClass);
        t.options.push_back(dataOption<OnlineSettings>());
        t.pc(FIELD(config.pc));
        t.check = [](const OnlineSettings& s) {
            std::vector<std::string> problems;
            const OnlineConfig config = onlineConfig(s, &problems);
            if (problems.empty())
                problems = config.validate();
            return problems;
        };
        return t;
    }();
    return table;
}

const OptionTable<ContinualSettings>& continualOptions() {
    static const OptionTable<ContinualSettings> table = [] {
        OptionTable<ContinualSettings> t;
        t.rates("alphas", "comma-separated learning rates (both rules)", FIELD(config.alphas))
            .integer("seeds", "seeds per rule and rate (0..N-1)", FIELD(config.seeds), 1, MaxSeeds)
            .integer("per-class", "training images per class", FIELD(config.perClass), 1,
                     MaxPerClass)
            .integer("batch-size", "images per batch", FIELD(config.batchSize), 1, MaxBatchSize)
            .integer("cycles", "cycles of (task A, then task B)", FIELD(config.cycles), 1,
                     MaxEpochs)
            .integer("epochs-per-task", "epochs on one task before switching",
                     FIELD(config.epochsPerTask), 1, MaxEpochs)
            .integer("scored-epochs", "the score covers the first N epochs (0: all)",
                     FIELD(config.scoredEpochs), 0, MaxEpochs)
            .integer("test-per-class", "test images per class (0: all of the task's)",
                     FIELD(config.testPerClass), 0, MaxPerClass);
        t.options.push_back(
            {"configuration",
             "'protocol' (the seed's permuted split, 5 units per task, loss on all 5) or "
             "'authors' (classes 0-4 and 5-9, unit = shuffled label mod 5, loss leaves out the "
             "fifth unit)",
             OptionGroup::Experiment,
             false,
             [](const ContinualSettings& s) {
                 return std::string(continualConfigurationName(s.config.configuration));
             },
             [](std::string_view text, ContinualSettings& s) {
                 return readContinualConfiguration(text, s.config.configuration);
             },
             {continualConfigurationName(ContinualConfiguration::Protocol),
              continualConfigurationName(ContinualConfiguration::Authors)}});
        t.options.push_back(dataOption<ContinualSettings>());
        t.pc(FIELD(config.pc));
        t.check = configCheck<ContinualSettings>();
        return t;
    }();
    return table;
}

const OptionTable<DriftSettings>& driftOptions() {
    static const OptionTable<DriftSettings> table = [] {
        OptionTable<DriftSettings> t;
        t.rates("alphas", "comma-separated learning rates (both rules)", FIELD(config.alphas))
            .integer("seeds", "seeds per rule and rate (0..N-1)", FIELD(config.seeds), 1, MaxSeeds)
            .integer("epochs", "epochs of drift (fewer than the paper's 3000 is fine)",
                     FIELD(config.epochs), 1, MaxEpochs)
            .integer("period", "epochs between changes of the labels", FIELD(config.period), 1,
                     MaxEpochs)
            .integer("per-class", "training images per class", FIELD(config.trainPerClass), 1,
                     MaxPerClass)
            .integer("test-per-class", "test images per class", FIELD(config.testPerClass), 1,
                     MaxPerClass)
            .integer("batch-size", "images per batch", FIELD(config.batchSize), 1, MaxBatchSize)
            .integer("pretrain-epochs", "epochs of BP pre-training", FIELD(config.pretrainEpochs),
                     0, MaxEpochs)
            .integer("pretrain-batch-size", "batch size of the pre-training",
                     FIELD(config.pretrainBatch), 1, MaxBatchSize)
            .real("pretrain-alpha", "BP learning rate of the pre-training",
                  FIELD(config.pretrainAlpha), true)
            .integer("pretrain-per-class", "pre-training images per class (0: all)",
                     FIELD(config.pretrainPerClass), 0, MaxPerClass);
        t.options.push_back(dataOption<DriftSettings>());
        t.pc(FIELD(config.pc));
        t.check = configCheck<DriftSettings>();
        return t;
    }();
    return table;
}

const OptionTable<SmallDataSettings>& smallDataOptions() {
    static const OptionTable<SmallDataSettings> table = [] {
        OptionTable<SmallDataSettings> t;
        t.integerList("per-class", "training images per class, e.g. 60,300,600",
                      FIELD(config.perClass), 1, MaxPerClass)
            .rates("alphas", "comma-separated learning rates (both rules)", FIELD(config.alphas))
            .integer("seeds", "seeds per rule, size and rate (0..N-1)", FIELD(config.seeds), 1,
                     MaxSeeds)
            .integer("batch-size", "images per batch", FIELD(config.batchSize), 1, MaxBatchSize)
            .integer("epochs", "epochs (a test after each)", FIELD(config.epochs), 1, MaxEpochs)
            .integer("test-cap", "test at most this many images per class (0: as many as trained)",
                     FIELD(config.testPerClassCap), 0, MaxPerClass);
        t.options.push_back(dataOption<SmallDataSettings>());
        t.pc(FIELD(config.pc));
        t.check = configCheck<SmallDataSettings>();
        return t;
    }();
    return table;
}

#undef FIELD

}  // namespace engine::experiments
