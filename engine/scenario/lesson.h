#pragma once

// A lesson: a short sequence of steps that a scenario file carries (docs/scenario-format.md,
// "lesson"). Each step has a few sentences, a "what to notice" line and actions from a closed
// vocabulary (step, relax, run N trials, show a view, select, set a weight, ...) that the
// window's lesson panel offers as buttons. Only data and checks here; the window acts.

#include <optional>
#include <string>
#include <vector>

#include "engine/core/network.h"

namespace engine {

/// What a lesson action does. The names in files are those of lessonActionName().
enum class LessonActionKind {
    StepIteration,   ///< "step-iteration": `count` inference iterations (micro-steps).
    StepPhase,       ///< "step-phase": `count` phases (PC: initialise, relax, update).
    Relax,           ///< "relax": to the end of this trial's relaxation (PC settled, no update).
    StepTrial,       ///< "step-trial": `count` whole trials at once.
    RunTrials,       ///< "run-trials": play `count` further trials at `speed` (or the current).
    Play,            ///< "play"
    Pause,           ///< "pause"
    Reset,           ///< "reset": the run from its start.
    SetSpeed,        ///< "set-speed": speed level `speed` (0 pause ... 4 maximum, 5 lecture).
    Show,            ///< "show": the view `view` (lessonViewNames()).
    SelectNeuron,    ///< "select-neuron": neuron `neuron` of layer `layer`.
    SelectSynapse,   ///< "select-synapse": the synapse of W^layer from `from` to `to`.
    ClearSelection,  ///< "clear-selection"
    SetWeight,       ///< "set-weight": W^layer(to, from) = value (an undoable edit).
};

/// Every action kind, in the order of the enum.
const std::vector<LessonActionKind>& lessonActionKinds();
/// The file name of an action kind ("step-iteration", ...).
const char* lessonActionName(LessonActionKind kind);
/// The kind with file name `name`, if any.
std::optional<LessonActionKind> parseLessonAction(const std::string& name);
/// The views a "show" action may name: network, energy-machine, the plot tabs (loss, weights,
/// alignment, landscape), editor.
const std::vector<std::string>& lessonViewNames();

/// A neuron named in a lesson: by its index in the layer or by its name (input and output
/// layers have names).
struct NeuronRef {
    std::optional<Index> index;
    std::string name;  ///< Used when index is empty.
    bool operator==(const NeuronRef&) const = default;
};

/// One button of a lesson step. Only the fields of its kind are used (and written).
struct LessonAction {
    std::string label;  ///< The button's text, e.g. "Run 8 trials".
    LessonActionKind kind = LessonActionKind::StepIteration;
    std::int64_t count = 1;      ///< step-*, run-trials.
    std::optional<int> speed;    ///< set-speed (required), run-trials (optional).
    std::string view;            ///< show.
    Index layer = 0;             ///< select-neuron (0..L), select-synapse and set-weight (1..L).
    NeuronRef neuron, from, to;  ///< select-neuron: neuron; synapses: from (layer-1), to (layer).
    double value = 0.0;          ///< set-weight.
    bool operator==(const LessonAction&) const = default;
};

/// One step of a lesson.
struct LessonStep {
    std::string title;
    std::string text;    ///< A few sentences.
    std::string notice;  ///< What to notice ("" = none).
    std::vector<LessonAction> actions;
    bool operator==(const LessonStep&) const = default;
};

/// A scenario's lesson. A file's plain-text lesson (version 1) is one step with that text.
struct Lesson {
    std::string title;   ///< "" = the scenario's title.
    std::string figure;  ///< The paper's figure it reproduces, e.g. "Fig. 1c" ("" = none).
    std::vector<LessonStep> steps;
    bool empty() const { return steps.empty(); }
    /// The first step's text: what the inspector and the Presets menu show ("" = none).
    std::string summary() const;
    bool operator==(const Lesson&) const = default;
};

/// A lesson of one step holding `text` (none for an empty text): the plain-text form.
Lesson plainLesson(const std::string& text);

/// The names a network's neurons have in a scenario (the input and output layers' names).
struct NeuronNames {
    std::vector<std::string> inputs, outputs;
};

/// Longest count a step or run-trials action may ask for.
constexpr std::int64_t MaxLessonCount = 100'000;

/// The index of `ref` in layer `layer` of `spec`, or why there is none.
std::optional<Index> resolveNeuron(const NetworkSpec& spec, const NeuronNames& names, Index layer,
                                   const NeuronRef& ref, std::string* problem = nullptr);
/// Why an action does not fit: the action's field ("to") and what is wrong with it.
struct LessonProblem {
    std::string field;
    std::string problem;
};
/// Why `action` does not fit the network (or its own limits), if it does not; e.g. field "to",
/// problem "'smel' is not a neuron of layer 2 (sound, smell)".
std::optional<LessonProblem> lessonActionProblem(const LessonAction& action,
                                                 const NetworkSpec& spec, const NeuronNames& names);

}  // namespace engine
