// Lessons in scenario files: the structured form reads and writes back unchanged, the plain text
// of a version 1 file is a one-step lesson, and every action is checked against the network.
// The malformed files with their messages are in tests/scenarios/bad/ (lesson-*.json).
#include <gtest/gtest.h>

#include <string>

#include "engine/scenario/presets.h"
#include "engine/scenario/scenarioedit.h"
#include "engine/scenario/scenariofile.h"

using namespace engine;

namespace {

/// The bear network with `lesson` (JSON text) as its lesson, in a file of `version`.
std::string bearWith(const std::string& lesson, int version = 2) {
    return R"({"format": "prospect-scenario", "version": )" + std::to_string(version) +
           R"(, "lesson": )" + lesson + R"(,
      "network": {"layers": [{"size": 1, "names": ["river"]}, {"size": 1},
                             {"size": 2, "names": ["sound", "smell"]}],
                  "weights": [{"values": [[1]]}, {"values": [[1], [1]]}]},
      "trials": {"list": [{"input": [1], "target": [0, 1]}]},
      "bp": {"alpha": 0.2}, "pc": {"alpha": 0.2, "T": 128, "gamma0": 0.1, "discount": 0.5}})";
}

const char* const FullLesson = R"({"title": "Bear", "figure": "Fig. 1c", "steps": [
    {"title": "One", "text": "First.", "notice": "Look.", "actions": [
        {"label": "Iterate", "do": "step-iteration"},
        {"label": "Iterate 5", "do": "step-iteration", "count": 5},
        {"label": "Phase", "do": "step-phase", "count": 2},
        {"label": "Relax", "do": "relax"},
        {"label": "Trial", "do": "step-trial"},
        {"label": "Run", "do": "run-trials", "count": 64, "speed": 5},
        {"label": "Run on", "do": "run-trials", "count": 8},
        {"label": "Play", "do": "play"}, {"label": "Pause", "do": "pause"},
        {"label": "Reset", "do": "reset"}, {"label": "Fast", "do": "set-speed", "speed": 4},
        {"label": "Machine", "do": "show", "view": "energy-machine"},
        {"label": "Smell", "do": "select-neuron", "layer": 2, "neuron": "smell"},
        {"label": "Hidden", "do": "select-neuron", "layer": 1, "neuron": 0},
        {"label": "Synapse", "do": "select-synapse", "layer": 2, "from": 0, "to": "smell"},
        {"label": "None", "do": "clear-selection"},
        {"label": "Set", "do": "set-weight", "layer": 1, "from": "river", "to": 0, "value": -1}]},
    {"text": "Second."}]})";

Scenario read(const std::string& text) {
    const ScenarioResult r = parseScenario(text, "s.json");
    EXPECT_TRUE(r.scenario) << r.error;
    return r.scenario ? *r.scenario : Scenario{};
}

}  // namespace

TEST(Lesson, EveryFieldAndActionIsRead) {
    const Scenario s = read(bearWith(FullLesson));
    ASSERT_EQ(s.lesson.steps.size(), 2u);
    EXPECT_EQ(s.lesson.title, "Bear");
    EXPECT_EQ(s.lesson.figure, "Fig. 1c");
    const LessonStep& one = s.lesson.steps[0];
    EXPECT_EQ(one.title, "One");
    EXPECT_EQ(one.notice, "Look.");
    ASSERT_EQ(one.actions.size(), 17u);
    EXPECT_EQ(one.actions[0].kind, LessonActionKind::StepIteration);
    EXPECT_EQ(one.actions[0].count, 1);
    EXPECT_EQ(one.actions[1].count, 5);
    EXPECT_EQ(one.actions[5].kind, LessonActionKind::RunTrials);
    EXPECT_EQ(one.actions[5].count, 64);
    EXPECT_EQ(one.actions[5].speed, 5);
    EXPECT_FALSE(one.actions[6].speed);
    EXPECT_EQ(one.actions[11].view, "energy-machine");
    EXPECT_EQ(one.actions[12].neuron.name, "smell");
    EXPECT_EQ(one.actions[13].neuron.index, 0);
    const LessonAction& set = one.actions[16];
    EXPECT_EQ(set.kind, LessonActionKind::SetWeight);
    EXPECT_EQ(set.layer, 1);
    EXPECT_EQ(set.from.name, "river");
    EXPECT_EQ(set.to.index, 0);
    EXPECT_EQ(set.value, -1.0);
    EXPECT_EQ(s.lesson.summary(), "First.");
    EXPECT_TRUE(s.lesson.steps[1].actions.empty());
}

TEST(Lesson, RoundTripsThroughTheWriter) {
    const Scenario s = read(bearWith(FullLesson));
    const std::string text = scenarioToJson(s);
    const Scenario again = read(text);
    EXPECT_EQ(again.lesson, s.lesson);
    EXPECT_TRUE(sameScenario(again, s));
    EXPECT_EQ(scenarioToJson(again), text);
    EXPECT_NE(text.find("\"version\": 2"), std::string::npos);
}

TEST(Lesson, APlainTextOfAVersionOneFileIsOneStep) {
    const Scenario s = read(bearWith(R"("A bear expects to hear the river.")", 1));
    ASSERT_EQ(s.lesson.steps.size(), 1u);
    EXPECT_EQ(s.lesson.steps[0].text, "A bear expects to hear the river.");
    EXPECT_TRUE(s.lesson.steps[0].actions.empty());
    // Written back as the same plain text.
    const std::string text = scenarioToJson(s);
    EXPECT_NE(text.find(R"("lesson": "A bear expects to hear the river.")"), std::string::npos)
        << text;
    EXPECT_EQ(read(text).lesson, s.lesson);
    EXPECT_TRUE(read(bearWith(R"("")", 1)).lesson.empty());
}

TEST(Lesson, NeuronsAreResolvedByNameOrIndex) {
    const Scenario s = read(bearWith(FullLesson));
    const NeuronNames names{s.inputNames, s.outputNames};
    EXPECT_EQ(resolveNeuron(s.spec, names, 2, NeuronRef{{}, "smell"}), 1);
    EXPECT_EQ(resolveNeuron(s.spec, names, 2, NeuronRef{1, ""}), 1);
    EXPECT_EQ(resolveNeuron(s.spec, names, 0, NeuronRef{{}, "river"}), 0);
    std::string why;
    EXPECT_FALSE(resolveNeuron(s.spec, names, 1, NeuronRef{{}, "river"}, &why));
    EXPECT_EQ(why, "'river' is not a neuron of layer 1 (0 to 0)");
    EXPECT_FALSE(resolveNeuron(s.spec, names, 3, NeuronRef{0, ""}, &why));
}

TEST(Lesson, AnActionThatNoLongerFitsAnEditedNetworkIsLeftOutWhenWritten) {
    const Scenario s = read(bearWith(FullLesson));
    // Without the output "smell", the actions naming it cannot work; the file still reads.
    const edit::Result r = edit::removeNeuron(s, 2, 1);
    ASSERT_TRUE(r.scenario) << r.problem;
    const NeuronNames names{r.scenario->inputNames, r.scenario->outputNames};
    const LessonAction& smell = r.scenario->lesson.steps[0].actions[12];
    ASSERT_TRUE(lessonActionProblem(smell, r.scenario->spec, names));
    EXPECT_EQ(lessonActionProblem(smell, r.scenario->spec, names)->field, "neuron");
    const Scenario again = read(scenarioToJson(*r.scenario));
    EXPECT_EQ(again.lesson.steps[0].actions.size(), 15u);  // the two smell actions are left out
}

TEST(Lesson, EveryPresetHasALessonWithStepsAndAFigureOrPurpose) {
    for (const Scenario& p : presets()) {
        ASSERT_GE(p.lesson.steps.size(), 3u) << p.name;
        for (const LessonStep& step : p.lesson.steps) {
            EXPECT_FALSE(step.title.empty()) << p.name;
            EXPECT_FALSE(step.text.empty()) << p.name;
        }
        const NeuronNames names{p.inputNames, p.outputNames};
        for (const LessonStep& step : p.lesson.steps)
            for (const LessonAction& a : step.actions)
                EXPECT_FALSE(lessonActionProblem(a, p.spec, names)) << p.name << ": " << a.label;
    }
}

TEST(Lesson, EveryActionKindHasAName) {
    for (LessonActionKind k : lessonActionKinds())
        EXPECT_EQ(parseLessonAction(lessonActionName(k)), k);
    EXPECT_FALSE(parseLessonAction("fly"));
}
