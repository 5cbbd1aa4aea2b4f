#include "engine/report/table.h"

#include <algorithm>

namespace engine::report {

namespace {

std::string quoted(const std::string& cell) {
    if (cell.find_first_of(",\"\n\r") == std::string::npos)
        return cell;
    std::string q = "\"";
    for (char c : cell) {
        if (c == '"')
            q += '"';
        q += c;
    }
    return q + "\"";
}

void appendCsvLine(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
            out += ',';
        out += quoted(cells[i]);
    }
    out += '\n';
}

}  // namespace

std::string csvLine(const std::vector<std::string>& cells) {
    std::string out;
    appendCsvLine(out, cells);
    return out;
}

std::string csvText(const TextTable& table) {
    std::string out;
    appendCsvLine(out, table.header);
    for (const auto& r : table.rows)
        appendCsvLine(out, r);
    return out;
}

std::string alignedText(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& r : rows)
        for (std::size_t c = 0; c < r.size(); ++c) {
            if (width.size() <= c)
                width.push_back(0);
            width[c] = std::max(width[c], r[c].size());
        }
    std::string out;
    for (const auto& r : rows) {
        out += "  ";
        for (std::size_t c = 0; c < r.size(); ++c) {
            out += r[c];
            if (c + 1 < r.size())
                out += std::string(width[c] - r[c].size() + 2, ' ');
        }
        out += '\n';
    }
    return out;
}

}  // namespace engine::report
