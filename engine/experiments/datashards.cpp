#include "engine/experiments/datashards.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "engine/experiments/dataoptions.h"
#include "engine/report/format.h"

namespace engine::experiments {

namespace {

using report::formatNumber;

/// "PC,8,0.1,2": a cell as the preamble names it.
std::string cellKey(const DataCell& c) {
    return std::string(ruleName(c.rule)) + "," + std::to_string(c.setting) + "," +
           formatNumber(c.alpha) + "," + std::to_string(c.seed);
}

std::vector<std::string> split(const std::string& text, char by) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, by))
        parts.push_back(part);
    if (!text.empty() && text.back() == by)
        parts.push_back("");
    return parts;
}

std::optional<Rule> parseRule(const std::string& text) {
    if (text == "BP")
        return Rule::BP;
    if (text == "PC")
        return Rule::PC;
    return std::nullopt;
}

/// A double as the CSV writes it ("0.25", "nan").
std::optional<double> parseNumber(const std::string& text) {
    if (text == "nan")
        return std::nan("");
    return parseReal(text);
}

/// The cell of "RULE,SETTING,ALPHA,SEED" (the first four fields), or nothing.
std::optional<DataCell> parseCell(const std::vector<std::string>& f) {
    if (f.size() < 4)
        return std::nullopt;
    const auto rule = parseRule(f[0]);
    const auto setting = parseInteger(f[1]);
    const auto alpha = parseReal(f[2]);
    const auto seed = parseInteger(f[3]);
    if (!rule || !setting || !alpha || !seed)
        return std::nullopt;
    return DataCell{*rule, static_cast<int>(*setting), *alpha, static_cast<int>(*seed)};
}

std::string oneLine(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r')
            c = ' ';
    return text;
}

/// Reads one "# key value" line of the preamble into the file; false when it is malformed.
bool readPreambleLine(const std::string& line, ShardFile& file) {
    const auto rest = [&line](size_t from) {
        return from < line.size() ? line.substr(from) : std::string();
    };
    if (line.rfind("# experiment ", 0) == 0) {
        file.experiment = rest(13);
    } else if (line.rfind("# shard ", 0) == 0) {
        const std::vector<std::string> kn = split(rest(8), '/');
        const auto k = kn.size() == 2 ? parseInteger(kn[0]) : std::nullopt;
        const auto n = kn.size() == 2 ? parseInteger(kn[1]) : std::nullopt;
        if (!k || !n || *n < 1 || *k < 1 || *k > *n || *n > 1'000'000)
            return false;
        file.index = static_cast<int>(*k);
        file.count = static_cast<int>(*n);
    } else if (line.rfind("# option ", 0) == 0) {
        const std::string text = rest(9);
        const size_t space = text.find(' ');
        if (space == std::string::npos)
            return false;
        file.options.push_back({text.substr(0, space), text.substr(space + 1)});
    } else if (line.rfind("# data ", 0) == 0) {
        const std::string text = rest(7);
        const size_t space = text.find(' ');
        file.fingerprint = text.substr(0, space);
        file.dataSource = space == std::string::npos ? "" : text.substr(space + 1);
    } else if (line.rfind("# diverged ", 0) == 0) {
        const std::string text = rest(11);
        const size_t space = text.find(' ');
        const auto cell = parseCell(split(text.substr(0, space), ','));
        if (!cell)
            return false;
        file.diverged.push_back({*cell, space == std::string::npos ? "" : text.substr(space + 1)});
    }
    return true;  // other comment lines are notes for people
}

/// The first difference between two shards' settings, or "".
std::string settingsDifference(const ShardFile& a, const ShardFile& b) {
    if (a.experiment != b.experiment)
        return "it is experiment " + b.experiment + ", " + a.name + " is " + a.experiment;
    if (a.count != b.count)
        return "it is one of " + std::to_string(b.count) + " shards, " + a.name + " one of " +
               std::to_string(a.count);
    for (const auto& [name, value] : a.options) {
        std::string other = "(none)";
        for (const auto& [n, v] : b.options)
            if (n == name)
                other = v;
        if (other != value)
            return "its --" + name + " is " + other + ", in " + a.name + " it is " + value;
    }
    if (a.options.size() != b.options.size())
        return "it records other options than " + a.name;
    if (a.fingerprint != b.fingerprint)
        return "it was run on other data (" + b.dataSource + ", fingerprint " + b.fingerprint +
               ") than " + a.name + " (" + a.dataSource + ", " + a.fingerprint + ")";
    return {};
}

/// Puts one shard's rows and divergences into `results`; "" or what is wrong.
std::string readRows(const ShardFile& s, const DataPlan& plan,
                     const std::map<std::tuple<int, int, double, int>, size_t>& gridIndex,
                     std::vector<DataCellResult>& results) {
    const std::vector<DataCell> mine = shardCells(plan.cells, s.index - 1, s.count);
    std::set<size_t> own;
    const auto indexOf = [&gridIndex](const DataCell& c) -> std::optional<size_t> {
        const auto it = gridIndex.find({c.rule == Rule::BP ? 0 : 1, c.setting, c.alpha, c.seed});
        return it == gridIndex.end() ? std::nullopt : std::optional<size_t>(it->second);
    };
    for (const DataCell& c : mine)
        own.insert(*indexOf(c));
    const std::string where = s.name + ": ";
    const std::string shardText =
        "shard " + std::to_string(s.index) + "/" + std::to_string(s.count);
    for (const auto& [cell, message] : s.diverged) {
        const auto k = indexOf(cell);
        if (!k || !own.count(*k))
            return where + "diverged cell " + cellKey(cell) + " is not a cell of " + shardText;
        results[*k].diverged = true;
        results[*k].problem = message;
    }
    const size_t fields = plan.tasks > 1 ? 7 : 6;
    for (const auto& [lineNumber, line] : s.rows) {
        const std::string at = where + "line " + std::to_string(lineNumber) + ": ";
        const std::vector<std::string> f = split(line, ',');
        const auto cell = parseCell(f);
        if (f.size() != fields || !cell)
            return at + "expected " + std::to_string(fields) +
                   " fields (rule,setting,alpha,seed,"
                   "epoch,test_error" +
                   (fields == 7 ? ",task" : "") + "), got '" + line + "'";
        const auto k = indexOf(*cell);
        if (!k || !own.count(*k))
            return at + cellKey(*cell) + " is not a cell of " + shardText;
        const auto epoch = parseInteger(f[4]);
        const auto error = parseNumber(f[5]);
        const int task = fields == 7 ? (f[6] == "A" ? 0 : f[6] == "B" ? 1 : -1) : 0;
        if (!epoch || !error || task < 0)
            return at + "cannot read the epoch, the test error or the task of '" + line + "'";
        DataCellResult& r = results[*k];
        r.errors.resize(static_cast<size_t>(plan.tasks));
        std::vector<Scalar>& row = r.errors[static_cast<size_t>(task)];
        if (*epoch != static_cast<long long>(row.size()) + 1)
            return at + "epoch " + f[4] + " of " + cellKey(*cell) +
                   " is out of order or given twice (expected " + std::to_string(row.size() + 1) +
                   ")";
        row.push_back(*error);
    }
    for (size_t k : own) {
        const DataCellResult& r = results[k];
        const std::string cell = cellKey(plan.cells[k]);
        if (r.errors.empty() || r.errors.front().empty())
            return where + "no rows for cell " + cell + " of " + shardText;
        const size_t n = r.errors.front().size();
        for (const std::vector<Scalar>& row : r.errors) {
            if (row.size() != n)
                return where + "cell " + cell + " has not the same epochs for both tasks";
            if (r.diverged && !std::isnan(row.back()))
                return where + "cell " + cell +
                       " is listed as diverged but its last row is not nan";
        }
        if (!r.diverged && n != static_cast<size_t>(plan.epochs))
            return where + "cell " + cell + " has " + std::to_string(n) + " epochs, expected " +
                   std::to_string(plan.epochs);
        if (n > static_cast<size_t>(plan.epochs))
            return where + "cell " + cell + " has more than " + std::to_string(plan.epochs) +
                   " epochs";
    }
    return {};
}

}  // namespace

std::string shardPreamble(const DataPlan& plan, int index, int count, const std::string& dataSource,
                          std::uint64_t dataFingerprint, const std::vector<DataCell>& cells,
                          const std::vector<DataCellResult>& results) {
    std::ostringstream out;
    out << ShardMagicLine << "\n# experiment " << dataExperiment(plan.protocol).name << "\n# shard "
        << index << "/" << count << "\n";
    for (const auto& [name, value] : plan.options)
        out << "# option " << name << " " << value << "\n";
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(dataFingerprint));
    out << "# data " << hex << " " << oneLine(dataSource) << "\n";
    for (size_t k = 0; k < cells.size(); ++k)
        if (results[k].diverged)
            out << "# diverged " << cellKey(cells[k]) << " " << oneLine(results[k].problem) << "\n";
    out << "# join all " << count << " shards with: prospect merge OUT.csv SHARD.csv...\n";
    return out.str();
}

std::optional<ShardFile> parseShard(const std::string& text, const std::string& name,
                                    std::string& error) {
    ShardFile file;
    file.name = name;
    std::vector<std::string> lines = split(text, '\n');
    for (std::string& l : lines)
        if (!l.empty() && l.back() == '\r')
            l.pop_back();
    if (lines.empty() || lines.front() != ShardMagicLine) {
        error = name + ": not a shard of a dataset experiment (its first line should be '" +
                ShardMagicLine + "'; write shards with --shard K/N --csv FILE)";
        return std::nullopt;
    }
    size_t i = 1;
    for (; i < lines.size() && lines[i].rfind('#', 0) == 0; ++i)
        if (!readPreambleLine(lines[i], file)) {
            error = name + ": line " + std::to_string(i + 1) + " is malformed: '" + lines[i] + "'";
            return std::nullopt;
        }
    if (file.experiment.empty() || file.count == 0 || file.fingerprint.empty() ||
        i >= lines.size()) {
        error = name +
                ": the shard's head is incomplete (experiment, shard K/N, data and the CSV "
                "header are needed)";
        return std::nullopt;
    }
    file.header = split(lines[i], ',');
    for (++i; i < lines.size(); ++i)
        if (!lines[i].empty())
            file.rows.push_back({static_cast<int>(i + 1), lines[i]});
    return file;
}

namespace {

/// The experiment of a set of shards after checking that they are the N shards of one grid (the
/// same experiment, options, N and data; every K once), with byIndex[K] the shard K; nullptr,
/// with `error`, when they are not.
const DataExperimentInfo* checkShardSet(const std::vector<ShardFile>& shards,
                                        std::vector<const ShardFile*>& byIndex,
                                        std::string& error) {
    const ShardFile& first = shards.front();
    const DataExperimentInfo* info = findDataExperiment(first.experiment);
    if (!info) {
        error = first.name + ": unknown experiment '" + first.experiment + "'";
        return nullptr;
    }
    byIndex.assign(static_cast<size_t>(first.count) + 1, nullptr);
    for (const ShardFile& s : shards) {
        if (const std::string d = settingsDifference(first, s); !d.empty()) {
            error = s.name + " is not a shard of the same grid: " + d;
            return nullptr;
        }
        const ShardFile*& slot = byIndex[static_cast<size_t>(s.index)];
        if (slot) {
            error = slot->name + " and " + s.name + " are both shard " + std::to_string(s.index) +
                    "/" + std::to_string(s.count);
            return nullptr;
        }
        slot = &s;
    }
    for (int k = 1; k <= first.count; ++k)
        if (!byIndex[static_cast<size_t>(k)]) {
            error =
                "shard " + std::to_string(k) + "/" + std::to_string(first.count) + " is missing";
            return nullptr;
        }
    // Every option must be recorded: the grid and its numbers depend on them.
    for (const DataOptionInfo& o : info->options)
        if (o.name != DataFolderOption) {
            bool found = false;
            for (const auto& [name, value] : first.options)
                found = found || name == o.name;
            if (!found) {
                error = first.name + ": option " + o.name + " is not recorded";
                return nullptr;
            }
        }
    return info;
}

}  // namespace

std::optional<MergedGrid> mergeShards(const std::vector<ShardFile>& shards, std::string& error) {
    if (shards.empty()) {
        error = "no shard files given";
        return std::nullopt;
    }
    std::vector<const ShardFile*> byIndex;
    const DataExperimentInfo* info = checkShardSet(shards, byIndex, error);
    if (!info)
        return std::nullopt;
    const ShardFile& first = shards.front();
    DataPlanRead read = readDataPlan(
        info->protocol,
        [&first](const std::string& name) {
            for (const auto& [n, value] : first.options)
                if (n == name)
                    return value;
            return std::string();
        },
        "");
    if (!read.plan) {
        error = first.name + ": the recorded settings are refused: " + read.problems.front();
        return std::nullopt;
    }
    MergedGrid merged{std::move(*read.plan), {}};
    const DataPlan& plan = merged.plan;
    merged.results.resize(plan.cells.size());
    std::map<std::tuple<int, int, double, int>, size_t> gridIndex;
    for (size_t k = 0; k < plan.cells.size(); ++k) {
        const DataCell& c = plan.cells[k];
        gridIndex[{c.rule == Rule::BP ? 0 : 1, c.setting, c.alpha, c.seed}] = k;
    }
    const std::vector<std::string> header = dataCsvOf(plan, {}, {}).header;
    for (int k = 1; k <= first.count; ++k) {
        const ShardFile& s = *byIndex[static_cast<size_t>(k)];
        if (s.header != header) {
            std::string expected;
            for (const std::string& h : header)
                expected += (expected.empty() ? "" : ",") + h;
            error = s.name + ": the CSV header should be " + expected;
            return std::nullopt;
        }
        if (std::string e = readRows(s, plan, gridIndex, merged.results); !e.empty()) {
            error = e;
            return std::nullopt;
        }
    }
    return merged;
}

report::TextTable dataCsvOf(const DataPlan& plan, const std::vector<DataCell>& cells,
                            const std::vector<DataCellResult>& results) {
    return dataCsv(cells, results, plan.tasks > 1);
}

}  // namespace engine::experiments
