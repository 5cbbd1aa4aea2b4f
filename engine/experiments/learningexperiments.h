#pragma once

// The paper's learning-in-animals-and-humans experiments and the less-erratic-learning test
// (science file, section 4, items 7-10) as plain functions, one rule and one seed per call.
// Printing, CSV and spreading seeds over threads belong to the caller.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/core/choicetask.h"
#include "engine/core/metrics.h"
#include "engine/core/network.h"
#include "engine/core/protocol.h"
#include "engine/core/simulation.h"
#include "engine/experiments/experiments.h"

namespace engine::experiments {

/// A simulation of `rule` on `net`: PC with `pc`, BP with learning rate pc.alpha.
Simulation makeSimulation(Rule rule, const Network& net, const PcConfig& pc);

// ---- Rat fear conditioning (item 8) -------------------------------------------------------------

/// Settings of the fear-conditioning experiment. Every weight has its own learning rate, so the
/// rules' alpha is not used.
struct FearConfig {
    Scalar lrPerception = 0.01;  ///< p_L and p_N (light -> hidden_L, noise -> hidden_N).
    Scalar lrLight = 0.1;        ///< m_L (hidden_L -> fear).
    Scalar lrNoise = 0.1;        ///< m_N (hidden_N -> fear).
    Scalar initMean = 0.1;       ///< m ~ |N(initMean, initStd^2)| per seed.
    Scalar initStd = 0.01;
    int trialsPerPhase = 32;
    PcConfig pc{0.0, 200, 0.5, 0.5};
};

/// The three groups: N+ (noise -> shock), LN+ (light and noise -> shock), LN+L- (then the light
/// alone without shock: extinction).
enum class FearGroup { Noise, LightNoise, LightNoiseExtinction };
/// "N+", "LN+" or "LN+L-".
const char* fearGroupName(FearGroup group);

/// Inputs (light, noise) -> (hidden_L, hidden_N) through a fixed diagonal mask (p_L, p_N, init
/// 1) -> fear = m_L hidden_L + m_N hidden_N; linear, no bias, per-synapse learning rates.
NetworkSpec fearSpec(const FearConfig& config);
/// Phase 1 (conditioning): N+ input (0, 1), the others (1, 1), target 1. Phase 2: LN+L- the
/// light alone (1, 0) with target 0 (extinction); N+ and LN+ no stimulus (0, 0), target 0
/// (nothing to learn, as in the reference code). trialsPerPhase trials each.
Protocol fearProtocol(FearGroup group, const FearConfig& config);

/// Fear to the noise alone, prediction for input (0, 1), after the protocol; NaN and a problem
/// when the run diverged.
struct FearResult {
    Scalar fearToNoise = 0.0;
    std::string problem;
};
/// One rule, one group, one seed (the seed draws m_L, m_N).
FearResult fearConditioningRun(Rule rule, FearGroup group, std::uint64_t seed,
                               const FearConfig& config);

// ---- Human reversal learning (item 9) -----------------------------------------------------------

/// Settings of the reversal-learning experiment (the paper's values; the authors start each rule
/// from its own weight spread).
struct ReversalConfig {
    int trials = 128;
    Scalar pcInitStd = 0.05;  ///< PC's weights ~ N(0, pcInitStd^2).
    Scalar bpInitStd = 0.1;   ///< BP's weights ~ N(0, bpInitStd^2).
    /// Softmax choice of the raw prediction (inverse temperature 1, as the authors), rewards
    /// 0.7 / 0.4, reversal after 4 correct.
    ChoiceTaskConfig task;
    PcConfig pc{0.1, 256, 0.1, 0.9};  ///< alpha is used by both rules.
    /// The initial weight spread of `rule`.
    Scalar initStd(Rule rule) const { return rule == Rule::PC ? pcInitStd : bpInitStd; }
};
/// Linear 1 -> 1 -> 2, no bias, weights ~ N(0, initStd(rule)^2); the outputs are the values of
/// the two options.
NetworkSpec reversalSpec(Rule rule, const ReversalConfig& config);
/// Every trial of one rule's run (the task's history); stops early with a problem on divergence.
Observations<ChoiceRecord> reversalRun(Rule rule, std::uint64_t seed, const ReversalConfig& config);

/// reversalRun() without keeping the trials: each finished trial's record goes to `onTrial`,
/// in order, a few thousand at a time, so memory does not grow with config.trials. Returns the
/// problem on divergence ("" otherwise); the records handed over are reversalRun()'s rows.
std::string reversalRunStreaming(Rule rule, std::uint64_t seed, const ReversalConfig& config,
                                 const std::function<void(const ChoiceRecord&)>& onTrial);

/// A punished trial and what the network did next.
struct PunishOutcome {
    std::int64_t trial = 0;       ///< 0-based number of the punished trial.
    bool switched = false;        ///< The next trial chose the other option.
    Scalar valueAtPunish = 0.0;   ///< Value of the punished choice, before learning.
    Scalar valueNextTrial = 0.0;  ///< Value of the next trial's choice, before its learning.
    /// How the punished trial's learning moved the values, from its prediction to the next
    /// trial's: of the punished option and of the other one (NaN unless there are two options).
    Scalar chosenChange = 0.0;
    Scalar otherChange = 0.0;
};
/// Every punished trial that has a next trial.
std::vector<PunishOutcome> punishOutcomes(const std::vector<ChoiceRecord>& history);

// ---- Human sensorimotor learning (item 10) ------------------------------------------------------

/// One rule's setting of the sensorimotor experiment: the initial spread and the two layers'
/// learning rates.
struct SensorimotorRuleSetting {
    Scalar initStd = 0.0;   ///< Weights ~ N(0, initStd^2) (absent synapses 0).
    Scalar lr = 0.0;        ///< Learning rate of W1 (cue -> hidden).
    Scalar memoryLr = 0.0;  ///< Learning rate of W2 (hidden -> force-field output).
};
/// The authors' fits of each rule to the human data (their search grid: init std 1e-5..1, lr
/// 1e-6..0.5, memory lr 5e-4..0.1).
inline constexpr SensorimotorRuleSetting PcSensorimotorFit{0.1, 5e-5, 0.01};
inline constexpr SensorimotorRuleSetting BpSensorimotorFit{1e-5, 0.1, 0.001};
/// Prospect's earlier setting, one for both rules: from a grid of 60 within the paper's search
/// ranges where PC's four groups all adapt as in humans. The lab's preset uses it.
inline constexpr SensorimotorRuleSetting SharedSensorimotorSetting{0.001, 0.01, 0.01};

/// Settings of the sensorimotor (COIN paradigm) experiment.
struct SensorimotorConfig {
    SensorimotorRuleSetting pcSetting = PcSensorimotorFit;
    SensorimotorRuleSetting bpSetting = BpSensorimotorFit;
    /// Both rules use SharedSensorimotorSetting instead of pcSetting and bpSetting.
    bool sharedSetting = false;
    /// Present the two training triplets of every training block (Prospect's protocol). Off:
    /// as in the authors' training loop, which picks a triplet but then plays the washout block
    /// it still holds once more, so the paper's figure comes from a session without them.
    bool trainingTriplets = false;
    int trainingBlocks = 24;  ///< Training blocks (cue 1 <-> P+, cue 2 <-> P-).
    int testBlocks = 8;       ///< Test blocks, each with one triplet of every group.
    PcConfig pc{0.0, 256, 0.1, 0.9};
    /// The setting `rule` runs with.
    const SensorimotorRuleSetting& setting(Rule rule) const {
        static constexpr SensorimotorRuleSetting shared = SharedSensorimotorSetting;
        return sharedSetting ? shared : rule == Rule::PC ? pcSetting : bpSetting;
    }
};
/// An exposure group: cue 1 or 2, field P+ (+1) or P- (-1). Names "1+", "2+", "1-", "2-".
struct ExposureGroup {
    int cue = 1;
    int field = 1;
    std::string name() const;
};
/// The four groups in the order 1+, 2+, 1-, 2-.
std::vector<ExposureGroup> exposureGroups();
/// Linear 2 -> 2 -> 2, no bias; W1 masked diagonal (hidden i sees only cue i); the initial
/// spread and learning rates of config.setting(rule).
NetworkSpec sensorimotorSpec(Rule rule, const SensorimotorConfig& config);
/// The whole session for one seed (the order of trials is drawn from the seed). Channel and
/// washout trials are null-field (target (0, 0), supervised: the channel clamps the movement, so
/// no force is felt), exposure trials P+ (1, 0) or P- (0, 1). Test triplets are phases named
/// "test G" (G a group name) of three trials: channel cue 1, exposure, channel cue 1. Training
/// triplets are phases "training triplet" with config.trainingTriplets, else the washout block
/// before them again, reshuffled ("washout again").
Protocol sensorimotorProtocol(std::uint64_t seed, const SensorimotorConfig& config);
/// Single-trial adaptation of one test triplet: the change of the cue-1 channel prediction
/// across the exposure, projected on the exposure field (+: out_0 - out_1, -: out_1 - out_0).
struct AdaptationRow {
    std::string group;
    int block = 0;  ///< 0-based test block.
    Scalar adaptation = 0.0;
};
/// Every test triplet of one rule and seed.
Observations<AdaptationRow> sensorimotorRun(Rule rule, std::uint64_t seed,
                                            const SensorimotorConfig& config);

// ---- Less erratic learning (item 7) ------------------------------------------------------------

/// Settings of the weight-path experiment.
struct ErraticConfig {
    Index width = 32;
    int trials = 64;
    Scalar sampleStd = 0.1;  ///< Input and target ~ N(0, sampleStd^2)^width.
    PcConfig pc{0.0, 200, 0.1, 0.9};
};
/// width-width-width-width, sigmoid hidden layers, no bias, Xavier-normal.
NetworkSpec erraticSpec(const ErraticConfig& config);
/// The one sample of a seed: input and target ~ N(0, sampleStd^2)^width, from a stream derived
/// from the seed (not the one that draws the weights).
Trial erraticSample(std::uint64_t seed, const ErraticConfig& config);
/// The paper's measure: per weight matrix, path = sum over trials of ||W(k+1) - W(k)||_F and
/// final distance = ||W(end) - W(0)||_F, then the mean over the matrices; NaN and a problem on
/// divergence.
struct PathResult {
    PathLength length;
    std::string problem;
};
/// One rule at learning rate `alpha` on one seed (network and sample drawn from the seed).
PathResult erraticRun(Rule rule, Scalar alpha, std::uint64_t seed, const ErraticConfig& config);

}  // namespace engine::experiments
