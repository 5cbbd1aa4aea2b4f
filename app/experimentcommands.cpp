#include "app/experimentcommands.h"

#include <algorithm>
#include <sstream>

#include "app/datacommands.h"
#include "app/experimenthelpers.h"
#include "app/learningcommands.h"
#include "app/parallel.h"
#include "engine/core/metrics.h"
#include "engine/experiments/experimentoptions.h"
#include "engine/experiments/experiments.h"
#include "engine/experiments/figuresummaries.h"

namespace app {

namespace ex = engine::experiments;
using engine::Rule;
using engine::Scalar;

namespace {

/// Runs the jobs of an experiment that runs on one thread (no progress lines); the summary's CSV
/// and problems become the result's.
template <typename Job, typename Config, typename Summarise>
auto runHere(std::vector<Job>& jobs, void (*run)(Job&, const Config&), const Config& config,
             ExperimentResult& result, Summarise summarise) {
    for (Job& job : jobs)
        run(job, config);
    auto summary = summarise(jobs);
    result.csv = summary.csv;
    result.problems = summary.problems;
    return summary;
}

// ---- interference and lr-sweep ------------------------------------------------------------------

Error runInterference(const ex::InterferenceSettings& settings, const RunContext&,
                      ExperimentResult& result) {
    const engine::PcConfig& pc = settings.pc;
    std::vector<ex::BearJob> jobs = ex::bearJobs({pc.alpha}, settings.trials);
    const ex::BearRuns ran = runHere(jobs, ex::runBearJob, pc, result,
                                     [](const auto& j) { return ex::summariseBearRuns(j, false); });
    const ex::BearSummary& bear = ran.runs.front();
    std::ostringstream s;
    s << "Bear and river (Fig. 1 / 3a): linear 1-1-2 net, every weight 1, input 1, target (0, 1)\n"
      << "(sound of the river absent, smell of the salmon still expected); alpha " << pc.alpha
      << ", PC T " << pc.iterations << ", gamma0 " << pc.gamma0 << ", discount " << pc.discount
      << ".\n\nPrediction before each trial (output_0 = sound, output_1 = smell):\n";
    std::vector<std::vector<std::string>> table{
        {"trial", "BP output_0", "BP output_1", "PC output_0", "PC output_1"}};
    const size_t shown = std::min({size_t(4), bear.bp.sound.size(), bear.pc.sound.size()});
    for (size_t k = 0; k < shown; ++k)
        table.push_back({std::to_string(k + 1), fixed(bear.bp.sound[k]), fixed(bear.bp.smell[k]),
                         fixed(bear.pc.sound[k]), fixed(bear.pc.smell[k])});
    s << alignedText(table);
    const engine::Minimum bpMin = bear.bp.lowestSmell, pcMin = bear.pc.lowestSmell;
    s << "\nInterference = lowest smell prediction (its target stayed 1):\n"
      << alignedText({{"BP", fixed(bpMin.value), "at trial " + std::to_string(bpMin.at + 1)},
                      {"PC", fixed(pcMin.value), "at trial " + std::to_string(pcMin.at + 1)}});
    result.summary = s.str();
    return std::nullopt;
}

Error runLrSweep(const ex::LrSweepSettings& settings, const RunContext&, ExperimentResult& result) {
    std::vector<ex::BearJob> jobs = ex::bearJobs(settings.alphas, settings.trials);
    const ex::BearRuns ran = runHere(jobs, ex::runBearJob, settings.pc, result,
                                     [](const auto& j) { return ex::summariseBearRuns(j, true); });
    std::vector<std::vector<std::string>> table{{"alpha", "BP lowest smell", "(trial)",
                                                 "PC lowest smell", "(trial)", "BP final",
                                                 "PC final"}};
    auto final = [](const ex::BearCurve& c) {
        return "(" + fixed(c.sound.back(), 3) + ", " + fixed(c.smell.back(), 3) + ")";
    };
    for (const ex::BearSummary& b : ran.runs) {
        const engine::Minimum bm = b.bp.lowestSmell, pm = b.pc.lowestSmell;
        table.push_back({formatNumber(b.alpha), fixed(bm.value), std::to_string(bm.at + 1),
                         fixed(pm.value), std::to_string(pm.at + 1), final(b.bp), final(b.pc)});
    }
    std::ostringstream s;
    s << "Learning-rate sweep of the bear net (Fig. 3d): " << settings.trials
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
    const ex::DeepNetConfig& config = settings.config;
    std::vector<int> depths = settings.depths;
    // Deepest first (from the end of an ascending list): the long jobs start early, so the
    // threads finish together. The summary keeps the order given.
    std::vector<ex::AlignmentJob> jobs = ex::targetAlignmentJobs(depths, settings.seeds);
    std::vector<size_t> order(jobs.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return jobs[a].depth > jobs[b].depth; });
    if (!runJobs("target-alignment", jobs.size(), run, result,
                 [&](size_t i) { ex::runAlignmentJob(jobs[order[i]], config); }))
        return std::nullopt;
    const ex::TargetAlignmentSummary summary = ex::summariseTargetAlignment(jobs);
    result.csv = summary.csv;
    result.problems = summary.problems;
    std::vector<std::vector<std::string>> table{{"depth", "BP mean", "BP sd", "PC mean", "PC sd"}};
    for (const ex::TargetAlignmentSummary::Row& row : summary.rows)
        table.push_back({std::to_string(row.depth), fixed(row.bpStats.mean), fixed(row.bpStats.sd),
                         fixed(row.pcStats.mean), fixed(row.pcStats.sd)});
    std::ostringstream s;
    s << "Target alignment vs depth (Fig. 3e): deep linear nets of width " << config.width
      << ", Xavier-uniform, one sample ~ N(0,1),\none step with alpha " << config.pc.alpha
      << " (PC T " << config.pc.iterations << "); mean and standard deviation over "
      << settings.seeds << " seeds.\n\n"
      << alignedText(table);
    result.summary = s.str();
    return std::nullopt;
}

Error runProspectiveIndex(const ex::ProspectiveIndexSettings& settings, const RunContext& run,
                          ExperimentResult& result) {
    const int depth = settings.depth, seeds = settings.seeds;
    const ex::DeepNetConfig& config = settings.config;
    std::vector<ex::ProspectiveIndexJob> jobs = ex::prospectiveIndexJobs(depth, seeds);
    const auto ran = runAndSummarise("prospective-index", jobs, ex::runProspectiveIndexJob, config,
                                     run, result, ex::summariseProspectiveIndex);
    if (!ran)
        return std::nullopt;
    std::vector<std::vector<std::string>> table{{"layer", "mean", "sd"}};
    for (int l = 1; l <= depth; ++l) {
        const ex::SeedStats& m = ran->stats[static_cast<size_t>(l - 1)];
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
    std::vector<ex::TrajectoryJob> jobs{{settings.trials, {}}};
    const ex::TrajectorySummary summary =
        runHere(jobs, ex::runTrajectoryJob, config, result,
                [](const auto& j) { return ex::summariseTrajectories(j.front()); });
    std::vector<std::vector<std::string>> table{{"trial", "BP w1", "BP w2", "PC w1", "PC w2"}};
    const size_t n = std::min(summary.bp.size(), summary.pc.size());
    for (size_t k = 0; k < n; ++k) {
        if (k >= 5 && k + 1 != n)
            continue;
        const ex::WeightRow &b = summary.bp[k], &p = summary.pc[k];
        table.push_back(
            {std::to_string(b.trial), fixed(b.w1), fixed(b.w2), fixed(p.w1), fixed(p.w2)});
    }
    std::ostringstream s;
    s << "Weight trajectories of the 1-2-2 net: input 1 -> hidden (w1, w2), initially 0 -> fixed "
         "diagonal\n"
      << "(1, 2) -> target (1, 1); solution (1, 0.5). BP alpha " << formatNumber(config.bpAlpha)
      << ", PC alpha " << formatNumber(config.pc.alpha) << ", T " << config.pc.iterations
      << ", discount " << config.pc.discount
      << ".\nWeights before each trial (first five and last):\n"
      << alignedText(table) << "\nPath length in (w1, w2): BP " << fixed(summary.bpPath) << ", PC "
      << fixed(summary.pcPath) << "\n";
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
