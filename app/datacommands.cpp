#include "app/datacommands.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>

#include "app/atomicfile.h"
#include "app/experimenthelpers.h"
#include "app/parallel.h"
#include "engine/data/dataset.h"
#include "engine/experiments/dataoptions.h"
#include "engine/experiments/dataplan.h"
#include "engine/experiments/datareport.h"
#include "engine/experiments/datashards.h"

namespace app {

namespace ex = engine::experiments;

namespace {

/// "1m02s", "12.3s".
std::string duration(double seconds) {
    char text[32];
    if (seconds < 60.0)
        std::snprintf(text, sizeof text, "%.1fs", seconds);
    else
        std::snprintf(text, sizeof text, "%dm%02ds", static_cast<int>(seconds) / 60,
                      static_cast<int>(seconds) % 60);
    return text;
}

/// Progress of a grid, counted in epochs (cells differ a lot in cost): a line each time another
/// tenth of the epochs is done, one thread at a time.
class GridProgress {
public:
    GridProgress(std::ostream& log, std::size_t runs, std::size_t epochs)
        : m_log(log), m_runs(runs), m_total(std::max<std::size_t>(epochs, 1)) {}

    void epochs(std::size_t n) {
        const std::size_t done = m_epochs.fetch_add(n) + n;
        const std::size_t tenth = done * 10 / m_total;
        std::size_t shown = m_shown.load();
        while (tenth > shown)
            if (m_shown.compare_exchange_weak(shown, tenth)) {
                print(done);
                break;
            }
    }
    void runDone() { ++m_runsDone; }
    double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    }

private:
    void print(std::size_t done) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_log << "  " << done * 100 / m_total << "% of the epochs, " << m_runsDone.load() << "/"
              << m_runs << " runs done, " << duration(seconds()) << "\n"
              << std::flush;
    }

    std::ostream& m_log;
    const std::size_t m_runs, m_total;
    std::atomic<std::size_t> m_epochs{0}, m_shown{0}, m_runsDone{0};
    std::mutex m_mutex;
    const std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

/// --shard K/N as (K, N), or why not.
Error readShard(const std::string& text, int& index, int& count) {
    const size_t slash = text.find('/');
    long long k = 0, n = 0;
    if (slash == std::string::npos ||
        engine::experiments::readInteger(text.substr(slash + 1), 1, 100'000, n) ||
        engine::experiments::readInteger(text.substr(0, slash), 1, n, k))
        return "--shard: '" + text + "' is not K/N with 1 <= K <= N (e.g. 3/8)";
    index = static_cast<int>(k);
    count = static_cast<int>(n);
    return std::nullopt;
}

/// Runs `cells` of the plan on the context's threads; results[i] belongs to cells[i].
std::vector<ex::DataCellResult> runCells(const ex::DataPlan& plan,
                                         const std::vector<ex::DataCell>& cells,
                                         const engine::data::Dataset& data, const RunContext& run,
                                         ExperimentResult& result) {
    std::vector<ex::DataCellResult> results(cells.size());
    GridProgress progress(run.log, cells.size(), cells.size() * static_cast<size_t>(plan.epochs));
    run.log << ex::dataExperiment(plan.protocol).name << ": " << cells.size() << " runs on "
            << run.threads << " thread(s), data from " << data.source << "\n"
            << std::flush;
    // From the end of the grid: PC's runs, the long ones, first, so that the threads finish
    // together.
    const auto failure = parallelFor(cells.size(), run.threads, [&](std::size_t job) {
        const std::size_t i = cells.size() - 1 - job;
        ex::DataHooks hooks;
        hooks.cancel = cancelFlag();
        // Every epoch but the last counts as it ends; the last one, and the epochs a diverged run
        // leaves out, when the run is done (so that 100 % comes with the last run).
        hooks.onEpoch = [&progress, &plan](const ex::DataCellResult& r) {
            if (r.epochs() < plan.epochs)
                progress.epochs(1);
        };
        results[i] = plan.run(data, cells[i], hooks);
        if (!results[i].cancelled) {
            progress.runDone();
            progress.epochs(
                static_cast<size_t>(plan.epochs - std::min(results[i].epochs(), plan.epochs - 1)));
        }
    });
    if (failure)
        result.failure = *failure;
    else if (!cancelRequested())
        run.log << ex::dataExperiment(plan.protocol).name << ": " << cells.size() << " runs in "
                << duration(progress.seconds()) << " on " << run.threads << " thread(s)\n";
    return results;
}

/// Divergences as notes for stderr (they do not fail the grid).
void noteDivergences(const std::vector<ex::DataCellResult>& results, ExperimentResult& result) {
    for (const ex::DataCellResult& r : results)
        if (r.diverged)
            result.notes.push_back("diverged (recorded, the grid goes on): " + r.problem);
}

/// The plan of the given options (with --quick its defaults), or the settings' problems.
ex::DataPlanRead readPlan(const ex::DataExperimentInfo& info, const Options& o) {
    const bool quick = o.given("quick");
    return ex::readDataPlan(
        info.protocol,
        [&](const std::string& name) {
            if (o.given(name))
                return o.text(name);
            for (const ex::DataOptionInfo& option : info.options)
                if (option.name == name)
                    return quick ? option.quickText : option.defaultText;
            return std::string();
        },
        "--");
}

/// The thread count and the shard (0 of 0 for the whole grid), or the first problem.
Error readRunOptions(const Options& o, unsigned& threads, int& shard, int& shards) {
    if (Error problem = readThreads(o, threads))
        return problem;
    if (o.given("shard")) {
        if (Error problem = readShard(o.text("shard"), shard, shards))
            return problem;
        if (!o.given("csv"))
            return "--shard writes its rows to a file: give --csv FILE";
    }
    return std::nullopt;
}

/// Every option checked, nothing run and no data read.
Error checkDataExperiment(const ex::DataExperimentInfo& info, const Options& o) {
    const ex::DataPlanRead read = readPlan(info, o);
    if (!read.plan)
        return read.problems.front();
    unsigned threads = 1;
    int shard = 0, shards = 0;
    return readRunOptions(o, threads, shard, shards);
}

Error runDataExperiment(const ex::DataExperimentInfo& info, const Options& o,
                        ExperimentResult& result, std::ostream& log) {
    ex::DataPlanRead read = readPlan(info, o);
    if (!read.plan)
        return read.problems.front();
    const ex::DataPlan& plan = *read.plan;
    RunContext context{1, log};
    int shard = 0, shards = 0;
    if (Error problem = readRunOptions(o, context.threads, shard, shards))
        return problem;
    const engine::data::DatasetLoad load = engine::data::loadFashionMnistCached(plan.dataFolder);
    if (!load.ok())
        return load.error;
    const std::vector<ex::DataCell> cells =
        shards > 0 ? ex::shardCells(plan.cells, shard - 1, shards) : plan.cells;
    const std::vector<ex::DataCellResult> results =
        runCells(plan, cells, *load.dataset, context, result);
    if (!result.failure.empty() || cancelRequested())
        return std::nullopt;
    result.csv = ex::dataCsvOf(plan, cells, results);
    noteDivergences(results, result);
    if (shards == 0) {
        result.summary = ex::dataSummaryText(plan, results);
        return std::nullopt;
    }
    result.csvPreamble =
        ex::shardPreamble(plan, shard, shards, load.dataset->source,
                          engine::data::fingerprint(*load.dataset), cells, results);
    std::ostringstream s;
    s << info.name << ": shard " << shard << "/" << shards << ", " << cells.size() << " of the "
      << plan.cells.size() << " runs of the grid. Join all " << shards
      << " shards with: prospect merge OUT.csv SHARD.csv...\n";
    result.summary = s.str();
    return std::nullopt;
}

Experiment dataCommand(const ex::DataExperimentInfo& info) {
    Experiment e{info.name, info.paper, info.description, {}, {}, {}};
    for (engine::experiments::OptionGroup group :
         {ex::OptionGroup::Experiment, ex::OptionGroup::Rules}) {
        if (group == ex::OptionGroup::Rules) {
            e.options.push_back(
                {"quick", "", "the lecture-sized variant: other defaults (see README)", true});
            e.options.push_back(
                {"shard", "", "run the K-th of N slices of the grid (K/N, e.g. 2/8; needs --csv)"});
            e.options.push_back(threadsOption());
        }
        for (const ex::DataOptionInfo& o : info.options)
            if (o.group == group)
                e.options.push_back(
                    {o.name, o.defaultText,
                     o.help + (o.quickText != o.defaultText ? " [--quick: " + o.quickText + "]"
                                                            : std::string())});
    }
    e.check = [&info](const Options& o) { return checkDataExperiment(info, o); };
    e.run = [&info](const Options& o, ExperimentResult& result, std::ostream& log) {
        return runDataExperiment(info, o, result, log);
    };
    return e;
}

std::optional<std::string> readWholeFile(const std::string& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return path + ": cannot open the file";
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad())
        return path + ": cannot read the file";
    text = s.str();
    return std::nullopt;
}

}  // namespace

std::vector<Experiment> dataExperimentCommands() {
    std::vector<Experiment> list;
    for (const ex::DataExperimentInfo& info : ex::dataExperiments())
        list.push_back(dataCommand(info));
    return list;
}

int mergeCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
        out << "prospect merge OUT.csv SHARD.csv...\n\nJoins the shards of a dataset experiment "
               "(written by prospect experiment NAME --shard K/N --csv SHARD.csv), checks that "
               "they are all N shards of one grid, writes the grid's CSV to OUT.csv as a single "
               "run would and prints its summary.\n";
        return 0;
    }
    if (args.size() < 2) {
        err << "prospect merge: give the output file and the shard files (prospect merge OUT.csv "
               "SHARD.csv...)\n";
        return 2;
    }
    std::vector<ex::ShardFile> shards;
    for (size_t i = 1; i < args.size(); ++i) {
        std::string text, error;
        if (auto problem = readWholeFile(args[i], text)) {
            err << "prospect merge: " << *problem << "\n";
            return 2;
        }
        std::optional<ex::ShardFile> shard = ex::parseShard(text, args[i], error);
        if (!shard) {
            err << "prospect merge: " << error << "\n";
            return 2;
        }
        shards.push_back(std::move(*shard));
    }
    std::string error;
    const std::optional<ex::MergedGrid> merged = ex::mergeShards(shards, error);
    if (!merged) {
        err << "prospect merge: " << error << "\n";
        return 2;
    }
    out << ex::dataSummaryText(merged->plan, merged->results);
    for (const ex::DataCellResult& r : merged->results)
        if (r.diverged)
            err << "prospect merge: diverged (recorded, the grid goes on): " << r.problem << "\n";
    const engine::report::TextTable csv =
        ex::dataCsvOf(merged->plan, merged->plan.cells, merged->results);
    if (auto problem = writeFileAtomically(args[0], engine::report::csvText(csv))) {
        err << "prospect merge: " << *problem << "\n";
        return 1;
    }
    out << "\nWrote " << csv.rows.size() << " rows to " << args[0] << "\n";
    return 0;
}

}  // namespace app
