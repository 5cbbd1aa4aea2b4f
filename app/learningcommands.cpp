#include "app/learningcommands.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "app/experimenthelpers.h"
#include "app/parallel.h"
#include "engine/experiments/experimentoptions.h"
#include "engine/experiments/learningexperiments.h"
#include "engine/experiments/learningsummaries.h"

namespace app {

namespace ex = engine::experiments;
using engine::ChoiceRecord;
using engine::Rule;
using engine::Scalar;

namespace {

constexpr Rule Rules[] = {Rule::BP, Rule::PC};

/// "mean (sd)" of the finite values, with a note of how many were not.
std::string meanCell(const ex::SeedStats& m, int digits = 4, bool sci = false) {
    if (m.n == 0)
        return "n/a";
    auto format = [&](double v) { return sci ? scientific(v, digits) : fixed(v, digits); };
    std::string cell = format(m.mean) + " (" + format(m.sd) + ")";
    if (m.nonFinite > 0)
        cell += " [" + std::to_string(m.nonFinite) + " diverged]";
    return cell;
}

std::string meanCell(const std::vector<double>& values, int digits = 4, bool sci = false) {
    return meanCell(ex::seedStats(values), digits, sci);
}

// ---- fear conditioning --------------------------------------------------------------------------

Error runFearConditioning(const ex::FearSettings& settings, const RunContext& run,
                          ExperimentResult& result) {
    const ex::FearConfig& config = settings.config;
    const int seeds = settings.seeds;
    std::vector<ex::FearJob> jobs = ex::fearJobs(seeds);
    const auto ran = runAndSummarise("fear-conditioning", jobs, ex::runFearJob, config, run, result,
                                     ex::summariseFear);
    if (!ran)
        return std::nullopt;
    const ex::FearSummary& summary = *ran;
    std::vector<std::vector<std::string>> table{{"group", "BP mean (sd)", "PC mean (sd)"}};
    for (ex::FearGroup g : ex::fearGroups())
        table.push_back({ex::fearGroupName(g), meanCell(summary.values.at({Rule::BP, g})),
                         meanCell(summary.values.at({Rule::PC, g}))});
    auto shift = [&](Rule rule) { return summary.extinctionEffect(rule); };
    std::ostringstream s;
    s << "Rat fear conditioning (overshadowing released by extinction): inputs (light, noise) ->\n"
      << "one hidden unit each (p init 1) -> fear; m ~ |N(" << config.initMean << ", "
      << config.initStd << "^2)|;\nlearning rates p " << config.lrPerception << ", m_L "
      << config.lrLight << ", m_N " << config.lrNoise << "; " << config.trialsPerPhase
      << " trials per phase; PC T " << config.pc.iterations << ", gamma0 " << config.pc.gamma0
      << ", discount " << config.pc.discount << "; " << seeds << " seeds.\n"
      << "Groups: N+ noise -> shock; LN+ light and noise -> shock; LN+L- then the light alone,\n"
      << "no shock (extinction).\n\nFear to the noise alone after training:\n"
      << alignedText(table) << "\nLN+L- minus LN+ (effect of extinguishing the light): BP "
      << fixed(shift(Rule::BP)) << ", PC " << fixed(shift(Rule::PC)) << "\n";
    result.summary = s.str();
    return std::nullopt;
}

// ---- reversal learning --------------------------------------------------------------------------

Error runReversalLearning(const ex::ReversalSettings& settings, const RunContext& run,
                          ExperimentResult& result) {
    const ex::ReversalConfig& config = settings.config;
    const int from = settings.summaryAfter;
    // Each run summarises its trials as they come and passes its rows on (JobRows), so memory
    // does not grow with --trials; the totals are merged in run order.
    const std::vector<ex::ReversalJob> jobs = ex::reversalJobs(settings.bpSeeds, settings.pcSeeds);
    std::vector<ex::ReversalTotals> parts(jobs.size());
    std::vector<JobRows> rows;
    rows.reserve(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i)
        rows.emplace_back(result);
    if (!runJobs("reversal-learning", jobs.size(), run, result, [&](std::size_t i) {
            const ex::ReversalJob& job = jobs[i];
            ex::ReversalStream stream(
                job.rule, job.seed, from,
                [&](const std::vector<std::string>& row) { rows[i].add(row); });
            const std::string problem = ex::reversalRunStreaming(
                job.rule, job.seed, config, [&](const ChoiceRecord& r) { stream.add(r); });
            stream.finish(problem);
            parts[i] = stream.totals();
        }))
        return std::nullopt;
    ex::ReversalTotals summary;
    for (const ex::ReversalTotals& part : parts)
        summary.merge(part);
    result.problems = summary.problems;
    if (!handOverRows(ex::reversalCsvHeader(), rows, result))
        return std::nullopt;
    std::vector<std::vector<std::string>> table{
        {"rule", "after punishment", "n", "value at punished trial", "value on next trial"}};
    for (Rule rule : Rules)
        for (bool switched : {false, true}) {
            const auto& [atPunish, next] = summary.of(rule, switched);
            table.push_back({engine::ruleName(rule), switched ? "switch" : "stay",
                             std::to_string(atPunish.count()), meanCell(atPunish.stats()),
                             meanCell(next.stats())});
        }
    std::ostringstream s;
    s << "Human reversal learning: linear 1-1-2 net, constant input 1, outputs = values of two\n"
      << "options; softmax choice of the raw prediction (beta " << config.task.inverseTemperature
      << "); reward +1 with p 0.7 (correct) / 0.4,\nelse -1; only the chosen output learns; "
      << "after 4 correct choices in a row (a reversal does\nnot reset the count) the "
      << "contingency reverses with p 0.25 per trial. " << config.trials << " trials, alpha "
      << config.pc.alpha << ",\nPC T " << config.pc.iterations << ", discount "
      << config.pc.discount << "; weights ~ N(0, std^2) with std " << config.bpInitStd
      << " for BP and " << config.pcInitStd << " for PC;\n"
      << settings.bpSeeds << " seeds for BP and " << settings.pcSeeds << " for PC.\n\n"
      << "Value (mean (sd)) of the chosen option at a punished trial and on the next trial,\n"
      << "split by whether the next choice stayed or switched; punished trials whose next trial\n"
      << "comes after trial " << from << ":\n"
      << alignedText(table);
    // Small numbers in scientific notation; "n/a" where a group had no punished trials.
    auto mean = [](const ex::RunningStats& v) { return v.stats().mean; };
    auto sci = [](double v) { return engine::report::signedScientificOrNa(v, 2); };
    s << "\nNext trial, switch minus stay: ";
    for (Rule rule : Rules)
        s << engine::ruleName(rule) << " "
          << sci(mean(summary.of(rule, true).nextTrial) - mean(summary.of(rule, false).nextTrial))
          << (rule == Rule::PC ? "\n" : ", ");
    if (!summary.change.empty())
        s << "A punishment changes the chosen option's value and the other option's by (mean):\n";
    for (Rule rule : Rules) {
        const auto it = summary.change.find(rule);
        if (it == summary.change.end())
            continue;
        s << "  " << engine::ruleName(rule) << " " << sci(mean(it->second.chosen)) << " and "
          << sci(mean(it->second.unchosen)) << "\n";
    }
    result.summary = s.str();
    return std::nullopt;
}

// ---- sensorimotor transfer ----------------------------------------------------------------------

/// The setting and session lines of the sensorimotor summary.
std::string sensorimotorSetup(const ex::SensorimotorSettings& settings) {
    const ex::SensorimotorConfig& config = settings.config;
    auto setting = [&](Rule rule) {
        const ex::SensorimotorRuleSetting& r = config.setting(rule);
        std::ostringstream s;
        s << "std " << r.initStd << ", " << r.lr << ", " << r.memoryLr;
        return s.str();
    };
    std::ostringstream s;
    s << "Human sensorimotor learning (COIN paradigm): linear 2-2-2 net, input = cue one-hot,\n"
      << "hidden unit i sees only cue i, output = force field (P+ (1, 0), P- (0, 1)).\n"
      << "Weights ~ N(0, std^2); learning rates cue -> hidden and hidden -> output:\n  "
      << (config.sharedSetting
              ? "both rules Prospect's earlier shared setting, " + setting(Rule::PC)
              : "BP " + setting(Rule::BP) + "; PC " + setting(Rule::PC) +
                    " (the authors' fits of each rule)")
      << ".\nPC T " << config.pc.iterations << ", discount " << config.pc.discount << ". "
      << config.trainingBlocks << " training blocks (cue 1 with P+, cue 2 with P-); "
      << (config.trainingTriplets ? "with their two\ntraining triplets (Prospect's protocol). "
                                  : "each training\ntriplet replaced by its washout block "
                                    "played again, as in the authors' code. ")
      << "Then " << config.testBlocks
      << " test\nblocks of triplets (channel cue 1, exposure, channel cue 1). Channel and washout "
         "trials are\nnull-field (target (0, 0)); "
      << settings.seeds << " seeds.\n";
    return s.str();
}

/// Each group's adaptation for both rules, raw or normalised.
std::string adaptationTable(const ex::SensorimotorSummary& summary, bool normalised) {
    std::vector<std::vector<std::string>> table{
        {"group", "exposure", "BP mean (sd)", "PC mean (sd)"}};
    auto cell = [&](Rule rule, const std::string& group) {
        return normalised ? meanCell(summary.normalised(rule, group), 3)
                          : meanCell(summary.values.at({rule, group}), 2, true);
    };
    for (const ex::ExposureGroup& g : ex::exposureGroups())
        table.push_back({g.name(),
                         "cue " + std::to_string(g.cue) + ", field " + (g.field > 0 ? "P+" : "P-") +
                             (g.cue == 1 ? " (same cue)" : " (other cue)"),
                         cell(Rule::BP, g.name()), cell(Rule::PC, g.name())});
    return alignedText(table);
}

Error runSensorimotor(const ex::SensorimotorSettings& settings, const RunContext& run,
                      ExperimentResult& result) {
    std::vector<ex::SensorimotorJob> jobs = ex::sensorimotorJobs(settings.seeds);
    const auto ran = runAndSummarise("sensorimotor-transfer", jobs, ex::runSensorimotorJob,
                                     settings.config, run, result, ex::summariseSensorimotor);
    if (!ran)
        return std::nullopt;
    const ex::SensorimotorSummary& summary = *ran;
    // No same-cue adaptation (or a diverged run) leaves a ratio undefined.
    auto ratio = [](double r) { return engine::report::fixedOrNa(r, 3); };
    auto sci = [](double v) { return scientific(v, 2); };
    std::ostringstream s;
    s << sensorimotorSetup(settings)
      << "\nSingle-trial adaptation on the cue-1 channel trials, toward the exposure field\n"
         "(mean over each seed's test triplets; mean (sd) over seeds). Raw:\n"
      << adaptationTable(summary, false)
      << "\nNormalised: divided by the rule's mean same-cue adaptation (BP "
      << sci(summary.sameCueMean(Rule::BP)) << ", PC " << sci(summary.sameCueMean(Rule::PC))
      << "),\nas the paper scales each rule by one fitted factor:\n"
      << adaptationTable(summary, true)
      << "\nTransfer (other-cue / same-cue adaptation, 2+/1+ and 2-/1-): BP "
      << ratio(summary.transfer(Rule::BP, '+')) << " and " << ratio(summary.transfer(Rule::BP, '-'))
      << ", PC " << ratio(summary.transfer(Rule::PC, '+')) << " and "
      << ratio(summary.transfer(Rule::PC, '-')) << "\n";
    result.summary = s.str();
    return std::nullopt;
}

// ---- less erratic learning ----------------------------------------------------------------------

Error runErratic(const ex::ErraticSettings& settings, const RunContext& run,
                 ExperimentResult& result) {
    const ex::ErraticConfig& config = settings.config;
    const int seeds = settings.seeds;
    const std::vector<double>&alphasPc = settings.alphasPc, &alphasBp = settings.alphasBp;
    std::vector<ex::ErraticJob> jobs = ex::erraticJobs(seeds, alphasBp, alphasPc);
    // PC jobs are the long ones: start them first so the threads finish together.
    const auto ran = runAndSummarise(
        "erratic", jobs, ex::runErraticJob, config, run, result,
        [&](const std::vector<ex::ErraticJob>& j) {
            return ex::summariseErratic(j, alphasBp, alphasPc);
        },
        true);
    if (!ran)
        return std::nullopt;
    const ex::ErraticSummary& summary = *ran;
    std::vector<std::vector<std::string>> table{
        {"rule", "alpha", "path length", "final distance", "path / final"}};
    for (Rule rule : Rules)
        for (double a : rule == Rule::BP ? alphasBp : alphasPc) {
            const ex::ErraticSummary::Cell& c = summary.of(rule, a);
            const double path = ex::seedStats(c.path).mean, final = ex::seedStats(c.final).mean;
            table.push_back({engine::ruleName(rule), formatNumber(a), fixed(path), fixed(final),
                             fixed(path / final, 3)});
        }
    std::vector<std::vector<std::string>> compare{
        {"PC alpha", "PC final", "PC path", "BP path at that final distance"}};
    for (const ex::ErraticSummary::Comparison& c : summary.comparisons)
        compare.push_back(
            {formatNumber(c.alpha), fixed(c.pcFinal), fixed(c.pcPath),
             c.bpPathAtFinal ? fixed(*c.bpPathAtFinal) + " (interpolated)" : "outside BP's range"});
    std::ostringstream s;
    s << "Less erratic learning: " << config.width << "-" << config.width << "-" << config.width
      << "-" << config.width
      << " sigmoid net, no bias, Xavier-normal; one fixed sample, input and target ~ N(0, "
      << config.sampleStd << "^2);\n"
      << config.trials << " trials; PC T " << config.pc.iterations << ", gamma0 "
      << config.pc.gamma0 << ", discount " << config.pc.discount << "; " << seeds
      << " seeds.\nPath length and final distance per weight matrix W: sum over trials of "
         "||W(k+1) - W(k)||_F\nand ||W(end) - W(0)||_F, averaged over the 3 weight matrices (as "
         "in the paper), then over seeds.\n\n"
      << alignedText(table) << "\nAt equal final distance (BP's path linearly interpolated):\n"
      << alignedText(compare);
    result.summary = s.str();
    return std::nullopt;
}

}  // namespace

std::vector<Experiment> learningExperiments() {
    return {
        tableExperiment("erratic", "less erratic learning",
                        "weight path length vs final distance in a 32-32-32-32 sigmoid net: PC's "
                        "path is shorter",
                        ex::erraticOptions(), true, runErratic),
        tableExperiment("fear-conditioning", "rat fear conditioning",
                        "extinguishing the light raises fear to the noise in PC (as in rats), not "
                        "in BP",
                        ex::fearOptions(), true, runFearConditioning),
        tableExperiment("reversal-learning", "human reversal learning",
                        "value after a punished choice: PC's is higher after a switch than after "
                        "a stay",
                        ex::reversalOptions(), true, runReversalLearning),
        tableExperiment("sensorimotor-transfer", "human sensorimotor learning",
                        "single-trial adaptation: PC transfers between cues (as humans do), BP not",
                        ex::sensorimotorOptions(), true, runSensorimotor),
    };
}

}  // namespace app
