#pragma once

// The scenarios the lab window offers in its Presets menu: small networks from the paper with
// their trials and both rules' settings. Each is a scenario file under resources/scenarios/,
// compiled in and read by the same reader as a user's file.

#include <string>
#include <string_view>
#include <vector>

#include "engine/scenario/scenario.h"

namespace engine {

/// The text of one bundled scenario file.
struct BundledScenario {
    std::string_view name;  ///< File name without ".json", e.g. "bear".
    std::string_view text;
};

/// Every bundled scenario file, in menu order (generated at build time).
const std::vector<BundledScenario>& bundledScenarios();

/// Every preset that read without problems, in menu order.
const std::vector<Scenario>& presets();

/// Messages for bundled files that failed to read (empty in a correct build; tests check it).
const std::vector<std::string>& presetProblems();

/// The preset called `name`, or nullptr.
const Scenario* findPreset(const std::string& name);

}  // namespace engine
