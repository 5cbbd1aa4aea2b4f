#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace app {

/// True for "prospect record ..." and "prospect export ...".
bool isRecordCommand(const std::vector<std::string>& args);

/// Sets up an offscreen QApplication (unless a platform was chosen) and runs
/// "record" or "export"; returns the exit code.
int runRecordCommand(int argc, char** argv, const std::vector<std::string>& args);

/// `prospect record ARGS` (without "record"); a QApplication must exist. 0 = written, 1 = the
/// run diverged or the file could not be written, 2 = bad input, 130 = cancelled.
int recordCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `prospect export ARGS` (without "export"); a QApplication must exist. Exit codes as above.
int exportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace app
