#pragma once

#include <string>
#include <vector>

namespace app {

/// True when the arguments ask for the window (no arguments, or --preset / --screenshot / ...).
bool isGuiCommand(const std::vector<std::string>& args);

/// Opens the lab window (or renders it offscreen for --screenshot); returns the exit code.
int runGui(int argc, char** argv, const std::vector<std::string>& args);

}  // namespace app
