#include "engine/experiments/learningsummaries.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/report/format.h"

namespace engine::experiments {

using report::formatNumber;

namespace {

constexpr Scalar NaN = std::numeric_limits<Scalar>::quiet_NaN();

const std::vector<Scalar>& valuesOr(
    const std::map<std::pair<Rule, FearGroup>, std::vector<Scalar>>& values, Rule rule,
    FearGroup group) {
    static const std::vector<Scalar> none;
    auto it = values.find({rule, group});
    return it == values.end() ? none : it->second;
}

}  // namespace

void RunningStats::add(Scalar v) {
    if (!std::isfinite(v)) {
        ++m_nonFinite;
        return;
    }
    ++m_n;
    const Scalar delta = v - m_mean;
    m_mean += delta / static_cast<Scalar>(m_n);
    m_m2 += delta * (v - m_mean);
}

void RunningStats::merge(const RunningStats& other) {
    m_nonFinite += other.m_nonFinite;
    if (other.m_n == 0)
        return;
    if (m_n == 0) {
        m_n = other.m_n;
        m_mean = other.m_mean;
        m_m2 = other.m_m2;
        return;
    }
    const Scalar n = static_cast<Scalar>(m_n + other.m_n);
    const Scalar delta = other.m_mean - m_mean;
    m_mean += delta * static_cast<Scalar>(other.m_n) / n;
    m_m2 +=
        other.m_m2 + delta * delta * static_cast<Scalar>(m_n) * static_cast<Scalar>(other.m_n) / n;
    m_n += other.m_n;
}

SeedStats RunningStats::stats() const {
    SeedStats s;
    s.n = m_n;
    s.nonFinite = m_nonFinite;
    if (m_n == 0) {
        s.mean = s.sd = NaN;
        return s;
    }
    s.mean = m_mean;
    if (m_n > 1)
        s.sd = std::sqrt(m_m2 / static_cast<Scalar>(m_n - 1));
    return s;
}

SeedStats seedStats(const std::vector<Scalar>& values) {
    SeedStats s;
    Scalar sum = 0.0;
    for (Scalar v : values) {
        if (std::isfinite(v)) {
            sum += v;
            ++s.n;
        } else {
            ++s.nonFinite;
        }
    }
    if (s.n == 0) {
        s.mean = s.sd = NaN;
        return s;
    }
    s.mean = sum / static_cast<Scalar>(s.n);
    if (s.n > 1) {
        // sd = sqrt(sum (v - mean)^2 / (n - 1))
        Scalar ss = 0.0;
        for (Scalar v : values)
            if (std::isfinite(v))
                ss += (v - s.mean) * (v - s.mean);
        s.sd = std::sqrt(ss / static_cast<Scalar>(s.n - 1));
    }
    return s;
}

// ---- fear conditioning --------------------------------------------------------------------------

std::vector<FearGroup> fearGroups() {
    return {FearGroup::Noise, FearGroup::LightNoise, FearGroup::LightNoiseExtinction};
}

std::vector<FearJob> fearJobs(int seeds) {
    std::vector<FearJob> jobs;
    for (Rule rule : LearningRules)
        for (FearGroup g : fearGroups())
            for (int s = 0; s < seeds; ++s)
                jobs.push_back({rule, g, static_cast<std::uint64_t>(s), {}});
    return jobs;
}

void runFearJob(FearJob& job, const FearConfig& config) {
    job.result = fearConditioningRun(job.rule, job.group, job.seed, config);
}

SeedStats FearSummary::stats(Rule rule, FearGroup group) const {
    return seedStats(valuesOr(values, rule, group));
}

Scalar FearSummary::extinctionEffect(Rule rule) const {
    return stats(rule, FearGroup::LightNoiseExtinction).mean -
           stats(rule, FearGroup::LightNoise).mean;
}

FearSummary summariseFear(const std::vector<FearJob>& jobs) {
    FearSummary s;
    s.csv.header = {"rule", "group", "seed", "fear_to_noise"};
    for (const FearJob& j : jobs) {
        if (!j.result.problem.empty())
            s.problems.push_back(std::string(fearGroupName(j.group)) + ", seed " +
                                 std::to_string(j.seed) + ": " + j.result.problem);
        s.csv.rows.push_back({ruleName(j.rule), fearGroupName(j.group), std::to_string(j.seed),
                              formatNumber(j.result.fearToNoise)});
        s.values[{j.rule, j.group}].push_back(j.result.fearToNoise);
    }
    return s;
}

// ---- reversal learning --------------------------------------------------------------------------

std::vector<std::string> reversalCsvHeader() {
    return {"rule",    "seed",     "trial",         "choice",          "reward",          "value_0",
            "value_1", "punished", "switched_next", "value_at_punish", "value_next_trial"};
}

namespace {

/// A trial's CSV row; `outcome` when it was punished and has a next trial.
std::vector<std::string> reversalRow(Rule rule, std::uint64_t seed, const ChoiceRecord& r,
                                     const PunishOutcome* outcome) {
    std::vector<std::string> row{ruleName(rule),
                                 std::to_string(seed),
                                 std::to_string(r.trial + 1),
                                 std::to_string(r.choice),
                                 formatNumber(r.reward),
                                 formatNumber(r.values(0)),
                                 formatNumber(r.values(1)),
                                 r.punished ? "1" : "0"};
    if (outcome) {
        row.push_back(outcome->switched ? "1" : "0");
        row.push_back(formatNumber(outcome->valueAtPunish));
        row.push_back(formatNumber(outcome->valueNextTrial));
    } else {
        row.insert(row.end(), {"", "", ""});
    }
    return row;
}

}  // namespace

std::vector<ReversalJob> reversalJobs(int bpSeeds, int pcSeeds) {
    std::vector<ReversalJob> jobs;
    for (Rule rule : LearningRules)
        for (int s = 0; s < (rule == Rule::BP ? bpSeeds : pcSeeds); ++s)
            jobs.push_back({rule, static_cast<std::uint64_t>(s), {}});
    return jobs;
}

void runReversalJob(ReversalJob& job, const ReversalConfig& config) {
    job.run = reversalRun(job.rule, job.seed, config);
}

const ReversalSummary::Split& ReversalSummary::of(Rule rule, bool switched) const {
    static const Split none;
    auto it = split.find({rule, switched});
    return it == split.end() ? none : it->second;
}

ReversalSummary summariseReversal(const std::vector<ReversalJob>& jobs, int summaryAfter) {
    ReversalSummary s;
    s.csv.header = reversalCsvHeader();
    for (const ReversalJob& j : jobs) {
        if (!j.run.problem.empty())
            s.problems.push_back("seed " + std::to_string(j.seed) + ": " + j.run.problem);
        const auto& history = j.run.rows;
        std::map<std::int64_t, PunishOutcome> outcomes;
        for (const PunishOutcome& p : punishOutcomes(history)) {
            outcomes[p.trial] = p;
            // p.trial is 0-based, so its next trial is number p.trial + 2.
            if (p.trial + 2 > summaryAfter) {
                ReversalSummary::Split& cell = s.split[{j.rule, p.switched}];
                cell.atPunish.push_back(p.valueAtPunish);
                cell.nextTrial.push_back(p.valueNextTrial);
                s.change[j.rule].chosen.push_back(p.chosenChange);
                s.change[j.rule].unchosen.push_back(p.otherChange);
            }
        }
        for (const ChoiceRecord& r : history) {
            auto it = outcomes.find(r.trial);
            s.csv.rows.push_back(
                reversalRow(j.rule, j.seed, r, it == outcomes.end() ? nullptr : &it->second));
        }
    }
    return s;
}

void ReversalTotals::merge(const ReversalTotals& other) {
    for (const auto& [key, cell] : other.split) {
        split[key].atPunish.merge(cell.atPunish);
        split[key].nextTrial.merge(cell.nextTrial);
    }
    for (const auto& [rule, cell] : other.change) {
        change[rule].chosen.merge(cell.chosen);
        change[rule].unchosen.merge(cell.unchosen);
    }
    problems.insert(problems.end(), other.problems.begin(), other.problems.end());
}

const ReversalTotals::Split& ReversalTotals::of(Rule rule, bool switched) const {
    static const Split none;
    auto it = split.find({rule, switched});
    return it == split.end() ? none : it->second;
}

ReversalStream::ReversalStream(Rule rule, std::uint64_t seed, int summaryAfter, RowSink row)
    : m_rule(rule), m_seed(seed), m_summaryAfter(summaryAfter), m_row(std::move(row)) {}

void ReversalStream::add(const ChoiceRecord& record) {
    if (m_previous) {
        const std::vector<PunishOutcome> pair = punishOutcomes({*m_previous, record});
        const PunishOutcome* outcome = pair.empty() ? nullptr : &pair.front();
        if (outcome && outcome->trial + 2 > m_summaryAfter) {
            ReversalTotals::Split& cell = m_totals.split[{m_rule, outcome->switched}];
            cell.atPunish.add(outcome->valueAtPunish);
            cell.nextTrial.add(outcome->valueNextTrial);
            m_totals.change[m_rule].chosen.add(outcome->chosenChange);
            m_totals.change[m_rule].unchosen.add(outcome->otherChange);
        }
        write(*m_previous, outcome);
    }
    m_previous = record;
}

void ReversalStream::finish(const std::string& problem) {
    if (m_previous)
        write(*m_previous, nullptr);
    m_previous.reset();
    if (!problem.empty())
        m_totals.problems.push_back("seed " + std::to_string(m_seed) + ": " + problem);
}

void ReversalStream::write(const ChoiceRecord& record, const PunishOutcome* outcome) {
    if (m_row)
        m_row(reversalRow(m_rule, m_seed, record, outcome));
}

// ---- sensorimotor transfer ----------------------------------------------------------------------

std::vector<SensorimotorJob> sensorimotorJobs(int seeds) {
    std::vector<SensorimotorJob> jobs;
    for (Rule rule : LearningRules)
        for (int s = 0; s < seeds; ++s)
            jobs.push_back({rule, static_cast<std::uint64_t>(s), {}});
    return jobs;
}

void runSensorimotorJob(SensorimotorJob& job, const SensorimotorConfig& config) {
    job.run = sensorimotorRun(job.rule, job.seed, config);
}

SeedStats SensorimotorSummary::stats(Rule rule, const std::string& group) const {
    auto it = values.find({rule, group});
    return seedStats(it == values.end() ? std::vector<Scalar>{} : it->second);
}

Scalar SensorimotorSummary::sameCueMean(Rule rule) const {
    return (stats(rule, "1+").mean + stats(rule, "1-").mean) / 2.0;
}

std::vector<Scalar> SensorimotorSummary::normalised(Rule rule, const std::string& group) const {
    const Scalar scale = sameCueMean(rule);
    auto it = values.find({rule, group});
    std::vector<Scalar> out;
    if (it == values.end())
        return out;
    for (Scalar v : it->second)
        out.push_back(scale != 0.0 && std::isfinite(scale) ? v / scale : NaN);
    return out;
}

SeedStats SensorimotorSummary::normalisedStats(Rule rule, const std::string& group) const {
    return seedStats(normalised(rule, group));
}

Scalar SensorimotorSummary::transfer(Rule rule, char field) const {
    const SeedStats same = stats(rule, std::string("1") + field),
                    other = stats(rule, std::string("2") + field);
    if (same.n == 0 || other.n == 0 || same.mean == 0.0)
        return NaN;
    return other.mean / same.mean;
}

SensorimotorSummary summariseSensorimotor(const std::vector<SensorimotorJob>& jobs) {
    SensorimotorSummary s;
    s.csv.header = {"rule", "seed", "group", "adaptation", "adaptation_normalised"};
    for (const SensorimotorJob& j : jobs) {
        if (!j.run.problem.empty())
            s.problems.push_back("seed " + std::to_string(j.seed) + ": " + j.run.problem);
        for (const ExposureGroup& g : exposureGroups()) {
            // The seed's value: mean adaptation over its test triplets of this group.
            Scalar sum = 0.0;
            int count = 0;
            for (const AdaptationRow& r : j.run.rows)
                if (r.group == g.name()) {
                    sum += r.adaptation;
                    ++count;
                }
            s.values[{j.rule, g.name()}].push_back(count == 0 ? NaN : sum / count);
        }
    }
    // The normalised column needs every seed's value first (the rule's same-cue mean).
    std::map<std::pair<Rule, std::string>, std::vector<Scalar>> normalised;
    for (const auto& [key, values] : s.values)
        normalised[key] = s.normalised(key.first, key.second);
    std::map<std::pair<Rule, std::string>, size_t> next;
    for (const SensorimotorJob& j : jobs)
        for (const ExposureGroup& g : exposureGroups()) {
            const std::pair<Rule, std::string> key{j.rule, g.name()};
            const size_t i = next[key]++;
            s.csv.rows.push_back({ruleName(j.rule), std::to_string(j.seed), g.name(),
                                  formatNumber(s.values.at(key)[i]),
                                  formatNumber(normalised.at(key)[i])});
        }
    return s;
}

// ---- less erratic learning ----------------------------------------------------------------------

std::vector<ErraticJob> erraticJobs(int seeds, const std::vector<Scalar>& alphasBp,
                                    const std::vector<Scalar>& alphasPc) {
    std::vector<ErraticJob> jobs;
    for (Rule rule : LearningRules)
        for (Scalar a : rule == Rule::BP ? alphasBp : alphasPc)
            for (int s = 0; s < seeds; ++s)
                jobs.push_back({rule, a, static_cast<std::uint64_t>(s), {}});
    return jobs;
}

void runErraticJob(ErraticJob& job, const ErraticConfig& config) {
    job.result = erraticRun(job.rule, job.alpha, job.seed, config);
}

const ErraticSummary::Cell& ErraticSummary::of(Rule rule, Scalar alpha) const {
    static const Cell none;
    auto it = cells.find({rule, alpha});
    return it == cells.end() ? none : it->second;
}

ErraticSummary summariseErratic(const std::vector<ErraticJob>& jobs,
                                const std::vector<Scalar>& alphasBp,
                                const std::vector<Scalar>& alphasPc) {
    ErraticSummary s;
    s.csv.header = {"rule", "alpha", "seed", "path_length", "final_distance"};
    for (const ErraticJob& j : jobs) {
        if (!j.result.problem.empty())
            s.problems.push_back("alpha " + formatNumber(j.alpha) + ", seed " +
                                 std::to_string(j.seed) + ": " + j.result.problem);
        s.csv.rows.push_back({ruleName(j.rule), formatNumber(j.alpha), std::to_string(j.seed),
                              formatNumber(j.result.length.path),
                              formatNumber(j.result.length.finalDistance)});
        ErraticSummary::Cell& cell = s.cells[{j.rule, j.alpha}];
        cell.path.push_back(j.result.length.path);
        cell.final.push_back(j.result.length.finalDistance);
    }
    // BP's mean (final distance, path length) per rate, sorted by final distance.
    std::vector<std::pair<Scalar, Scalar>> bpCurve;
    for (Scalar a : alphasBp) {
        const ErraticSummary::Cell& c = s.of(Rule::BP, a);
        bpCurve.push_back({seedStats(c.final).mean, seedStats(c.path).mean});
    }
    std::sort(bpCurve.begin(), bpCurve.end());
    for (Scalar a : alphasPc) {
        const ErraticSummary::Cell& c = s.of(Rule::PC, a);
        ErraticSummary::Comparison cmp{a, seedStats(c.final).mean, seedStats(c.path).mean, {}};
        for (size_t k = 1; k < bpCurve.size(); ++k) {
            const auto [f0, p0] = bpCurve[k - 1];
            const auto [f1, p1] = bpCurve[k];
            if (cmp.pcFinal >= f0 && cmp.pcFinal <= f1 && f1 > f0) {
                // Linear interpolation of BP's path at PC's final distance.
                cmp.bpPathAtFinal = p0 + (p1 - p0) * (cmp.pcFinal - f0) / (f1 - f0);
                break;
            }
        }
        s.comparisons.push_back(cmp);
    }
    return s;
}

}  // namespace engine::experiments
