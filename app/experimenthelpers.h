#pragma once

// Helpers shared by the experiment commands: option readers with clear messages, summary tables
// and progress lines.

#include <cstdio>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/experimentcommands.h"
#include "app/options.h"
#include "engine/core/simulation.h"
#include "engine/experiments/experimentoptions.h"
#include "engine/report/format.h"
#include "engine/report/table.h"

namespace app {

/// An error message for the user, or nothing.
using Error = std::optional<std::string>;

/// --threads, one per core by default.
OptionSpec threadsOption();

// Numbers and tables as text: one module for the whole program.
using engine::report::alignedText;
using engine::report::fixed;
using engine::report::formatNumber;
using engine::report::scientific;
using engine::report::TextTable;

/// The --csv option every experiment has.
OptionSpec csvOption();
/// --threads (1..256).
Error readThreads(const Options& o, unsigned& threads);
/// "  done/total runs done" roughly every 10 %.
void progressLine(std::ostream& log, size_t done, size_t total);

/// What a run gets besides its settings.
struct RunContext {
    unsigned threads = 1;  ///< Worker threads (1 for experiments that run on one).
    std::ostream& log;     ///< Progress lines.
};

/// The rows of one run of an experiment whose rows grow with --trials, in order, as the result
/// asks (ExperimentResult::csvSink, keepRows): kept in memory, written to an anonymous
/// temporary file (in $TMPDIR, else /tmp) to be copied into the CSV once every run is done, or
/// dropped. So the runs of all threads write their rows as they go and memory stays flat.
class JobRows {
public:
    explicit JobRows(const ExperimentResult& result);
    ~JobRows();
    JobRows(JobRows&& other) noexcept;
    JobRows(const JobRows&) = delete;
    JobRows& operator=(const JobRows&) = delete;
    JobRows& operator=(JobRows&&) = delete;
    void add(const std::vector<std::string>& row);
    /// Appends the rows to `result` (to csv.rows, or through csvSink, counting rowsStreamed).
    /// The problem when the temporary file could not be written or read back.
    Error handOver(ExperimentResult& result);

private:
    enum class Mode { Keep, Spill, Drop } m_mode;
    std::vector<std::vector<std::string>> m_rows;
    std::FILE* m_file = nullptr;
    std::int64_t m_count = 0;
    Error m_error;
};

/// Writes `header` and then each run's rows, in run order, as the result asks (see JobRows).
/// False, with result.failure set, when a temporary file failed.
bool handOverRows(const std::vector<std::string>& header, std::vector<JobRows>& rows,
                  ExperimentResult& result);

/// Runs count jobs on the context's threads with a first line and progress lines in its log.
/// False, with result.failure set, when a job threw.
bool runJobs(const std::string& name, std::size_t count, const RunContext& run,
             ExperimentResult& result, const std::function<void(std::size_t)>& job);

/// runJobs() for run(job, config) on every job (from the last when `fromTheEnd`: the learning
/// experiments list PC's long runs last); then the summary's CSV and problems are the result's.
template <typename Job, typename Config, typename Summarise>
auto runAndSummarise(const std::string& name, std::vector<Job>& jobs,
                     void (*run)(Job&, const Config&), const Config& config,
                     const RunContext& context, ExperimentResult& result, Summarise summarise,
                     bool fromTheEnd = false) -> std::optional<decltype(summarise(jobs))> {
    if (!runJobs(name, jobs.size(), context, result,
                 [&](std::size_t i) { run(jobs[fromTheEnd ? jobs.size() - 1 - i : i], config); }))
        return std::nullopt;
    auto summary = summarise(jobs);
    result.csv = summary.csv;
    result.problems = summary.problems;
    return summary;
}

/// The command-line options of an experiment table: the experiment's own, then --threads (when
/// the experiment runs on threads), then the learning rules'.
template <typename S>
std::vector<OptionSpec> tableOptions(const engine::experiments::OptionTable<S>& table,
                                     bool threads) {
    using engine::experiments::OptionGroup;
    std::vector<OptionSpec> specs;
    for (OptionGroup group : {OptionGroup::Experiment, OptionGroup::Rules}) {
        if (group == OptionGroup::Rules && threads)
            specs.push_back(threadsOption());
        for (const auto& o : table.options)
            if (o.group == group)
                specs.push_back({o.name, table.defaultText(o), o.help, o.flag});
    }
    return specs;
}

/// An experiment whose options are `table`'s: its settings are read from them (the first
/// problem is the error), then `run` gets the settings.
template <typename S>
Experiment tableExperiment(std::string name, std::string paper, std::string description,
                           const engine::experiments::OptionTable<S>& table, bool threads,
                           Error (*run)(const S&, const RunContext&, ExperimentResult&)) {
    Experiment e{std::move(name),
                 std::move(paper),
                 std::move(description),
                 tableOptions(table, threads),
                 {},
                 {}};
    // The settings and the thread count, or the first problem.
    auto read = [&table, threads](const Options& o, S& settings, unsigned& threadCount) -> Error {
        const auto problems = engine::experiments::readSettings(
            table, [&o](const std::string& option) { return o.text(option); }, "--", settings);
        if (!problems.empty())
            return problems.front();
        if (threads)
            return readThreads(o, threadCount);
        return std::nullopt;
    };
    e.check = [read](const Options& o) -> Error {
        S settings;
        unsigned threadCount = 1;
        return read(o, settings, threadCount);
    };
    e.run = [read, run](const Options& o, ExperimentResult& result, std::ostream& log) -> Error {
        S settings;
        RunContext context{1, log};
        if (Error problem = read(o, settings, context.threads))
            return problem;
        return run(settings, context, result);
    };
    return e;
}

}  // namespace app
