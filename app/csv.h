#pragma once

#include <optional>
#include <string>
#include <vector>

namespace app {

/// A tidy table: a header row and rows of already formatted cells.
struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    /// RFC 4180 text with "\n" line ends, readable by pandas and R without options.
    std::string text() const;
};

/// Shortest text that reads back as exactly the same double ("0.1", "1e-05", "nan").
std::string formatNumber(double v);

/// Writes `contents` to `path` through a temporary file renamed into place, so a failed write
/// never leaves a half-written file under that name. Returns an error message on failure.
std::optional<std::string> writeFileAtomically(const std::string& path,
                                               const std::string& contents);

}  // namespace app
