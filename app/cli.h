#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace app {

/// Runs the command line `args` (without the program name) headless; returns the exit code:
/// 0 success, 1 failure while running (e.g. a file could not be written), 2 bad usage.
int runCommandLine(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// The top-level usage text.
std::string usageText();

}  // namespace app
