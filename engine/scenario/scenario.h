#pragma once

// A scenario: everything needed to reproduce a run of both rules - the network with its initial
// weights, the trials, both rules' hyper-parameters, the seed - plus how the window shows it and
// an optional lesson. Scenario files (docs/scenario-format.md) hold exactly this; the
// bundled presets are scenario files too.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/choicetask.h"
#include "engine/core/network.h"
#include "engine/core/simulation.h"
#include "engine/core/trial.h"
#include "engine/scenario/lesson.h"

namespace engine {

/// Largest network a scenario may describe (files are for hand-sized toy networks).
constexpr Index MaxScenarioSynapses = 10'000;
/// Largest number of neurons in one layer of a scenario.
constexpr Index MaxScenarioLayerSize = 1'000;
/// Largest number of weight layers of a scenario.
constexpr Index MaxScenarioDepth = 64;
/// Largest number of trials in a scenario.
constexpr std::size_t MaxScenarioTrials = 10'000;

/// How a run walks through the trial list.
enum class TrialOrder {
    Cycle,   ///< Trial k uses trials[k mod n].
    Random,  ///< Trial k uses a trial picked uniformly from the list by the seed and k.
    Once,    ///< Trial k uses trials[k]; after the last one the run is over (a protocol).
};

/// "cycle", "random" or "once".
const char* trialOrderName(TrialOrder order);

/// What the window shows (ignored headless).
struct ViewSettings {
    bool energyMachine = false;  ///< PC pane shows the energy machine instead of the network.
    std::string plot;            ///< Plot tab to bring to front ("" = the default).
    bool showBp = true;          ///< BP pane visible.
    bool showPc = true;          ///< PC pane visible.

    bool operator==(const ViewSettings&) const = default;
};

/// Names of the plot tabs a scenario may ask for.
const std::vector<std::string>& plotTabNames();

/// Index of the list entry that trial number k (0-based) of a run uses, for a list of n trials.
std::size_t pickTrial(TrialOrder order, std::uint64_t seed, std::size_t n, std::int64_t k);

/// A complete, reproducible set-up of a lockstep run.
struct Scenario {
    std::string name;        ///< Short name, e.g. "bear" (the preset name; "" for user files).
    std::string title;       ///< Menu and window title text.
    Lesson lesson;           ///< Steps the lesson panel walks through (empty = none).
    std::uint64_t seed = 0;  ///< Draws random initialisers and the random trial order.
    NetworkSpec spec;
    std::vector<std::string> inputNames, outputNames;  ///< May be shorter than the layer.
    std::vector<Trial> trials;                         ///< Single-sample trials, at least one.
    /// A label per trial ("" = none): the phase of a protocol that starts there, e.g.
    /// "extinction". Empty or the same length as `trials`.
    std::vector<std::string> trialLabels;
    TrialOrder order = TrialOrder::Cycle;
    /// A closed-loop task that makes every trial from the network's own prediction (the trial
    /// list then holds one trial that shows the task's input, for display). Each rule gets its
    /// own task seeded with choiceTaskSeed().
    std::optional<ChoiceTaskConfig> task;
    BpConfig bp;
    PcConfig pc;
    ViewSettings view;

    /// Every problem (network, size caps, trials, hyper-parameters), one sentence each.
    std::vector<std::string> validate() const;
    /// The initial network (random initialisers drawn with the seed). Must be valid.
    Network network() const;
    /// Index into `trials` of trial number k (0-based) of a run.
    std::size_t trialIndex(std::int64_t k) const;
    /// Gives a simulation its trials: the list (cycle), a provider (random), a one-pass protocol
    /// (once) or a fresh closed-loop task. The scenario must be valid.
    void applyTrials(Simulation& sim) const;
    /// The seed of a closed-loop task's random stream (the same for both rules).
    std::uint64_t choiceTaskSeed() const;
    /// The label that applies at list position k: the last non-empty one at or before k.
    std::string labelAt(std::size_t k) const;
};

/// Exact equality of two scenarios (every number bit for bit; NaN targets compare by mask).
bool sameScenario(const Scenario& a, const Scenario& b);

/// A copy of `s` with every weight matrix and bias given explicitly (the values the random
/// initialisers draw with the seed), so edits can change single weights.
Scenario withExplicitWeights(const Scenario& s);

}  // namespace engine
