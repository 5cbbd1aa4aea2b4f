#pragma once

// Aggregation of the learning experiments (learningexperiments.h) over seeds, shared by the
// command line and the GUI: the list of runs, the observations as a CSV table and the per-group
// values the summaries show. No printing and no threads: callers run the jobs (in any order, on
// any threads, each job touching only its own entry) and then summarise.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/experiments/learningexperiments.h"
#include "engine/report/table.h"

namespace engine::experiments {

/// Mean and sample standard deviation over the finite values of a set of seeds.
struct SeedStats {
    Scalar mean = 0.0;          ///< NaN when no value is finite.
    Scalar sd = 0.0;            ///< Sample sd (n - 1); 0 for one value, NaN for none.
    std::size_t n = 0;          ///< Finite values used.
    std::size_t nonFinite = 0;  ///< Values left out (diverged runs).
};
/// Statistics of the finite entries of `values`.
SeedStats seedStats(const std::vector<Scalar>& values);

/// seedStats() of values given one at a time, without keeping them (Welford's running mean and
/// sum of squares; parts merged with Chan et al.'s formula). Equal to seedStats() of the same
/// values up to rounding.
class RunningStats {
public:
    /// One more value (a non-finite one is only counted).
    void add(Scalar v);
    /// Adds the values `other` has seen.
    void merge(const RunningStats& other);
    SeedStats stats() const;
    /// Every value given, finite or not.
    std::size_t count() const { return m_n + m_nonFinite; }

private:
    std::size_t m_n = 0, m_nonFinite = 0;
    Scalar m_mean = 0.0, m_m2 = 0.0;
};

/// The rules in the order every experiment runs and reports them.
inline constexpr Rule LearningRules[] = {Rule::BP, Rule::PC};

// ---- fear conditioning --------------------------------------------------------------------------

/// The three groups in report order: N+, LN+, LN+L-.
std::vector<FearGroup> fearGroups();

/// One run: a rule, a group and a seed, and its result once run.
struct FearJob {
    Rule rule = Rule::BP;
    FearGroup group = FearGroup::Noise;
    std::uint64_t seed = 0;
    FearResult result;
};
/// Every (rule, group, seed) for seeds 0..seeds-1, rules then groups then seeds.
std::vector<FearJob> fearJobs(int seeds);
/// Runs one job in place.
void runFearJob(FearJob& job, const FearConfig& config);

/// Fear to the noise per rule and group, one value per seed in seed order.
struct FearSummary {
    std::map<std::pair<Rule, FearGroup>, std::vector<Scalar>> values;
    std::vector<std::string> problems;  ///< One line per diverged run.
    report::TextTable csv;              ///< rule, group, seed, fear_to_noise.
    /// Seed statistics of one rule and group.
    SeedStats stats(Rule rule, FearGroup group) const;
    /// Mean of LN+L- minus mean of LN+: the effect of extinguishing the light.
    Scalar extinctionEffect(Rule rule) const;
};
/// Aggregates finished jobs.
FearSummary summariseFear(const std::vector<FearJob>& jobs);

// ---- reversal learning --------------------------------------------------------------------------

/// One run: a rule and a seed, and every trial once run.
struct ReversalJob {
    Rule rule = Rule::BP;
    std::uint64_t seed = 0;
    Observations<ChoiceRecord> run;
};
/// BP's seeds 0..bpSeeds-1, then PC's 0..pcSeeds-1 (the authors ran 40 and 22).
std::vector<ReversalJob> reversalJobs(int bpSeeds, int pcSeeds);
/// Runs one job in place.
void runReversalJob(ReversalJob& job, const ReversalConfig& config);

/// Values around punished trials, split by rule and by whether the next choice switched.
struct ReversalSummary {
    /// The chosen option's value at the punished trial and on the next trial, one entry per
    /// punished trial (of every seed) whose next trial comes after `summaryAfter`.
    struct Split {
        std::vector<Scalar> atPunish;
        std::vector<Scalar> nextTrial;
    };
    std::map<std::pair<Rule, bool>, Split> split;  ///< Key: rule, switched.
    /// How one punished trial (the same ones) changed the values, from its prediction to the
    /// next trial's: the chosen option's and the other option's.
    struct Change {
        std::vector<Scalar> chosen;
        std::vector<Scalar> unchosen;
    };
    std::map<Rule, Change> change;
    std::vector<std::string> problems;
    /// rule, seed, trial, choice, reward, value_0, value_1, punished, switched_next,
    /// value_at_punish, value_next_trial.
    report::TextTable csv;
    /// The split of one rule, stay (false) or switch (true); empty when there was none.
    const Split& of(Rule rule, bool switched) const;
};
/// Aggregates finished jobs, counting the punished trials whose next trial is numbered (1-based)
/// above `summaryAfter`: with 64, the punished trials 64..127 of 128, as the authors (they keep
/// what is logged on iterations > 64, and a punished trial is logged on the trial after it).
ReversalSummary summariseReversal(const std::vector<ReversalJob>& jobs, int summaryAfter);

/// The columns of summariseReversal()'s CSV.
std::vector<std::string> reversalCsvHeader();

/// summariseReversal()'s figures without its lists of values: what the command line prints.
struct ReversalTotals {
    struct Split {
        RunningStats atPunish, nextTrial;
    };
    std::map<std::pair<Rule, bool>, Split> split;  ///< Key: rule, switched.
    struct Change {
        RunningStats chosen, unchosen;
    };
    std::map<Rule, Change> change;
    std::vector<std::string> problems;
    /// Adds another run's (call in job order, as summariseReversal() lists them).
    void merge(const ReversalTotals& other);
    /// The split of one rule, stay (false) or switch (true); empty when there was none.
    const Split& of(Rule rule, bool switched) const;
};

/// One reversal run summarised as its trials come (reversalRunStreaming()): it keeps only the
/// previous trial, hands each trial's CSV row (summariseReversal()'s) to `row` as soon as the
/// next trial is known, and adds the punished trials to its totals.
class ReversalStream {
public:
    using RowSink = std::function<void(const std::vector<std::string>&)>;
    ReversalStream(Rule rule, std::uint64_t seed, int summaryAfter, RowSink row);
    /// The next trial's record.
    void add(const ChoiceRecord& record);
    /// The run is over (`problem`: why it stopped early, or ""): writes the last row.
    void finish(const std::string& problem);
    const ReversalTotals& totals() const { return m_totals; }

private:
    void write(const ChoiceRecord& record, const PunishOutcome* outcome);
    Rule m_rule;
    std::uint64_t m_seed;
    int m_summaryAfter;
    RowSink m_row;
    std::optional<ChoiceRecord> m_previous;
    ReversalTotals m_totals;
};

// ---- sensorimotor transfer ----------------------------------------------------------------------

/// One run: a rule and a seed, and its test triplets once run.
struct SensorimotorJob {
    Rule rule = Rule::BP;
    std::uint64_t seed = 0;
    Observations<AdaptationRow> run;
};
/// Every (rule, seed), rules then seeds.
std::vector<SensorimotorJob> sensorimotorJobs(int seeds);
/// Runs one job in place.
void runSensorimotorJob(SensorimotorJob& job, const SensorimotorConfig& config);

/// Mean single-trial adaptation of each seed per rule and group ("1+", "2+", "1-", "2-"), raw
/// and normalised: divided by the rule's mean same-cue adaptation (the mean of its 1+ and 1-
/// means), which takes out each rule's own scale as the paper's one fitted factor per rule does.
struct SensorimotorSummary {
    std::map<std::pair<Rule, std::string>, std::vector<Scalar>> values;
    std::vector<std::string> problems;
    /// rule, seed, group, adaptation (the seed's mean over its triplets), adaptation_normalised.
    report::TextTable csv;
    /// Seed statistics of one rule and group.
    SeedStats stats(Rule rule, const std::string& group) const;
    /// The mean of the rule's 1+ and 1- means; NaN when either is missing.
    Scalar sameCueMean(Rule rule) const;
    /// One rule and group's values divided by sameCueMean(rule) (NaN when it is 0 or NaN).
    std::vector<Scalar> normalised(Rule rule, const std::string& group) const;
    /// Seed statistics of normalised().
    SeedStats normalisedStats(Rule rule, const std::string& group) const;
    /// Transfer for one field ('+' or '-'): mean other-cue adaptation over mean same-cue
    /// adaptation (2+ / 1+ or 2- / 1-). NaN when the same-cue mean is 0 or missing.
    Scalar transfer(Rule rule, char field) const;
};
/// Aggregates finished jobs.
SensorimotorSummary summariseSensorimotor(const std::vector<SensorimotorJob>& jobs);

// ---- less erratic learning ----------------------------------------------------------------------

/// One run: a rule, a learning rate and a seed, and its path once run.
struct ErraticJob {
    Rule rule = Rule::BP;
    Scalar alpha = 0.0;
    std::uint64_t seed = 0;
    PathResult result;
};
/// Every (rule, alpha, seed): BP's rates, then PC's, then seeds. PC's runs are the long ones;
/// start from the end so threads finish together.
std::vector<ErraticJob> erraticJobs(int seeds, const std::vector<Scalar>& alphasBp,
                                    const std::vector<Scalar>& alphasPc);
/// Runs one job in place.
void runErraticJob(ErraticJob& job, const ErraticConfig& config);

/// Path lengths and final distances per rule and learning rate.
struct ErraticSummary {
    struct Cell {
        std::vector<Scalar> path;   ///< One per seed.
        std::vector<Scalar> final;  ///< One per seed.
    };
    /// Key: rule, alpha; in job order within a cell.
    std::map<std::pair<Rule, Scalar>, Cell> cells;
    /// PC at each of its rates against BP at the same final distance.
    struct Comparison {
        Scalar alpha = 0.0;
        Scalar pcFinal = 0.0;                 ///< Mean final distance.
        Scalar pcPath = 0.0;                  ///< Mean path length.
        std::optional<Scalar> bpPathAtFinal;  ///< BP's mean path linearly interpolated
                                              ///< between its rates; none outside BP's range.
    };
    std::vector<Comparison> comparisons;
    std::vector<std::string> problems;
    report::TextTable csv;  ///< rule, alpha, seed, path_length, final_distance.
    /// The cell of one rule and rate (empty when absent).
    const Cell& of(Rule rule, Scalar alpha) const;
};
/// Aggregates finished jobs; the rates give the order of the comparisons.
ErraticSummary summariseErratic(const std::vector<ErraticJob>& jobs,
                                const std::vector<Scalar>& alphasBp,
                                const std::vector<Scalar>& alphasPc);

}  // namespace engine::experiments
