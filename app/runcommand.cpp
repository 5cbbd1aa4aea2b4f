#include "app/runcommand.h"

#include <iomanip>
#include <optional>
#include <sstream>

#include "app/atomicfile.h"
#include "app/options.h"
#include "engine/report/format.h"
#include "engine/report/table.h"
#include "engine/scenario/presets.h"
#include "engine/scenario/scenariofile.h"

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

}  // namespace

int runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::vector<std::string> rest = args;
    std::string path;
    if (!rest.empty() && rest[0].rfind("-", 0) != 0) {
        path = rest[0];
        rest.erase(rest.begin());
    }
    Options options({{"preset", "", "a bundled scenario instead of a file (see --list-presets)"},
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
    std::optional<engine::Scenario> scenario;
    std::string source;
    if (options.given("preset")) {
        if (!path.empty()) {
            err << "prospect run: give a scenario file or --preset, not both\n";
            return 2;
        }
        const engine::Scenario* p = engine::findPreset(options.text("preset"));
        if (!p) {
            err << "prospect run: no preset called '" << options.text("preset")
                << "' (see: prospect --list-presets)\n";
            return 2;
        }
        scenario = *p;
        source = "preset " + p->name;
    } else {
        if (path.empty()) {
            err << "prospect run: which scenario? give a file (SCENARIO.json) or --preset NAME\n";
            return 2;
        }
        engine::ScenarioResult r = engine::readScenarioFile(path);
        if (!r.scenario) {
            err << "prospect run: " << r.error << "\n";
            return 2;
        }
        scenario = std::move(r.scenario);
        source = path;
    }
    long long trials = std::max<long long>(64, static_cast<long long>(scenario->trials.size()));
    if (options.given("trials")) {
        if (auto error = options.integer("trials", trials)) {
            err << "prospect run: " << *error << "\n";
            return 2;
        }
        if (trials < 1 || trials > 10'000'000) {
            err << "prospect run: --trials must be between 1 and 10000000\n";
            return 2;
        }
    }

    const engine::Network net = scenario->network();
    engine::Simulation bp(net, scenario->bp);
    engine::Simulation pc(net, scenario->pc);
    engine::report::TextTable csv;
    csv.header = header(*scenario, net);
    std::vector<std::string> problems;
    long long played = trials;
    for (engine::Simulation* sim : {&bp, &pc}) {
        scenario->applyTrials(*sim);
        for (long long k = 0; k < trials; ++k) {
            if (!sim->stepTrial()) {
                if (sim->status() == engine::Status::Ok) {
                    played = k;  // a scenario played once: its trials are over
                    break;
                }
                problems.push_back(std::string(engine::ruleName(sim->rule())) +
                                   " stopped at trial " + std::to_string(k + 1) + ": " +
                                   sim->problem());
                break;
            }
            csv.rows.push_back(row(*scenario, *sim));
        }
    }
    const long long asked = trials;
    trials = std::min(trials, played);

    out << "Scenario: " << (scenario->title.empty() ? source : scenario->title) << " (" << source
        << ")\n"
        << "Network: ";
    for (size_t l = 0; l < scenario->spec.sizes.size(); ++l)
        out << (l ? "-" : "") << scenario->spec.sizes[l];
    if (scenario->task)
        out << ", a closed-loop choice task";
    else
        out << ", " << scenario->trials.size() << " trial(s) in "
            << engine::trialOrderName(scenario->order) << " order";
    out << ", " << trials << " trials per rule\n";
    if (trials < asked)
        out << "(the scenario plays its " << trials << " trials once; " << asked
            << " were asked for)\n";
    out << "\n";
    out << "rule  trial  loss        outputs (before the trial learns)\n";
    for (const auto& r : csv.rows) {
        const bool first = r[1] == "1";
        const bool last = r[1] == std::to_string(trials);
        if (!first && !last)
            continue;
        std::ostringstream line;
        line << std::left << std::setw(6) << r[0] << std::setw(7) << r[1] << std::setw(12)
             << std::fixed << std::setprecision(6) << std::stod(r[2]);
        engine::Matrix outputs(static_cast<Index>(scenario->spec.sizes.back()), 1);
        for (Index i = 0; i < outputs.rows(); ++i)
            outputs(i, 0) = std::stod(r[3 + static_cast<size_t>(i)]);
        out << line.str() << vectorText(outputs) << "\n";
    }
    for (const std::string& p : problems)
        err << "prospect run: run stopped early: " << p << "\n";
    if (options.given("csv")) {
        const std::string csvPath = options.text("csv");
        if (auto error = writeFileAtomically(csvPath, engine::report::csvText(csv))) {
            err << "prospect run: " << *error << "\n";
            return 1;
        }
        out << "\nWrote " << csv.rows.size() << " rows to " << csvPath << "\n";
    }
    return problems.empty() ? 0 : 1;
}

}  // namespace app
