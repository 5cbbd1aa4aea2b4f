#pragma once

// The settings of the five dataset experiments (dataexperiments.h) as option tables
// (experimentoptions.h): the command line's `prospect experiment depth|online|continual|drift|
// small-data` and the window's "Learning on data" tabs build their options and fields from them.
// Each settings struct holds the protocol's config (the paper's defaults) and the data folder;
// quick() gives the documented lecture-sized variant, which the command line's --quick and the
// window's Lecture button put in place of the defaults.

#include <string>
#include <vector>

#include "engine/experiments/dataexperiments.h"
#include "engine/experiments/experimentoptions.h"

namespace engine::experiments {

/// Deep networks (Fig. 3f-h).
struct DepthSettings {
    DepthConfig config;
    std::string data;  ///< The FashionMNIST folder ("": $PROSPECT_FASHION_MNIST, then Debian's).
    /// DepthConfig::quick().
    static DepthSettings quick();
};

/// The learning rates of the online protocol: one list for every batch size, or lists for some
/// batch sizes (the others take the paper's), or the paper's grid of every batch size.
struct OnlineAlphas {
    std::vector<Scalar> all;              ///< When not empty: every batch size's rates.
    std::vector<OnlineSetting> perBatch;  ///< Otherwise: these batch sizes' own rates.
    /// "paper", "0.1,0.2" or "1:0.1,0.2;64:0.005".
    std::string text() const;
};

/// Online learning (Fig. 4b-c). config.settings is built from batchSizes and alphas
/// (onlineConfig()).
struct OnlineSettings {
    std::vector<int> batchSizes{1, 8, 16, 32, 64};
    OnlineAlphas alphas;
    OnlineConfig config;
    std::string data;
    /// OnlineConfig::quick(): batch sizes 1 and 64 with their own rates.
    static OnlineSettings quick();
};
/// The paper's learning rates of batch size `batch` (empty when the paper has none).
std::vector<Scalar> paperOnlineAlphas(int batch);
/// The config of `settings`: one OnlineSetting per batch size with its rates. Problems (a batch
/// size without rates, rates for a batch size not listed) go to `problems` when given.
OnlineConfig onlineConfig(const OnlineSettings& settings,
                          std::vector<std::string>* problems = nullptr);

/// Continual learning (Fig. 4d-e).
struct ContinualSettings {
    ContinualConfig config;
    std::string data;
    /// ContinualConfig::quick().
    static ContinualSettings quick();
};

/// Concept drift (Fig. 4f-g).
struct DriftSettings {
    DriftConfig config;
    std::string data;
    /// DriftConfig::quick().
    static DriftSettings quick();
};

/// Little data (Fig. 4h).
struct SmallDataSettings {
    SmallDataConfig config;
    std::string data;
    /// SmallDataConfig::quick().
    static SmallDataSettings quick();
};

/// Name of the data-folder option of every dataset experiment ("data").
inline constexpr const char* DataFolderOption = "data";

/// The option table of each dataset experiment (built once).
const OptionTable<DepthSettings>& depthOptions();
const OptionTable<OnlineSettings>& onlineOptions();
const OptionTable<ContinualSettings>& continualOptions();
const OptionTable<DriftSettings>& driftOptions();
const OptionTable<SmallDataSettings>& smallDataOptions();

/// Reads a continual configuration by name ("protocol" or "authors"), or says why not.
OptionError readContinualConfiguration(std::string_view text, ContinualConfiguration& out);

/// Reads the online rates' text ("paper", a list, or "B:list;B:list"), or says why not.
OptionError readOnlineAlphas(std::string_view text, OnlineAlphas& out);

}  // namespace engine::experiments
