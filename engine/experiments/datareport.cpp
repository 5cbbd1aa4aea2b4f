#include "engine/experiments/datareport.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <tuple>

#include "engine/report/format.h"
#include "engine/report/table.h"

namespace engine::experiments {

namespace {

constexpr Scalar NaN = std::numeric_limits<Scalar>::quiet_NaN();

using report::fixed;
using report::formatNumber;

Scalar meanOf(Scalar sum, int n) {
    return n > 0 ? sum / n : NaN;
}

/// "0.1234 (0.0056)", "0.1234" for one seed (no spread to speak of), "n/a" when there is no
/// finite value.
std::string meanSdText(const SeedStats& s) {
    if (s.n == 0)
        return "n/a";
    return s.n == 1 ? fixed(s.mean) : fixed(s.mean) + " (" + fixed(s.sd) + ")";
}

/// One table per rule: each setting's best rate and its score.
std::string bestRateTables(const DataPlan& plan, const DataSummary& summary) {
    std::ostringstream out;
    const std::string setting = plan.settingName();
    for (Rule rule : LearningRules) {
        std::vector<std::vector<std::string>> table;
        std::vector<std::string> head;
        if (!setting.empty())
            head.push_back(setting);
        for (const char* h : {"best alpha", "score, mean (sd)", "seeds", "rates diverged"})
            head.push_back(h);
        table.push_back(head);
        for (const DataSummary::Row& row : summary.rows) {
            if (row.rule != rule)
                continue;
            std::vector<std::string> line;
            if (!setting.empty())
                line.push_back(std::to_string(row.setting));
            const DataSummary::Rate* best = row.bestRate();
            int divergedRates = 0;
            for (const DataSummary::Rate& r : row.rates)
                divergedRates += r.diverged > 0 ? 1 : 0;
            line.push_back(best ? formatNumber(best->alpha) : "none");
            line.push_back(best ? meanSdText(best->stats) : "n/a (every rate diverged)");
            line.push_back(best ? std::to_string(best->stats.n) : "0");
            line.push_back(std::to_string(divergedRates) + " of " +
                           std::to_string(row.rates.size()));
            table.push_back(line);
        }
        out << "\n" << ruleName(rule) << ":\n" << report::alignedText(table);
    }
    return out.str();
}

/// Continual and drift: every rate of both rules with the protocol's own measures.
std::string perRateTable(const DataPlan& plan, const DataSummary& summary,
                         const std::vector<DataCellResult>& results) {
    const bool continual = plan.protocol == DataProtocol::Continual;
    const int window = driftWindow(plan.driftPeriod);
    std::vector<std::vector<std::string>> table;
    if (continual)
        table.push_back({"rule", "alpha", "score, mean (sd)", "untrained task's rise per phase",
                         "trained task's error at phase end"});
    else
        table.push_back({"rule", "alpha", "score, mean (sd)",
                         "error, first " + std::to_string(window) + " epochs after a change",
                         "last " + std::to_string(window) + " epochs of a period"});
    for (const DataSummary::Row& row : summary.rows)
        for (const DataSummary::Rate& rate : row.rates) {
            // Each measure's mean over the finished seeds of this rule and rate.
            Scalar a = 0.0, b = 0.0;
            int n = 0;
            for (size_t k = 0; k < plan.cells.size(); ++k) {
                const DataCell& c = plan.cells[k];
                if (c.rule != row.rule || c.setting != row.setting || c.alpha != rate.alpha ||
                    results[k].cancelled)
                    continue;
                Scalar first = NaN, second = NaN;
                if (continual) {
                    const ContinualPhaseStats s = continualPhaseStats(results[k], plan.phaseEpochs);
                    first = s.untrainedRise;
                    second = s.trainedEnd;
                } else {
                    const DriftRecoveryStats s =
                        driftRecoveryStats(results[k], plan.driftPeriod, window);
                    first = s.afterChange;
                    second = s.beforeChange;
                }
                if (std::isfinite(first) && std::isfinite(second)) {
                    a += first;
                    b += second;
                    ++n;
                }
            }
            const auto cell = [](Scalar v, bool sign) {
                if (!std::isfinite(v))
                    return std::string("n/a");
                return (sign && v >= 0 ? "+" : "") + fixed(v);
            };
            table.push_back({ruleName(row.rule), formatNumber(rate.alpha), meanSdText(rate.stats),
                             cell(meanOf(a, n), continual), cell(meanOf(b, n), false)});
        }
    std::ostringstream out;
    out << "\nEvery rate (means over the seeds that did not diverge):\n"
        << report::alignedText(table);
    return out.str();
}

/// "mean (se)" of paired differences with a sign, the mean alone for one pair.
std::string differenceText(const std::vector<Scalar>& d) {
    const SeedStats s = seedStats(d);
    const std::string mean = (s.mean >= 0 ? "+" : "") + fixed(s.mean);
    if (s.n < 2)
        return mean;
    return mean + " (" + fixed(s.sd / std::sqrt(static_cast<Scalar>(s.n))) + ")";
}

/// Continual and drift: PC against BP seed by seed at every rate (a seed gives both rules the same
/// initial weights, data and order), over the seeds where neither diverged: the mean difference
/// of the score and of the protocol's own measure, their standard errors, and in how many seeds
/// PC's is lower.
std::string pairedTable(const DataPlan& plan, const DataSummary& summary,
                        const std::vector<DataCellResult>& results) {
    const bool continual = plan.protocol == DataProtocol::Continual;
    const int window = driftWindow(plan.driftPeriod);
    // (setting, alpha, seed) -> {score, measure} per rule.
    using Key = std::tuple<int, Scalar, int>;
    std::map<Key, std::pair<Scalar, Scalar>> byRule[2];
    for (size_t k = 0; k < plan.cells.size(); ++k) {
        const DataCell& c = plan.cells[k];
        const DataCellResult& r = results[k];
        if (r.cancelled || r.diverged)
            continue;
        const Scalar measure = continual
                                   ? continualPhaseStats(r, plan.phaseEpochs).untrainedRise
                                   : driftRecoveryStats(r, plan.driftPeriod, window).afterChange;
        byRule[c.rule == Rule::PC ? 1 : 0][{c.setting, c.alpha, c.seed}] = {plan.metric.of(r),
                                                                            measure};
    }
    std::vector<std::vector<std::string>> table;
    table.push_back({"alpha", "seeds", "score PC - BP, mean (se)", "PC lower",
                     continual ? "untrained rise PC - BP, mean (se)"
                               : "error after a change PC - BP, mean (se)",
                     continual ? "PC's smaller" : "PC lower"});
    for (const DataSummary::Row& row : summary.rows) {
        if (row.rule != Rule::BP)
            continue;
        for (const DataSummary::Rate& rate : row.rates) {
            std::vector<Scalar> score, measure;
            int scoreLower = 0, measureLower = 0;
            for (const auto& [key, bp] : byRule[0]) {
                if (std::get<0>(key) != row.setting || std::get<1>(key) != rate.alpha)
                    continue;
                const auto pc = byRule[1].find(key);
                if (pc == byRule[1].end() || !std::isfinite(bp.first) ||
                    !std::isfinite(bp.second) || !std::isfinite(pc->second.first) ||
                    !std::isfinite(pc->second.second))
                    continue;
                score.push_back(pc->second.first - bp.first);
                measure.push_back(pc->second.second - bp.second);
                scoreLower += score.back() < 0 ? 1 : 0;
                measureLower += measure.back() < 0 ? 1 : 0;
            }
            if (score.empty())
                continue;
            const std::string of = " of " + std::to_string(score.size());
            table.push_back({formatNumber(rate.alpha), std::to_string(score.size()),
                             differenceText(score), std::to_string(scoreLower) + of,
                             differenceText(measure), std::to_string(measureLower) + of});
        }
    }
    if (table.size() == 1)
        return {};
    std::ostringstream out;
    out << "\nPC against BP, seed by seed (the same initial weights and data; diverged seeds left "
           "out):\n"
        << report::alignedText(table);
    return out.str();
}

}  // namespace

ContinualPhaseStats continualPhaseStats(const DataCellResult& result, int phaseEpochs) {
    ContinualPhaseStats s{NaN, NaN};
    if (result.diverged || result.errors.size() != 2 || phaseEpochs < 1)
        return s;
    const int phases = result.epochs() / phaseEpochs;
    const auto at = [&](int task, int epoch) {
        return result.errors[static_cast<size_t>(task)][static_cast<size_t>(epoch)];
    };
    Scalar rise = 0.0, trained = 0.0;
    for (int p = 0; p < phases; ++p) {
        const int task = p % 2, last = (p + 1) * phaseEpochs - 1;
        trained += at(task, last);
        // The other task's error from the end of the previous phase to the end of this one.
        if (p > 0)
            rise += at(1 - task, last) - at(1 - task, p * phaseEpochs - 1);
    }
    s.trainedEnd = meanOf(trained, phases);
    s.untrainedRise = meanOf(rise, phases - 1);
    return s;
}

DriftRecoveryStats driftRecoveryStats(const DataCellResult& result, int period, int window) {
    DriftRecoveryStats s{NaN, NaN};
    if (result.diverged || result.errors.empty() || period < 1 || window < 1 || window > period)
        return s;
    const std::vector<Scalar>& e = result.errors.front();
    const int periods = result.epochs() / period;
    Scalar after = 0.0, before = 0.0;
    for (int k = 0; k < periods; ++k)
        for (int i = 0; i < window; ++i) {
            after += e[static_cast<size_t>(k * period + i)];
            before += e[static_cast<size_t>((k + 1) * period - window + i)];
        }
    s.afterChange = meanOf(after, periods * window);
    s.beforeChange = meanOf(before, periods * window);
    return s;
}

int driftWindow(int period) {
    return std::max(1, period / 16);
}

std::string dataSummaryText(const DataPlan& plan, const std::vector<DataCellResult>& results) {
    const DataSummary summary = summariseData(plan.metric, plan.cells, results);
    std::ostringstream out;
    out << plan.description << "Score: " << plan.metric.describe(plan.epochWord())
        << (plan.tasks > 1 ? " (each epoch's error averaged over both tasks)" : "")
        << ".\nA rule's best rate has the lowest mean score over the seeds among the rates where "
           "no seed diverged.\n"
        << bestRateTables(plan, summary);
    if (plan.protocol == DataProtocol::Continual || plan.protocol == DataProtocol::Drift)
        out << perRateTable(plan, summary, results) << pairedTable(plan, summary, results);
    size_t finished = 0;
    for (const DataCellResult& r : results)
        finished += r.cancelled ? 0 : 1;
    if (!summary.problems.empty())
        out << "\n"
            << summary.problems.size() << " of " << finished
            << " runs diverged (their CSV rows end with nan).\n";
    return out.str();
}

}  // namespace engine::experiments
