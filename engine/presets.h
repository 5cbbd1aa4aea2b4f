#pragma once

// The scenarios the lab window offers in its Presets menu: small networks from the paper with
// their trials and both rules' settings.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/network.h"
#include "engine/simulation.h"
#include "engine/trial.h"

namespace engine {

/// A ready-to-run scenario.
struct Preset {
    std::string name;         ///< Command-line name, e.g. "bear".
    std::string title;        ///< Menu text, e.g. "Bear and river (interference)".
    std::string description;  ///< A few sentences: what to look at.
    NetworkSpec spec;
    std::uint64_t seed = 0;  ///< Default seed (weights for random initialisers, samples).
    BpConfig bp;
    PcConfig pc;
    /// Plain names of the input and output neurons (may be empty or shorter than the layer).
    std::vector<std::string> inputNames, outputNames;
    /// The trials for a seed (a fixed list for most presets; drawn from the seed for some).
    std::function<std::vector<Trial>(std::uint64_t seed)> trials;
};

/// Every preset, in menu order.
const std::vector<Preset>& presets();

/// The preset called `name`, or nullptr.
const Preset* findPreset(const std::string& name);

}  // namespace engine
