#pragma once

#include <string>
#include <vector>

namespace app {

/// True when `arg` is a scenario file given without --open (as in the desktop entry's
/// `Exec=prospect %f`): not an option, and with a dot or a slash, which no command name has.
bool isScenarioFileArgument(const std::string& arg);

/// True when the arguments ask for the window (no arguments, a scenario file, or --preset /
/// --screenshot / ...).
bool isGuiCommand(const std::vector<std::string>& args);

/// Opens the lab window (or renders it offscreen for --screenshot); returns the exit code.
int runGui(int argc, char** argv, const std::vector<std::string>& args);

}  // namespace app
