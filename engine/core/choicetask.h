#pragma once

// A closed-loop task: the network's own prediction decides what it is taught. Each trial shows
// a constant input, reads the predicted value of every option, picks one option by softmax
// with the task's own random stream, draws that option's reward and supervises only the chosen
// output (target mask one-hot). The contingency can reverse (science file, section 4, item 9).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/network.h"
#include "engine/core/random.h"
#include "engine/core/simulation.h"
#include "engine/core/trial.h"

namespace engine {

/// Settings of a choice task with reversals (defaults: the paper's reversal-learning task).
struct ChoiceTaskConfig {
    /// P(reward) of each option while option 0 is the correct one; after r reversals option i
    /// is rewarded with probability rewardProbabilities[(i - r) mod n]. One entry per output.
    std::vector<Scalar> rewardProbabilities{0.7, 0.4};
    Scalar reward = 1.0;              ///< Target of the chosen output when rewarded.
    Scalar punishment = -1.0;         ///< Target of the chosen output otherwise.
    Scalar inverseTemperature = 1.0;  ///< beta: P(choose i) = softmax(beta * value)_i.
    /// Correct choices in a row that arm a reversal; 0 = never reverse. A reversal does not
    /// clear the count (as in the authors' task), so it can re-arm on the next trial.
    int reversalStreak = 4;
    Scalar reversalProbability = 0.25;  ///< Once armed, P(reversal) after each trial.
    Vector input;                       ///< The input shown every trial; empty = all ones.

    /// Every problem for a network with `inputs` inputs and `outputs` outputs; empty when valid.
    std::vector<std::string> validate(Index inputs, Index outputs) const;
};

/// What happened on one trial of a choice task.
struct ChoiceRecord {
    std::int64_t trial = 0;  ///< 0-based.
    Vector values;           ///< The prediction before learning (one value per option).
    int choice = 0;
    Scalar reward = 0.0;         ///< The chosen output's target.
    bool punished = false;       ///< The draw did not reward the choice: reward is the punishment.
    int correctOption = 0;       ///< The option with rewardProbabilities[0] on this trial.
    bool reversedAfter = false;  ///< The contingency reversed after this trial.
    int streakAfter = 0;  ///< Correct choices in a row after this trial (reversals do not clear).
    bool armedAfter = false;  ///< A reversal is armed after this trial.
};

/// A closed-loop choice task. It owns its random stream, seeded from the run's seed, and draws
/// exactly three uniforms per trial (choice, reward, reversal), so the choices depend only on
/// the seed and the network's predictions, never on who steps the simulation or how.
/// Its state between trials is a few numbers; the record of every trial is kept only when asked
/// (an experiment's rows), so a task played for hours in the window does not grow.
class ChoiceTask {
public:
    /// Whether the task keeps a ChoiceRecord of every trial (history()).
    enum class Records { Keep, Drop };

    /// A task with a valid `config` whose random stream is seeded with `seed`.
    ChoiceTask(ChoiceTaskConfig config, std::uint64_t seed, Records records = Records::Keep);
    /// The seed of the task's stream for a run seeded with `runSeed` (the same for both rules).
    static std::uint64_t seedFor(std::uint64_t runSeed);

    /// Fills `out` with trial `index` for `net` (and records it when records are kept). An index
    /// below the number of trials made first rewinds to it (a simulation restored from a
    /// snapshot asks again); without records that needs the state from the snapshot (memory()).
    void makeTrial(std::int64_t index, const Network& net, Trial& out);
    /// A trial provider for Simulation::setTrialProvider that keeps `task` alive.
    static TrialProvider provider(std::shared_ptr<ChoiceTask> task);
    /// Its companion for setTrialProvider: the task's state goes into every snapshot and comes
    /// back on restore, so a task without records rewinds with the simulation.
    static ProviderMemory memory(std::shared_ptr<ChoiceTask> task);
    /// Sets `sim`'s trial provider to `task`, with its memory().
    static void attach(std::shared_ptr<ChoiceTask> task, Simulation& sim);

    /// Every trial so far, in order (empty when records are dropped).
    const std::vector<ChoiceRecord>& history() const { return m_history; }
    /// Hands over the records kept so far and forgets them, so a long run can pass its records
    /// on in pieces (rewind() to an earlier trial then fails, as without records).
    std::vector<ChoiceRecord> takeRecords();
    /// Trials made so far.
    std::int64_t trialsMade() const { return m_made; }
    /// The option that is correct for the next trial.
    int correctOption() const { return m_correct; }
    /// Back to the state after the first `trials` trials (same random stream position). Needs
    /// the records (false, nothing changed, without them, unless `trials` is the current count).
    bool rewind(std::int64_t trials);
    /// The settings.
    const ChoiceTaskConfig& config() const { return m_config; }

private:
    ChoiceTaskConfig m_config;
    std::uint64_t m_seed;
    Random m_rng;
    struct State;
    void setState(const State& state);

    std::vector<ChoiceRecord> m_history;
    bool m_keepRecords = true;
    std::int64_t m_made = 0;
    int m_correct = 0;
    int m_streak = 0;
    bool m_armed = false;
};

}  // namespace engine
