#pragma once

// Tables of formatted cells: the observations of an experiment or a run, written as CSV, and
// the aligned columns of the command line's summaries.

#include <string>
#include <vector>

namespace engine::report {

/// A table of formatted cells: a header row and data rows (the CSV of an experiment).
struct TextTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

/// RFC 4180 text with "\n" line ends, readable by pandas and R without options: a cell is
/// quoted only when it holds a comma, a quote or a line break (quotes doubled inside).
std::string csvText(const TextTable& table);
/// One row of csvText(): the cells, quoted where needed, and "\n" (for rows written as they come).
std::string csvLine(const std::vector<std::string>& cells);

/// Left-aligned columns two spaces apart, every line indented by two spaces (the summaries).
std::string alignedText(const std::vector<std::vector<std::string>>& rows);

}  // namespace engine::report
