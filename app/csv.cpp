#include "app/csv.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace app {

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

}  // namespace

std::string CsvTable::text() const {
    std::string out;
    auto line = [&out](const std::vector<std::string>& cells) {
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i)
                out += ',';
            out += quoted(cells[i]);
        }
        out += '\n';
    };
    line(header);
    for (const auto& r : rows)
        line(r);
    return out;
}

std::string formatNumber(double v) {
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    char buf[64];
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
    if (ec != std::errc())
        return "nan";
    return std::string(buf, ptr);
}

std::optional<std::string> writeFileAtomically(const std::string& path,
                                               const std::string& contents) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    if (path.empty())
        return std::string("no output file name given");
    std::error_code ec;
    if (fs::is_directory(target, ec))
        return "cannot write '" + path + "': it is a directory";
    const fs::path tmp = target.string() + ".tmp-prospect";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            return "cannot write '" + path + "': " + std::strerror(errno);
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
        out.flush();
        if (!out) {
            const std::string why = std::strerror(errno);
            out.close();
            fs::remove(tmp, ec);
            return "cannot write '" + path + "': " + why;
        }
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return "cannot write '" + path + "': " + ec.message();
    }
    return std::nullopt;
}

}  // namespace app
