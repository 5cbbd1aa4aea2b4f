#include "app/runcommand.h"

#include <algorithm>
#include <iomanip>
#include <optional>
#include <sstream>

#include "app/atomicfile.h"
#include "app/options.h"
#include "app/scenariosource.h"
#include "engine/report/format.h"
#include "engine/report/table.h"

namespace app {

namespace {

using engine::Index;
using engine::report::formatNumber;

const char* const RunHelp =
    "prospect run (SCENARIO.json | --preset NAME) [--trials N] [--csv PATH]\n\n"
    "Runs a scenario with both rules from its initial network, trial by trial, and prints the\n"
    "loss and outputs of the first and last trial. The CSV has one row per rule and trial:\n"
    "  rule,trial,loss,output_0,...,w1_0_0,...[,b1_0,...]\n"
    "loss and output_i are the feed-forward pass at the start of the trial (before it learns);\n"
    "wL_i_j (layer L, post i, pre j; present synapses only) and bL_i (where a layer has a bias)\n"
    "are the values after the trial's update.\n\n"
    "Options:\n";

std::vector<std::string> header(const engine::Scenario& s, const engine::Network& net) {
    std::vector<std::string> h{"rule", "trial", "loss"};
    for (Index i = 0; i < s.spec.sizes.back(); ++i)
        h.push_back("output_" + std::to_string(i));
    for (Index l = 1; l <= net.depth(); ++l) {
        const engine::Matrix& mask = s.spec.weight(l).mask;
        for (Index i = 0; i < net.size(l); ++i)
            for (Index j = 0; j < net.size(l - 1); ++j)
                if (mask.size() == 0 || mask(i, j) != 0.0)
                    h.push_back("w" + std::to_string(l) + "_" + std::to_string(i) + "_" +
                                std::to_string(j));
    }
    for (Index l = 1; l <= net.depth(); ++l)
        if (net.hasBias(l))
            for (Index i = 0; i < net.size(l); ++i)
                h.push_back("b" + std::to_string(l) + "_" + std::to_string(i));
    return h;
}

std::vector<std::string> row(const engine::Scenario& s, const engine::Simulation& sim) {
    std::vector<std::string> r{engine::ruleName(sim.rule()), std::to_string(sim.trialsCompleted()),
                               formatNumber(sim.loss())};
    for (Index i = 0; i < sim.prediction().rows(); ++i)
        r.push_back(formatNumber(sim.prediction()(i, 0)));
    const engine::Network& net = sim.network();
    for (Index l = 1; l <= net.depth(); ++l) {
        const engine::Matrix& mask = s.spec.weight(l).mask;
        for (Index i = 0; i < net.size(l); ++i)
            for (Index j = 0; j < net.size(l - 1); ++j)
                if (mask.size() == 0 || mask(i, j) != 0.0)
                    r.push_back(formatNumber(net.weight(l)(i, j)));
    }
    for (Index l = 1; l <= net.depth(); ++l)
        if (net.hasBias(l))
            for (Index i = 0; i < net.size(l); ++i)
                r.push_back(formatNumber(net.bias(l)(i)));
    return r;
}

std::string vectorText(const engine::Matrix& m) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(4) << "(";
    for (Index i = 0; i < m.rows(); ++i)
        s << (i ? ", " : "") << m(i, 0);
    s << ")";
    return s.str();
}

/// One line of the summary: a rule's loss and outputs at the start of a trial (the numbers, not
/// their text: printed text is never read back).
struct SummaryLine {
    std::string rule;
    long long trial = 0;
    double loss = 0.0;
    engine::Matrix outputs;
};

/// What both rules did: the first and last trial of each rule, the CSV rows written, and why a
/// rule stopped early.
struct RunTable {
    std::vector<SummaryLine> first, last;  ///< One entry per rule that ran a trial.
    std::vector<std::string> problems;
    long long played = 0;  ///< Trials per rule (fewer than asked when a one-pass list ended).
    long long rows = 0;    ///< CSV rows written.
};

/// The summary line of the trial `sim` has just finished (no allocation once `line` has its size).
void takeSummaryLine(const engine::Simulation& sim, SummaryLine& line) {
    line.rule = engine::ruleName(sim.rule());
    line.trial = sim.trialsCompleted();
    line.loss = sim.loss();
    line.outputs = sim.prediction().col(0);
}

/// Runs both rules for `trials` trials; each trial's row goes to `csv` as it comes (when given),
/// so memory does not grow with the trials.
RunTable runBothRules(const engine::Scenario& scenario, long long trials,
                      engine::report::OutputFile* csv) {
    const engine::Network net = scenario.network();
    engine::Simulation bp(net, scenario.bp);
    engine::Simulation pc(net, scenario.pc);
    RunTable t;
    if (csv)
        csv->write(engine::report::csvLine(header(scenario, net)));
    t.played = trials;
    for (engine::Simulation* sim : {&bp, &pc}) {
        scenario.applyTrials(*sim);
        SummaryLine first, last;
        for (long long k = 0; k < trials; ++k) {
            if (!sim->stepTrial()) {
                if (sim->status() == engine::Status::Ok) {
                    t.played = k;  // a scenario played once: its trials are over
                    break;
                }
                t.problems.push_back(std::string(engine::ruleName(sim->rule())) +
                                     " stopped at trial " + std::to_string(k + 1) + ": " +
                                     sim->problem());
                break;
            }
            if (csv) {
                csv->write(engine::report::csvLine(row(scenario, *sim)));
                ++t.rows;
            }
            takeSummaryLine(*sim, k == 0 ? first : last);
            if (k == 0)
                last = first;
        }
        if (first.trial > 0) {
            t.first.push_back(std::move(first));
            t.last.push_back(std::move(last));
        }
    }
    t.played = std::min(trials, t.played);
    return t;
}

/// The scenario line, the network line and the first and last trial of each rule.
void printRunSummary(const ScenarioSource& s, const RunTable& t, long long asked,
                     std::ostream& out) {
    const engine::Scenario& scenario = s.scenario;
    const long long trials = t.played;
    out << "Scenario: " << (scenario.title.empty() ? s.source : scenario.title) << " (" << s.source
        << ")\n"
        << "Network: ";
    for (size_t l = 0; l < scenario.spec.sizes.size(); ++l)
        out << (l ? "-" : "") << scenario.spec.sizes[l];
    if (scenario.task)
        out << ", a closed-loop choice task";
    else
        out << ", " << scenario.trials.size() << " trial(s) in "
            << engine::trialOrderName(scenario.order) << " order";
    out << ", " << trials << " trials per rule\n";
    if (trials < asked)
        out << "(the scenario plays its " << trials << " trials once; " << asked
            << " were asked for)\n";
    out << "\n";
    out << "rule  trial  loss        outputs (before the trial learns)\n";
    for (size_t k = 0; k < t.first.size(); ++k)
        for (const SummaryLine* line : {&t.first[k], &t.last[k]}) {
            if (line == &t.last[k] && line->trial == t.first[k].trial)
                continue;  // one trial: its first is its last
            std::ostringstream text;
            text << std::left << std::setw(6) << line->rule << std::setw(7) << line->trial
                 << std::setw(12) << std::fixed << std::setprecision(6) << line->loss;
            out << text.str() << vectorText(line->outputs) << "\n";
        }
}

/// --trials, or 64 (at least one pass of the list) when not given; an error message otherwise.
std::optional<std::string> readTrials(const Options& options, const engine::Scenario& scenario,
                                      long long& trials) {
    trials = std::max<long long>(64, static_cast<long long>(scenario.trials.size()));
    if (!options.given("trials"))
        return std::nullopt;
    if (auto error = options.integer("trials", trials))
        return error;
    if (trials < 1 || trials > 10'000'000)
        return std::string("--trials must be between 1 and 10000000");
    return std::nullopt;
}

}  // namespace

int runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::vector<std::string> rest = args;
    const std::string path = takeScenarioPath(rest);
    Options options({presetOption(),
                     {"trials", "",
                      "trials per rule (default: 64, or one pass when the list is "
                      "longer)"},
                     {"csv", "", "write the per-trial traces here"}});
    if (auto error = options.parse(rest)) {
        err << "prospect run: " << *error << "\n";
        return 2;
    }
    if (options.helpRequested()) {
        out << RunHelp << options.helpText();
        return 0;
    }
    ScenarioSource scenario;
    long long trials = 0;
    if (auto error = readScenarioSource(path, options, scenario)) {
        err << "prospect run: " << *error << "\n";
        return 2;
    }
    if (auto error = readTrials(options, scenario.scenario, trials)) {
        err << "prospect run: " << *error << "\n";
        return 2;
    }
    engine::report::OutputFile csv;
    const bool writeCsv = options.given("csv");
    const std::string csvPath = options.text("csv");
    if (writeCsv)
        if (auto code = openOutput("run", "csv", csvPath, csv, err))
            return *code;
    // With the CSV on standard output, the summary goes to standard error.
    std::ostream& summary =
        writeCsv && csv.direct() && engine::report::isStandardOutput(csvPath) ? err : out;
    long long rows = 0;
    const int code = runScenario(scenario, trials, writeCsv ? &csv : nullptr, summary, err, &rows);
    if (writeCsv) {
        if (auto error = csv.commit()) {
            err << "prospect run: " << *error << "\n";
            return 1;
        }
        summary << "\nWrote " << rows << " rows to " << csvPath << "\n";
    }
    return code;
}

int runScenario(const ScenarioSource& scenario, long long trials, engine::report::OutputFile* csv,
                std::ostream& out, std::ostream& err, long long* rows) {
    const RunTable table = runBothRules(scenario.scenario, trials, csv);
    printRunSummary(scenario, table, trials, out);
    for (const std::string& p : table.problems)
        err << "prospect run: run stopped early: " << p << "\n";
    if (rows)
        *rows = table.rows;
    return table.problems.empty() ? 0 : 1;
}

}  // namespace app
