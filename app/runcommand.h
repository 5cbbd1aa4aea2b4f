#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "app/scenariosource.h"
#include "engine/report/outputfile.h"

namespace app {

/// `prospect run (SCENARIO.json | --preset NAME) [--trials N] [--csv PATH]`: runs a scenario
/// with both rules and prints a summary; the CSV holds one row per rule and trial. Returns the
/// exit code (2 for bad input, 1 for a run that stopped or a failed write).
int runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// The work of `prospect run` on a scenario that has been read: both rules for `trials`
/// trials, each trial's row to `csv` as it comes (when given; not committed), the summary to
/// `out` and the problems to `err`. Returns 0, or 1 when a rule stopped early; `rows` (when
/// given) receives the number of CSV rows written.
int runScenario(const ScenarioSource& scenario, long long trials, engine::report::OutputFile* csv,
                std::ostream& out, std::ostream& err, long long* rows = nullptr);

}  // namespace app
