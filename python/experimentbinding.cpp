// prospect.experiment(): the paper's experiments with the command line's option names, their
// observations as the rows of the CSV that `prospect experiment NAME --csv` writes (one dict per
// row, numbers as numbers), run on threads without the GIL.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/experiments/dataplan.h"
#include "engine/experiments/datashards.h"
#include "engine/experiments/experimentoptions.h"
#include "engine/experiments/experiments.h"
#include "engine/experiments/jobbatch.h"
#include "engine/experiments/learningsummaries.h"
#include "engine/report/format.h"
#include "engine/report/table.h"
#include "python/bindings.h"

namespace py = pybind11;
namespace ex = engine::experiments;

namespace prospect_python {

namespace {

using engine::Rule;
using engine::report::formatNumber;
using engine::report::TextTable;

/// What a run gives: the CSV's table and why some runs stopped early.
struct Outcome {
    TextTable csv;
    std::vector<std::string> problems;
};

/// The option texts given (name -> text), the rest at their defaults.
using Texts = std::map<std::string, std::string>;

struct Experiment {
    std::string name;
    bool threads = false;
    /// Option name, default text, help line, in the command line's order.
    std::vector<std::vector<std::string>> options;
    std::function<Outcome(const Texts&, unsigned threads)> run;
};

/// Runs count jobs on `threads` threads; a job that throws becomes a RuntimeError.
void runJobs(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job) {
    ex::JobBatch batch(count, job);
    ex::runOnThreads(batch, threads);
    if (!batch.complete())
        throw std::runtime_error(batch.error().empty() ? "the run was cancelled" : batch.error());
}

template <typename S>
Experiment tableExperiment(std::string name, const ex::OptionTable<S>& table, bool threads,
                           Outcome (*run)(const S&, unsigned)) {
    Experiment e{std::move(name), threads, {}, {}};
    for (const auto& o : table.options)
        e.options.push_back({o.name, table.defaultText(o), o.help});
    e.run = [&table, run](const Texts& given, unsigned threadCount) {
        S settings;
        const auto problems = ex::readSettings(
            table,
            [&](const std::string& option) {
                const auto it = given.find(option);
                return it != given.end() ? it->second : table.defaultText(*table.find(option));
            },
            "", settings);
        if (!problems.empty())
            throw py::value_error(problems.front());
        return run(settings, threadCount);
    };
    return e;
}

void addOutputRows(const std::vector<ex::OutputRow>& rows, bool withAlpha, TextTable& csv) {
    for (const ex::OutputRow& r : rows) {
        std::vector<std::string> cells{engine::ruleName(r.rule)};
        if (withAlpha)
            cells.push_back(formatNumber(r.alpha));
        cells.push_back(std::to_string(r.trial));
        for (engine::Index i = 0; i < r.output.size(); ++i)
            cells.push_back(formatNumber(r.output(i)));
        csv.rows.push_back(std::move(cells));
    }
}

Outcome interference(const ex::InterferenceSettings& s, unsigned) {
    Outcome out;
    const auto observed = ex::interference(s.pc.alpha, s.trials, s.pc);
    if (!observed.problem.empty())
        out.problems.push_back(observed.problem);
    out.csv.header = {"rule", "trial", "output_0", "output_1"};
    addOutputRows(observed.rows, false, out.csv);
    return out;
}

Outcome lrSweep(const ex::LrSweepSettings& s, unsigned) {
    Outcome out;
    out.csv.header = {"rule", "alpha", "trial", "output_0", "output_1"};
    for (double alpha : s.alphas) {
        const auto observed = ex::interference(alpha, s.trials, s.pc);
        if (!observed.problem.empty())
            out.problems.push_back("alpha " + formatNumber(alpha) + ": " + observed.problem);
        addOutputRows(observed.rows, true, out.csv);
    }
    return out;
}

Outcome targetAlignment(const ex::TargetAlignmentSettings& s, unsigned threads) {
    struct Job {
        int depth;
        std::uint64_t seed;
        ex::AlignmentResult r;
    };
    std::vector<Job> jobs;
    for (int d : s.depths)
        for (int seed = 0; seed < s.seeds; ++seed)
            jobs.push_back({d, static_cast<std::uint64_t>(seed), {}});
    runJobs(jobs.size(), threads, [&](std::size_t i) {
        jobs[i].r = ex::targetAlignmentRun(jobs[i].depth, jobs[i].seed, s.config);
    });
    Outcome out;
    for (const Job& j : jobs)
        if (!j.r.problem.empty())
            out.problems.push_back("depth " + std::to_string(j.depth) + ", seed " +
                                   std::to_string(j.seed) + ": " + j.r.problem);
    out.csv.header = {"rule", "depth", "seed", "target_alignment"};
    for (Rule rule : {Rule::BP, Rule::PC})
        for (const Job& j : jobs)
            out.csv.rows.push_back({engine::ruleName(rule), std::to_string(j.depth),
                                    std::to_string(j.seed),
                                    formatNumber(rule == Rule::BP ? j.r.bp : j.r.pc)});
    return out;
}

Outcome trajectories(const ex::TrajectorySettings& s, unsigned) {
    Outcome out;
    const auto observed = ex::trajectories122(s.trials, s.config);
    if (!observed.problem.empty())
        out.problems.push_back(observed.problem);
    out.csv.header = {"rule", "trial", "w1", "w2"};
    for (const auto& r : observed.rows)
        out.csv.rows.push_back({engine::ruleName(r.rule), std::to_string(r.trial),
                                formatNumber(r.w1), formatNumber(r.w2)});
    return out;
}

Outcome prospectiveIndex(const ex::ProspectiveIndexSettings& s, unsigned threads) {
    std::vector<ex::Observations<engine::Scalar>> perSeed(static_cast<std::size_t>(s.seeds));
    runJobs(perSeed.size(), threads,
            [&](std::size_t i) { perSeed[i] = ex::prospectiveIndexRun(s.depth, i, s.config); });
    Outcome out;
    for (std::size_t i = 0; i < perSeed.size(); ++i)
        if (!perSeed[i].problem.empty())
            out.problems.push_back("seed " + std::to_string(i) + ": " + perSeed[i].problem);
    out.csv.header = {"layer", "seed", "prospective_index"};
    for (int l = 1; l <= s.depth; ++l)
        for (std::size_t i = 0; i < perSeed.size(); ++i)
            out.csv.rows.push_back({std::to_string(l), std::to_string(i),
                                    formatNumber(perSeed[i].rows[static_cast<size_t>(l - 1)])});
    return out;
}

/// A learning experiment: its jobs run on threads, then its summary's CSV.
template <typename Job, typename Config, typename Summarise>
Outcome learning(std::vector<Job> jobs, void (*run)(Job&, const Config&), const Config& config,
                 unsigned threads, Summarise summarise) {
    runJobs(jobs.size(), threads, [&](std::size_t i) { run(jobs[i], config); });
    const auto summary = summarise(jobs);
    return {summary.csv, summary.problems};
}

Outcome fear(const ex::FearSettings& s, unsigned threads) {
    return learning(ex::fearJobs(s.seeds), ex::runFearJob, s.config, threads, ex::summariseFear);
}

Outcome reversal(const ex::ReversalSettings& s, unsigned threads) {
    return learning(ex::reversalJobs(s.bpSeeds, s.pcSeeds), ex::runReversalJob, s.config, threads,
                    [&](const auto& jobs) { return ex::summariseReversal(jobs, s.summaryAfter); });
}

Outcome sensorimotor(const ex::SensorimotorSettings& s, unsigned threads) {
    return learning(ex::sensorimotorJobs(s.seeds), ex::runSensorimotorJob, s.config, threads,
                    ex::summariseSensorimotor);
}

Outcome erratic(const ex::ErraticSettings& s, unsigned threads) {
    return learning(
        ex::erraticJobs(s.seeds, s.alphasBp, s.alphasPc), ex::runErraticJob, s.config, threads,
        [&](const auto& jobs) { return ex::summariseErratic(jobs, s.alphasBp, s.alphasPc); });
}

/// A FashionMNIST experiment: its plan read from the texts (with `quick` the lecture-sized
/// defaults), the data loaded once per process, the grid's cells on threads, the CSV.
Experiment dataExperiment(const ex::DataExperimentInfo& info) {
    Experiment e{info.name, true, {}, {}};
    for (const ex::DataOptionInfo& o : info.options)
        e.options.push_back({o.name, o.defaultText, o.help});
    e.options.push_back({"quick", "", "the lecture-sized variant: other defaults"});
    e.run = [&info](const Texts& given, unsigned threads) {
        const auto quick = given.find("quick");
        const bool isQuick = quick != given.end() && !quick->second.empty();
        const ex::DataPlanRead read = ex::readDataPlan(
            info.protocol,
            [&](const std::string& name) {
                if (const auto it = given.find(name); it != given.end())
                    return it->second;
                for (const ex::DataOptionInfo& option : info.options)
                    if (option.name == name)
                        return isQuick ? option.quickText : option.defaultText;
                return std::string();
            },
            "");
        if (!read.plan)
            throw py::value_error(read.problems.front());
        const ex::DataPlan& plan = *read.plan;
        const engine::data::DatasetLoad load =
            engine::data::loadFashionMnistCached(plan.dataFolder);
        if (!load.ok())
            throw py::value_error(load.error);
        std::vector<ex::DataCellResult> results(plan.cells.size());
        runJobs(plan.cells.size(), threads, [&](std::size_t i) {
            results[i] = plan.run(*load.dataset, plan.cells[i], ex::DataHooks{});
        });
        Outcome out;
        out.csv = ex::dataCsvOf(plan, plan.cells, results);
        for (const ex::DataCellResult& r : results)
            if (r.diverged)
                out.problems.push_back(r.problem);
        return out;
    };
    return e;
}

const std::vector<Experiment>& experimentList() {
    static const std::vector<Experiment> list{
        tableExperiment("interference", ex::interferenceOptions(), false, interference),
        tableExperiment("lr-sweep", ex::lrSweepOptions(), false, lrSweep),
        tableExperiment("target-alignment", ex::targetAlignmentOptions(), true, targetAlignment),
        tableExperiment("trajectories-122", ex::trajectoryOptions(), false, trajectories),
        tableExperiment("prospective-index", ex::prospectiveIndexOptions(), true, prospectiveIndex),
        tableExperiment("erratic", ex::erraticOptions(), true, erratic),
        tableExperiment("fear-conditioning", ex::fearOptions(), true, fear),
        tableExperiment("reversal-learning", ex::reversalOptions(), true, reversal),
        tableExperiment("sensorimotor-transfer", ex::sensorimotorOptions(), true, sensorimotor),
    };
    static const std::vector<Experiment> all = [] {
        std::vector<Experiment> experiments = list;
        for (const ex::DataExperimentInfo& info : ex::dataExperiments())
            experiments.push_back(dataExperiment(info));
        return experiments;
    }();
    return all;
}

const Experiment& findExperiment(const std::string& name) {
    std::string names;
    for (const Experiment& e : experimentList()) {
        if (e.name == name)
            return e;
        names += (names.empty() ? "" : ", ") + e.name;
    }
    throw py::value_error("no experiment called '" + name + "' (there are: " + names + ")");
}

/// A keyword's value as the command line's text: True "1", False "", lists comma-separated.
std::string optionText(const py::handle& value) {
    if (py::isinstance<py::bool_>(value))
        return value.cast<bool>() ? "1" : "";
    if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
        std::string text;
        for (const py::handle& item : value)
            text += (text.empty() ? "" : ",") + optionText(item);
        return text;
    }
    if (py::isinstance<py::float_>(value))
        return py::repr(value).cast<std::string>();  // shortest text that reads back exactly
    return py::str(value).cast<std::string>();
}

/// Reads the keywords (underscores for dashes) into texts; `threads` apart.
Texts optionTexts(const Experiment& e, const py::kwargs& kwargs, unsigned& threads) {
    Texts texts;
    threads = ex::hardwareThreads();
    for (const auto& [key, value] : kwargs) {
        std::string name = key.cast<std::string>();
        for (char& c : name)
            if (c == '_')
                c = '-';
        if (name == "threads" && e.threads) {
            long long n = 0;
            if (auto error = ex::readInteger(optionText(value), 0, 256, n))
                throw py::value_error("threads: " + *error);
            threads = n == 0 ? ex::hardwareThreads() : static_cast<unsigned>(n);  // as --threads
            continue;
        }
        bool known = false;
        std::string names;
        for (const auto& o : e.options) {
            known = known || o[0] == name;
            names += (names.empty() ? "" : ", ") + o[0];
        }
        if (!known)
            throw py::value_error(e.name + " has no option '" + name + "' (it has: " + names +
                                  (e.threads ? ", threads" : "") + ")");
        texts[name] = optionText(value);
    }
    return texts;
}

/// A column's cells as ints when all are whole numbers, floats when all are numbers, else text.
py::list columnValues(const TextTable& csv, std::size_t c) {
    bool allInt = true, allReal = true;
    for (const auto& row : csv.rows) {
        const std::string& t = row[c];
        const bool special = t == "nan" || t == "inf" || t == "-inf";
        allInt = allInt && ex::parseInteger(t).has_value();
        allReal = allReal && (special || ex::parseReal(t).has_value());
    }
    py::list values;
    for (const auto& row : csv.rows) {
        const std::string& t = row[c];
        if (allInt)
            values.append(py::int_(*ex::parseInteger(t)));
        else if (allReal)
            values.append(py::float_(std::stod(t)));
        else
            values.append(py::str(t));
    }
    return values;
}

py::list rowsOf(const Outcome& outcome) {
    const TextTable& csv = outcome.csv;
    std::vector<py::list> columns;
    for (std::size_t c = 0; c < csv.header.size(); ++c)
        columns.push_back(columnValues(csv, c));
    py::list rows;
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        py::dict row;
        for (std::size_t c = 0; c < csv.header.size(); ++c)
            row[py::str(csv.header[c])] = columns[c][r];
        rows.append(row);
    }
    return rows;
}

py::list runExperiment(const std::string& name, const py::kwargs& kwargs) {
    const Experiment& e = findExperiment(name);
    unsigned threads = 1;
    const Texts texts = optionTexts(e, kwargs, threads);
    Outcome outcome;
    {
        py::gil_scoped_release release;
        outcome = e.run(texts, e.threads ? threads : 1);
    }
    if (!outcome.problems.empty()) {
        std::string text = name + ": some runs stopped early:";
        for (const std::string& p : outcome.problems)
            text += "\n" + p;
        PyErr_WarnEx(PyExc_RuntimeWarning, text.c_str(), 1);
    }
    return rowsOf(outcome);
}

}  // namespace

void bindExperiments(py::module_& m) {
    m.def(
        "experiments",
        [] {
            std::vector<std::string> names;
            for (const Experiment& e : experimentList())
                names.push_back(e.name);
            return names;
        },
        "Names of the experiments prospect.experiment() runs.");
    m.def(
        "experiment_options",
        [](const std::string& name) {
            py::dict options;
            for (const auto& o : findExperiment(name).options)
                options[py::str(o[0])] = o[1];
            return options;
        },
        py::arg("name"), "Each option of an experiment and its default (as command-line text).");
    m.def("experiment", &runExperiment, py::arg("name"),
          "Runs `prospect experiment NAME` with the command line's options as keywords "
          "(dashes as underscores, e.g. summary_after=64, alphas=[0.5, 0.1], threads=2) and "
          "returns the rows of its CSV as dicts.");
    m.def(
        "experiment_frame",
        [](const std::string& name, const py::kwargs& kwargs) {
            py::module_ pandas;
            try {
                pandas = py::module_::import("pandas");
            } catch (py::error_already_set&) {
                throw py::import_error(
                    "experiment_frame needs pandas (apt install python3-pandas); "
                    "prospect.experiment() gives the same rows as dicts");
            }
            return pandas.attr("DataFrame")(runExperiment(name, kwargs));
        },
        py::arg("name"), "prospect.experiment() as a pandas DataFrame with the CSV's columns.");
}

}  // namespace prospect_python
