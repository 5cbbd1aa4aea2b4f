#include "app/experimentcommands.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

#include "app/datacommands.h"
#include "app/experimenthelpers.h"
#include "app/learningcommands.h"
#include "app/parallel.h"
#include "engine/core/metrics.h"
#include "engine/experiments/experimentoptions.h"
#include "engine/experiments/experiments.h"

namespace app {

namespace ex = engine::experiments;
using engine::Rule;
using engine::Scalar;

namespace {

// ---- interference and lr-sweep ------------------------------------------------------------------

void outputRowsToCsv(const std::vector<ex::OutputRow>& rows, bool withAlpha, TextTable& csv) {
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

std::vector<double> outputSeries(const std::vector<ex::OutputRow>& rows, Rule rule,
                                 engine::Index i) {
    std::vector<double> s;
    for (const auto& r : rows)
        if (r.rule == rule)
            s.push_back(r.output(i));
    return s;
}

Error runInterference(const ex::InterferenceSettings& settings, const RunContext&,
                      ExperimentResult& result) {
    const engine::PcConfig& pc = settings.pc;
    const double alpha = pc.alpha;
    const auto observed = ex::interference(alpha, settings.trials, pc);
    const auto& rows = observed.rows;
    if (!observed.problem.empty())
        result.problems.push_back(observed.problem);

    result.csv.header = {"rule", "trial", "output_0", "output_1"};
    outputRowsToCsv(rows, false, result.csv);

    std::ostringstream s;
    s << "Bear and river (Fig. 1 / 3a): linear 1-1-2 net, every weight 1, input 1, target (0, 1)\n"
      << "(sound of the river absent, smell of the salmon still expected); alpha " << alpha
      << ", PC T " << pc.iterations << ", gamma0 " << pc.gamma0 << ", discount " << pc.discount
      << ".\n\nPrediction before each trial (output_0 = sound, output_1 = smell):\n";
    std::vector<std::vector<std::string>> table{
        {"trial", "BP output_0", "BP output_1", "PC output_0", "PC output_1"}};
    const auto bp0 = outputSeries(rows, Rule::BP, 0), bp1 = outputSeries(rows, Rule::BP, 1);
    const auto pc0 = outputSeries(rows, Rule::PC, 0), pc1 = outputSeries(rows, Rule::PC, 1);
    for (size_t k = 0; k < std::min<size_t>(4, bp0.size()); ++k)
        table.push_back(
            {std::to_string(k + 1), fixed(bp0[k]), fixed(bp1[k]), fixed(pc0[k]), fixed(pc1[k])});
    s << alignedText(table);
    const engine::Minimum bpMin = engine::seriesMinimum(bp1), pcMin = engine::seriesMinimum(pc1);
    s << "\nInterference = lowest smell prediction (its target stayed 1):\n"
      << alignedText({{"BP", fixed(bpMin.value), "at trial " + std::to_string(bpMin.at + 1)},
                      {"PC", fixed(pcMin.value), "at trial " + std::to_string(pcMin.at + 1)}});
    result.summary = s.str();
    return std::nullopt;
}

Error runLrSweep(const ex::LrSweepSettings& settings, const RunContext&, ExperimentResult& result) {
    const engine::PcConfig& pc = settings.pc;
    const int trials = settings.trials;

    result.csv.header = {"rule", "alpha", "trial", "output_0", "output_1"};
    std::vector<std::vector<std::string>> table{{"alpha", "BP lowest smell", "(trial)",
                                                 "PC lowest smell", "(trial)", "BP final",
                                                 "PC final"}};
    for (double alpha : settings.alphas) {
        const auto observed = ex::interference(alpha, trials, pc);
        const auto& rows = observed.rows;
        if (!observed.problem.empty())
            result.problems.push_back("alpha " + formatNumber(alpha) + ": " + observed.problem);
        outputRowsToCsv(rows, true, result.csv);
        const auto bp1 = outputSeries(rows, Rule::BP, 1), pc1 = outputSeries(rows, Rule::PC, 1);
        const auto bp0 = outputSeries(rows, Rule::BP, 0), pc0 = outputSeries(rows, Rule::PC, 0);
        const auto bm = engine::seriesMinimum(bp1), pm = engine::seriesMinimum(pc1);
        table.push_back({formatNumber(alpha), fixed(bm.value), std::to_string(bm.at + 1),
                         fixed(pm.value), std::to_string(pm.at + 1),
                         "(" + fixed(bp0.back(), 3) + ", " + fixed(bp1.back(), 3) + ")",
                         "(" + fixed(pc0.back(), 3) + ", " + fixed(pc1.back(), 3) + ")"});
    }
    std::ostringstream s;
    s << "Learning-rate sweep of the bear net (Fig. 3d): " << trials
      << " trials per learning rate;\n"
      << "interference = lowest smell prediction (target 1); final = (sound, smell) before the "
         "last trial.\n\n"
      << alignedText(table);
    result.summary = s.str();
    return std::nullopt;
}

// ---- target alignment and prospective index -----------------------------------------------------

Error runTargetAlignment(const ex::TargetAlignmentSettings& settings, const RunContext& run,
                         ExperimentResult& result) {
    const std::vector<int>& depths = settings.depths;
    const int seeds = settings.seeds;
    const ex::DeepNetConfig& config = settings.config;

    struct Job {
        int depth;
        std::uint64_t seed;
        ex::AlignmentResult r;
    };
    std::vector<Job> jobs;
    for (int d : depths)
        for (int s = 0; s < seeds; ++s)
            jobs.push_back({d, static_cast<std::uint64_t>(s), {}});
    // Deepest first: the long jobs start early, so the threads finish together.
    std::vector<size_t> order(jobs.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return jobs[a].depth > jobs[b].depth; });
    if (!runJobs("target-alignment", jobs.size(), run, result, [&](size_t i) {
            Job& j = jobs[order[i]];
            j.r = ex::targetAlignmentRun(j.depth, j.seed, config);
        }))
        return std::nullopt;

    for (const Job& j : jobs)
        if (!j.r.problem.empty())
            result.problems.push_back("depth " + std::to_string(j.depth) + ", seed " +
                                      std::to_string(j.seed) + ": " + j.r.problem);
    result.csv.header = {"rule", "depth", "seed", "target_alignment"};
    for (Rule rule : {Rule::BP, Rule::PC})
        for (const Job& j : jobs)
            result.csv.rows.push_back({engine::ruleName(rule), std::to_string(j.depth),
                                       std::to_string(j.seed),
                                       formatNumber(rule == Rule::BP ? j.r.bp : j.r.pc)});

    std::vector<std::vector<std::string>> table{{"depth", "BP mean", "BP sd", "PC mean", "PC sd"}};
    std::map<int, std::pair<std::vector<double>, std::vector<double>>> byDepth;
    for (const Job& j : jobs) {
        byDepth[j.depth].first.push_back(j.r.bp);
        byDepth[j.depth].second.push_back(j.r.pc);
    }
    for (int d : depths) {
        if (!byDepth.count(d))
            continue;
        const auto& [bp, pc] = byDepth[d];
        const MeanSd b = meanSd(bp), p = meanSd(pc);
        table.push_back(
            {std::to_string(d), fixed(b.mean), fixed(b.sd), fixed(p.mean), fixed(p.sd)});
        byDepth.erase(d);  // a depth listed twice is reported once
    }
    std::ostringstream s;
    s << "Target alignment vs depth (Fig. 3e): deep linear nets of width " << config.width
      << ", Xavier-uniform, one sample ~ N(0,1),\none step with alpha " << config.pc.alpha
      << " (PC T " << config.pc.iterations << "); mean and standard deviation over " << seeds
      << " seeds.\n\n"
      << alignedText(table);
    result.summary = s.str();
    return std::nullopt;
}

Error runProspectiveIndex(const ex::ProspectiveIndexSettings& settings, const RunContext& run,
                          ExperimentResult& result) {
    const int depth = settings.depth, seeds = settings.seeds;
    const ex::DeepNetConfig& config = settings.config;

    std::vector<ex::Observations<Scalar>> perSeed(static_cast<size_t>(seeds));
    if (!runJobs("prospective-index", perSeed.size(), run, result,
                 [&](size_t s) { perSeed[s] = ex::prospectiveIndexRun(depth, s, config); }))
        return std::nullopt;

    for (size_t s = 0; s < perSeed.size(); ++s)
        if (!perSeed[s].problem.empty())
            result.problems.push_back("seed " + std::to_string(s) + ": " + perSeed[s].problem);
    result.csv.header = {"layer", "seed", "prospective_index"};
    std::vector<std::vector<std::string>> table{{"layer", "mean", "sd"}};
    for (int l = 1; l <= depth; ++l) {
        std::vector<double> values;
        for (size_t s = 0; s < perSeed.size(); ++s) {
            const double v = perSeed[s].rows[static_cast<size_t>(l - 1)];
            values.push_back(v);
            result.csv.rows.push_back({std::to_string(l), std::to_string(s), formatNumber(v)});
        }
        const MeanSd m = meanSd(values);
        table.push_back(
            {std::to_string(l) + (l == depth ? " (output)" : ""), fixed(m.mean), fixed(m.sd)});
    }
    std::ostringstream s;
    s << "Prospective index of PC per layer: " << depth << " weight layers of width "
      << config.width << ", " << engine::activationName(config.activation)
      << ", Xavier-uniform; one step with alpha " << config.pc.alpha << ", T "
      << config.pc.iterations << "; " << seeds << " seeds.\n"
      << "1 = the activity after learning moved exactly toward the relaxed activity.\n\n"
      << alignedText(table);
    result.summary = s.str();
    return std::nullopt;
}

// ---- 1-2-2 trajectories -------------------------------------------------------------------------

Error runTrajectories(const ex::TrajectorySettings& settings, const RunContext&,
                      ExperimentResult& result) {
    const ex::TrajectoryConfig& config = settings.config;
    const auto observed = ex::trajectories122(settings.trials, config);
    const auto& rows = observed.rows;
    if (!observed.problem.empty())
        result.problems.push_back(observed.problem);

    result.csv.header = {"rule", "trial", "w1", "w2"};
    for (const auto& r : rows)
        result.csv.rows.push_back({engine::ruleName(r.rule), std::to_string(r.trial),
                                   formatNumber(r.w1), formatNumber(r.w2)});

    std::vector<std::vector<std::string>> table{{"trial", "BP w1", "BP w2", "PC w1", "PC w2"}};
    const size_t n = rows.size() / 2;
    for (size_t k = 0; k < n; ++k) {
        if (k >= 5 && k + 1 != n)
            continue;
        const auto& b = rows[k];
        const auto& p = rows[n + k];
        table.push_back(
            {std::to_string(b.trial), fixed(b.w1), fixed(b.w2), fixed(p.w1), fixed(p.w2)});
    }
    auto path = [&](Rule rule) {
        double len = 0.0;
        const ex::WeightRow* prev = nullptr;
        for (const auto& r : rows) {
            if (r.rule != rule)
                continue;
            if (prev)
                len += std::hypot(r.w1 - prev->w1, r.w2 - prev->w2);
            prev = &r;
        }
        return len;
    };
    std::ostringstream s;
    s << "Weight trajectories of the 1-2-2 net: input 1 -> hidden (w1, w2), initially 0 -> fixed "
         "diagonal\n"
      << "(1, 2) -> target (1, 1); solution (1, 0.5). BP alpha " << formatNumber(config.bpAlpha)
      << ", PC alpha " << formatNumber(config.pc.alpha) << ", T " << config.pc.iterations
      << ", discount " << config.pc.discount
      << ".\nWeights before each trial (first five and last):\n"
      << alignedText(table) << "\nPath length in (w1, w2): BP " << fixed(path(Rule::BP)) << ", PC "
      << fixed(path(Rule::PC)) << "\n";
    result.summary = s.str();
    return std::nullopt;
}

std::vector<Experiment> makeExperiments() {
    std::vector<Experiment> list{
        tableExperiment(
            "interference", "Fig. 1 / 3a",
            "bear and river: BP lowers the smell prediction it should keep, PC does not",
            ex::interferenceOptions(), false, runInterference),
        tableExperiment("lr-sweep", "Fig. 3d",
                        "the bear net at several learning rates: BP's interference stays",
                        ex::lrSweepOptions(), false, runLrSweep),
        tableExperiment("target-alignment", "Fig. 3e",
                        "target alignment of one step vs depth of a deep linear net, BP falls, PC "
                        "stays high",
                        ex::targetAlignmentOptions(), true, runTargetAlignment),
        tableExperiment("trajectories-122", "energy-landscape figure",
                        "weights (w1, w2) of a 1-2-2 net: BP zig-zags, PC heads straight to the "
                        "solution",
                        ex::trajectoryOptions(), false, runTrajectories),
        tableExperiment("prospective-index", "prospective index figure",
                        "PC's prospective index in every layer of a deep net (close to 1)",
                        ex::prospectiveIndexOptions(), true, runProspectiveIndex),
    };
    for (Experiment& e : learningExperiments())
        list.push_back(e);
    for (Experiment& e : dataExperimentCommands())
        list.push_back(e);
    for (Experiment& e : list)
        e.options.push_back(csvOption());
    return list;
}

}  // namespace

const std::vector<Experiment>& experiments() {
    static const std::vector<Experiment> list = makeExperiments();
    return list;
}

const Experiment* findExperiment(const std::string& name) {
    for (const Experiment& e : experiments())
        if (e.name == name)
            return &e;
    return nullptr;
}

}  // namespace app
