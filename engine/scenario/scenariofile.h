#pragma once

// Reading and writing scenario files: versioned JSON, described in docs/scenario-format.md.
// Every problem is reported as "FILE: FIELD: what is wrong", and nothing is half-read.

#include <optional>
#include <string>
#include <string_view>

#include "engine/scenario/scenario.h"

namespace engine {

/// The value of the "format" field.
inline constexpr const char* ScenarioFormat = "prospect-scenario";
/// The newest version this program reads and the one it writes.
constexpr int ScenarioVersion = 2;
/// Largest scenario file read (bytes).
constexpr std::size_t MaxScenarioFileBytes = 16u << 20;

/// A scenario, or why there is none.
struct ScenarioResult {
    std::optional<Scenario> scenario;
    std::string error;  ///< "SOURCE: FIELD: problem" when scenario is empty.
};

/// Parses the text of a scenario file; `source` names it in messages (usually the path).
ScenarioResult parseScenario(std::string_view text, const std::string& source);
/// Reads and parses a scenario file.
ScenarioResult readScenarioFile(const std::string& path);
/// The scenario as the JSON text of a file (numbers written so they read back bit for bit).
/// The scenario must be valid.
std::string scenarioToJson(const Scenario& scenario);

}  // namespace engine
