#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace app {

/// `prospect run (SCENARIO.json | --preset NAME) [--trials N] [--csv PATH]`: runs a scenario
/// with both rules and prints a summary; the CSV holds one row per rule and trial. Returns the
/// exit code (2 for bad input, 1 for a run that stopped or a failed write).
int runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace app
