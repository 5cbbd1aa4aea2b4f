// The lesson of a scenario file: reading (every field checked, messages naming the field path,
// e.g. "lesson.steps[1].actions[0].to") and writing.

#include "engine/scenario/lessonjson.h"

#include <set>

#include "engine/report/format.h"

namespace engine {

namespace {

using OJson = nlohmann::ordered_json;
using K = LessonActionKind;

/// The fields an action of `kind` may have besides "label" and "do".
std::set<std::string> fieldsOf(K kind) {
    switch (kind) {
        case K::StepIteration:
        case K::StepPhase:
        case K::StepTrial:
            return {"count"};
        case K::RunTrials:
            return {"count", "speed"};
        case K::SetSpeed:
            return {"speed"};
        case K::Show:
            return {"view"};
        case K::SelectNeuron:
            return {"layer", "neuron"};
        case K::SelectSynapse:
            return {"layer", "from", "to"};
        case K::SetWeight:
            return {"layer", "from", "to", "value"};
        default:
            return {};
    }
}

/// The fields an action of `kind` must have.
std::set<std::string> requiredOf(K kind) {
    std::set<std::string> fields = fieldsOf(kind);
    if (kind != K::RunTrials)
        fields.erase("count");
    fields.erase("speed");
    if (kind == K::SetSpeed)
        fields.insert("speed");
    return fields;
}

std::string actionNames() {
    std::string all;
    for (K k : lessonActionKinds())
        all += (all.empty() ? "" : ", ") + std::string(lessonActionName(k));
    return all;
}

NeuronRef readNeuron(const JsonReader& r, const Json& j, const std::string& path) {
    NeuronRef ref;
    if (j.is_string())
        ref.name = j.get<std::string>();
    else if (j.is_number_integer())
        ref.index = r.integer(j, path, 0, MaxScenarioLayerSize - 1);
    else
        r.fail(path, std::string("must be a neuron's name or its index (0, 1, ...), found ") +
                         jsonTypeName(j));
    return ref;
}

std::string readView(const JsonReader& r, const Json& j, const std::string& path) {
    const std::string view = r.string(j, path);
    std::string all;
    for (const std::string& name : lessonViewNames()) {
        if (name == view)
            return view;
        all += (all.empty() ? "" : ", ") + name;
    }
    r.fail(path, report::echoed(view) + " is not a view (" + all + ")");
}

/// The fields of `a`'s kind, read from `j` (the kind and the field names are checked).
void readActionFields(const JsonReader& r, const Json& j, const std::string& path,
                      LessonAction& a) {
    const std::set<std::string> allowed = fieldsOf(a.kind);
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "label" && it.key() != "do" && !allowed.count(it.key()))
            r.fail(JsonReader::join(path, it.key()),
                   "is not a field of a '" + std::string(lessonActionName(a.kind)) + "' action");
    for (const std::string& field : requiredOf(a.kind))
        r.member(j, path, field.c_str());
    if (const Json* v = r.optionalMember(j, "count"))
        a.count = r.integer(*v, path + ".count", 1, MaxLessonCount);
    if (const Json* v = r.optionalMember(j, "speed"))
        a.speed = static_cast<int>(r.integer(*v, path + ".speed", 0, 5));
    if (const Json* v = r.optionalMember(j, "view"))
        a.view = readView(r, *v, path + ".view");
    if (const Json* v = r.optionalMember(j, "layer"))
        a.layer = r.integer(*v, path + ".layer", 0, MaxScenarioDepth);
    if (const Json* v = r.optionalMember(j, "neuron"))
        a.neuron = readNeuron(r, *v, path + ".neuron");
    if (const Json* v = r.optionalMember(j, "from"))
        a.from = readNeuron(r, *v, path + ".from");
    if (const Json* v = r.optionalMember(j, "to"))
        a.to = readNeuron(r, *v, path + ".to");
    if (const Json* v = r.optionalMember(j, "value"))
        a.value = r.number(*v, path + ".value");
}

LessonAction readAction(const JsonReader& r, const Json& j, const std::string& path,
                        const Scenario& s) {
    if (!j.is_object())
        r.fail(path, std::string("must be an object, found ") + jsonTypeName(j));
    LessonAction a;
    a.label = r.string(r.member(j, path, "label"), path + ".label");
    if (a.label.empty())
        r.fail(path + ".label", "must not be empty (it is the button's text)");
    const std::string name = r.string(r.member(j, path, "do"), path + ".do");
    const auto kind = parseLessonAction(name);
    if (!kind)
        r.fail(path + ".do", report::echoed(name) + " is not an action (" + actionNames() + ")");
    a.kind = *kind;
    readActionFields(r, j, path, a);
    if (auto p = lessonActionProblem(a, s.spec, NeuronNames{s.inputNames, s.outputNames}))
        r.fail(JsonReader::join(path, p->field), p->problem);
    return a;
}

LessonStep readStep(const JsonReader& r, const Json& j, const std::string& path,
                    const Scenario& s) {
    r.object(j, path, {"title", "text", "notice", "actions"});
    LessonStep step;
    if (const Json* v = r.optionalMember(j, "title"))
        step.title = r.string(*v, path + ".title");
    step.text = r.string(r.member(j, path, "text"), path + ".text");
    if (step.text.empty())
        r.fail(path + ".text", "must not be empty");
    if (const Json* v = r.optionalMember(j, "notice"))
        step.notice = r.string(*v, path + ".notice");
    if (const Json* v = r.optionalMember(j, "actions")) {
        r.list(*v, path + ".actions");
        for (size_t i = 0; i < v->size(); ++i)
            step.actions.push_back(readAction(
                r, (*v)[i], JsonReader::at(path + ".actions", static_cast<Index>(i)), s));
    }
    return step;
}

OJson neuronJson(const NeuronRef& ref) {
    return ref.index ? OJson(*ref.index) : OJson(ref.name);
}

OJson actionJson(const LessonAction& a) {
    OJson j{{"label", a.label}, {"do", lessonActionName(a.kind)}};
    const std::set<std::string> fields = fieldsOf(a.kind);
    if (fields.count("count") && (a.count != 1 || a.kind == K::RunTrials))
        j["count"] = a.count;
    if (fields.count("speed") && a.speed)
        j["speed"] = *a.speed;
    if (fields.count("view"))
        j["view"] = a.view;
    if (fields.count("layer"))
        j["layer"] = a.layer;
    if (fields.count("neuron"))
        j["neuron"] = neuronJson(a.neuron);
    if (fields.count("from")) {
        j["from"] = neuronJson(a.from);
        j["to"] = neuronJson(a.to);
    }
    if (fields.count("value"))
        j["value"] = a.value;
    return j;
}

}  // namespace

void readLesson(const JsonReader& r, const Json& j, std::int64_t version, Scenario& s) {
    if (j.is_string()) {
        s.lesson = plainLesson(j.get<std::string>());
        return;
    }
    if (version < 2)
        r.fail("lesson", std::string("must be a text in a version 1 file, found ") +
                             jsonTypeName(j) + " (a lesson with steps needs \"version\": 2)");
    r.object(j, "lesson", {"title", "figure", "steps"});
    if (const Json* v = r.optionalMember(j, "title"))
        s.lesson.title = r.string(*v, "lesson.title");
    if (const Json* v = r.optionalMember(j, "figure"))
        s.lesson.figure = r.string(*v, "lesson.figure");
    const Json& steps = r.list(r.member(j, "lesson", "steps"), "lesson.steps");
    if (steps.empty())
        r.fail("lesson.steps", "needs at least one step");
    if (steps.size() > 100)
        r.fail("lesson.steps", "has " + std::to_string(steps.size()) + " steps; at most 100");
    for (size_t k = 0; k < steps.size(); ++k)
        s.lesson.steps.push_back(
            readStep(r, steps[k], JsonReader::at("lesson.steps", static_cast<Index>(k)), s));
}

nlohmann::ordered_json lessonJson(const Scenario& s) {
    const Lesson& lesson = s.lesson;
    if (lesson.title.empty() && lesson.figure.empty() && lesson.steps.size() == 1 &&
        lesson.steps.front().title.empty() && lesson.steps.front().notice.empty() &&
        lesson.steps.front().actions.empty())
        return lesson.steps.front().text;
    OJson j = OJson::object();
    if (!lesson.title.empty())
        j["title"] = lesson.title;
    if (!lesson.figure.empty())
        j["figure"] = lesson.figure;
    const NeuronNames names{s.inputNames, s.outputNames};
    OJson steps = OJson::array();
    for (const LessonStep& step : lesson.steps) {
        OJson sj = OJson::object();
        if (!step.title.empty())
            sj["title"] = step.title;
        sj["text"] = step.text;
        if (!step.notice.empty())
            sj["notice"] = step.notice;
        OJson actions = OJson::array();
        for (const LessonAction& a : step.actions)
            if (!lessonActionProblem(a, s.spec, names))
                actions.push_back(actionJson(a));
        if (!actions.empty())
            sj["actions"] = actions;
        steps.push_back(sj);
    }
    j["steps"] = steps;
    return j;
}

}  // namespace engine
