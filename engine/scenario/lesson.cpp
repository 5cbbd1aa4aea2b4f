#include "engine/scenario/lesson.h"

#include <array>
#include <cmath>

#include "engine/report/format.h"

namespace engine {

namespace {

struct KindName {
    LessonActionKind kind;
    const char* name;
};

constexpr std::array<KindName, 14> KindNames{{
    {LessonActionKind::StepIteration, "step-iteration"},
    {LessonActionKind::StepPhase, "step-phase"},
    {LessonActionKind::Relax, "relax"},
    {LessonActionKind::StepTrial, "step-trial"},
    {LessonActionKind::RunTrials, "run-trials"},
    {LessonActionKind::Play, "play"},
    {LessonActionKind::Pause, "pause"},
    {LessonActionKind::Reset, "reset"},
    {LessonActionKind::SetSpeed, "set-speed"},
    {LessonActionKind::Show, "show"},
    {LessonActionKind::SelectNeuron, "select-neuron"},
    {LessonActionKind::SelectSynapse, "select-synapse"},
    {LessonActionKind::ClearSelection, "clear-selection"},
    {LessonActionKind::SetWeight, "set-weight"},
}};

/// "sound, smell" or "0 to 3" for the neurons of a layer.
std::string neuronList(Index size, const std::vector<std::string>* names) {
    if (!names || names->empty())
        return "0 to " + std::to_string(size - 1);
    std::string all;
    for (const std::string& n : *names)
        all += (all.empty() ? "" : ", ") + n;
    if (static_cast<Index>(names->size()) < size)
        all += ", or 0 to " + std::to_string(size - 1);
    return all;
}

std::optional<LessonProblem> layerProblem(const LessonAction& a, const NetworkSpec& spec,
                                          Index lowest) {
    if (a.layer < lowest || a.layer > spec.depth())
        return LessonProblem{"layer", "is " + std::to_string(a.layer) + "; the network's " +
                                          (lowest == 0 ? "layers" : "weight layers") + " are " +
                                          std::to_string(lowest) + " to " +
                                          std::to_string(spec.depth())};
    return std::nullopt;
}

std::optional<LessonProblem> neuronProblem(const NetworkSpec& spec, const NeuronNames& names,
                                           Index layer, const NeuronRef& ref, const char* field) {
    std::string problem;
    if (!resolveNeuron(spec, names, layer, ref, &problem))
        return LessonProblem{field, problem};
    return std::nullopt;
}

}  // namespace

const std::vector<LessonActionKind>& lessonActionKinds() {
    static const std::vector<LessonActionKind> kinds = [] {
        std::vector<LessonActionKind> all;
        for (const KindName& k : KindNames)
            all.push_back(k.kind);
        return all;
    }();
    return kinds;
}

const char* lessonActionName(LessonActionKind kind) {
    for (const KindName& k : KindNames)
        if (k.kind == kind)
            return k.name;
    return "?";
}

std::optional<LessonActionKind> parseLessonAction(const std::string& name) {
    for (const KindName& k : KindNames)
        if (name == k.name)
            return k.kind;
    return std::nullopt;
}

const std::vector<std::string>& lessonViewNames() {
    static const std::vector<std::string> names = {
        "network", "energy-machine", "loss", "weights", "alignment", "landscape", "editor"};
    return names;
}

std::string Lesson::summary() const {
    return steps.empty() ? std::string() : steps.front().text;
}

Lesson plainLesson(const std::string& text) {
    Lesson lesson;
    if (!text.empty())
        lesson.steps.push_back(LessonStep{{}, text, {}, {}});
    return lesson;
}

std::optional<Index> resolveNeuron(const NetworkSpec& spec, const NeuronNames& names, Index layer,
                                   const NeuronRef& ref, std::string* problem) {
    if (layer < 0 || layer > spec.depth()) {
        if (problem)
            *problem = "layer " + std::to_string(layer) + " does not exist";
        return std::nullopt;
    }
    const Index size = spec.sizes[static_cast<size_t>(layer)];
    const std::vector<std::string>* list = layer == 0              ? &names.inputs
                                           : layer == spec.depth() ? &names.outputs
                                                                   : nullptr;
    if (ref.index) {
        if (*ref.index >= 0 && *ref.index < size)
            return ref.index;
        if (problem)
            *problem = "is " + std::to_string(*ref.index) + "; layer " + std::to_string(layer) +
                       " has the neurons " + neuronList(size, list);
        return std::nullopt;
    }
    if (list)
        for (size_t i = 0; i < list->size() && static_cast<Index>(i) < size; ++i)
            if ((*list)[i] == ref.name)
                return static_cast<Index>(i);
    if (problem)
        *problem = report::echoed(ref.name) + " is not a neuron of layer " + std::to_string(layer) +
                   " (" + neuronList(size, list) + ")";
    return std::nullopt;
}

std::optional<LessonProblem> lessonActionProblem(const LessonAction& a, const NetworkSpec& spec,
                                                 const NeuronNames& names) {
    using K = LessonActionKind;
    switch (a.kind) {
        case K::StepIteration:
        case K::StepPhase:
        case K::StepTrial:
        case K::RunTrials:
            if (a.count < 1 || a.count > MaxLessonCount)
                return LessonProblem{"count", "must be 1 to " + std::to_string(MaxLessonCount)};
            break;
        case K::SelectNeuron:
            if (auto p = layerProblem(a, spec, 0))
                return p;
            return neuronProblem(spec, names, a.layer, a.neuron, "neuron");
        case K::SelectSynapse:
        case K::SetWeight:
            if (auto p = layerProblem(a, spec, 1))
                return p;
            if (auto p = neuronProblem(spec, names, a.layer - 1, a.from, "from"))
                return p;
            if (auto p = neuronProblem(spec, names, a.layer, a.to, "to"))
                return p;
            if (a.kind == K::SetWeight && !std::isfinite(a.value))
                return LessonProblem{"value", "must be a finite number"};
            break;
        default:
            break;
    }
    if (a.speed && (*a.speed < 0 || *a.speed > 5))
        return LessonProblem{"speed", "is " + std::to_string(*a.speed) +
                                          "; speeds are 0 (pause) to 4 (maximum) and 5 (lecture)"};
    return std::nullopt;
}

}  // namespace engine
