#pragma once

// The scenario a command runs: a file named by the first argument, or a bundled preset
// (--preset NAME). Shared by `prospect run`, `record` and `export`.

#include <optional>
#include <string>
#include <vector>

#include "app/options.h"
#include "engine/scenario/scenario.h"

namespace app {

/// The --preset option of the commands that take a scenario.
OptionSpec presetOption();

/// Removes and returns the first argument when it is not an option (the scenario file), else "".
std::string takeScenarioPath(std::vector<std::string>& args);

/// A scenario and where it came from ("preset bear" or the file's path).
struct ScenarioSource {
    engine::Scenario scenario;
    std::string source;
};

/// The preset named by --preset, or the file at `path`; or why neither (exactly one must be
/// given, the preset must exist and the file must read).
std::optional<std::string> readScenarioSource(const std::string& path, const Options& options,
                                              ScenarioSource& out);

}  // namespace app
