#pragma once

// The commands' output files, through engine/report/outputfile.h: regular files are replaced
// atomically, special files (devices, FIFOs, "-" for standard output) written in place.

#include <optional>
#include <ostream>
#include <string>

#include "engine/report/outputfile.h"

namespace app {

/// Writes `contents` to `path` through a temporary file renamed into place, so a failed write
/// never leaves a half-written file under that name. Returns an error message on failure.
std::optional<std::string> writeFileAtomically(const std::string& path,
                                               const std::string& contents);

/// Opens the file given to option `--option` before any work starts. Nothing when open, else
/// the exit code after a message "prospect COMMAND: ..." on `err`: 2 for an empty name (bad
/// input), 1 for a file that cannot be written (a missing folder, a read-only file).
std::optional<int> openOutput(const std::string& command, const std::string& option,
                              const std::string& path, engine::report::OutputFile& file,
                              std::ostream& err);

}  // namespace app
