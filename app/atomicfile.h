#pragma once

#include <optional>
#include <string>

namespace app {

/// Writes `contents` to `path` through a temporary file renamed into place, so a failed write
/// never leaves a half-written file under that name. Returns an error message on failure.
std::optional<std::string> writeFileAtomically(const std::string& path,
                                               const std::string& contents);

}  // namespace app
