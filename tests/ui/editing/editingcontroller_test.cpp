// The editing controller without a window: a document, a run and the controller, driven as the
// network views drive it (drags, wheel, keys, typed values, the right-click menu).
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QMenu>
#include <QSignalSpy>
#include <QTimer>
#include <QUndoStack>
#include <functional>

#include "engine/scenario/presets.h"
#include "ui/editing/editingcontroller.h"
#include "ui/editing/scenariodocument.h"
#include "ui/simulation/simulationcontroller.h"
#include "waitfor.h"

using namespace ui;

namespace {

const Selection Weight210{std::nullopt, SynapseId{2, 1, 0}};  // bear: hidden -> smell, 1.0
const Selection Input0{NeuronId{0, 0}, std::nullopt};         // the river, 1.0
const Selection Smell{NeuronId{2, 1}, std::nullopt};          // the smell output, target 1.0
const Selection Hidden{NeuronId{1, 0}, std::nullopt};

/// The action called `text` in `menu` or its sub-menus (nullptr if there is none).
QAction* findAction(const QMenu& menu, const QString& text) {
    for (QAction* a : menu.actions()) {
        if (a->text() == text)
            return a;
        if (a->menu())
            if (QAction* inner = findAction(*a->menu(), text))
                return inner;
    }
    return nullptr;
}

/// Runs `answer` on the modal dialog as soon as one is open (polled from the event loop, so
/// the dialog's own loop runs it).
void whenModal(std::function<void(QWidget*)> answer) {
    QTimer::singleShot(0, [answer] {
        if (QWidget* modal = QApplication::activeModalWidget())
            answer(modal);
        else
            whenModal(answer);
    });
}

/// The bear in a document whose run follows it, as in the window.
class ValueEditing : public ::testing::Test {
protected:
    void SetUp() override {
        doc.reset(*engine::findPreset("bear"), {});
        QObject::connect(&doc, &ScenarioDocument::changed,
                         [this] { run.loadScenario(doc.scenario()); });
        run.loadScenario(doc.scenario());
        ASSERT_TRUE(waitFor([&] { return run.current() != nullptr; }));
    }
    double weight(int l, int post, int pre) const {
        return doc.scenario().network().weight(l)(post, pre);
    }
    int steps() { return doc.undoStack()->count(); }

    ScenarioDocument doc;
    SimulationController run;
    EditingController editing{&doc, &run, nullptr};
};

}  // namespace

TEST_F(ValueEditing, SetsWeightsInputsAndTargetsAsNamedUndoSteps) {
    const engine::Scenario before = doc.scenario();
    EXPECT_EQ(editing.valueOf(Weight210), 1.0);
    ASSERT_TRUE(editing.setValue(Weight210, -0.25));
    EXPECT_EQ(weight(2, 1, 0), -0.25);
    EXPECT_EQ(doc.undoStack()->undoText(), QStringLiteral("Set weight h1 → smell = -0.25"));
    ASSERT_TRUE(editing.setValue(Input0, 0.5));
    EXPECT_EQ(doc.scenario().trials[0].input(0, 0), 0.5);
    EXPECT_EQ(doc.undoStack()->undoText(), "Set input river of trial 1 = 0.5");
    ASSERT_TRUE(editing.setValue(Smell, 2.0));
    EXPECT_EQ(doc.scenario().trials[0].target(1, 0), 2.0);
    EXPECT_EQ(editing.valueOf(Smell), 2.0);
    EXPECT_EQ(doc.undoStack()->undoText(), "Set target smell of trial 1 = 2");
    // A hidden neuron has no value to set.
    EXPECT_FALSE(editing.setValue(Hidden, 3.0));
    EXPECT_EQ(editing.valueLabel(Hidden), QString());
    EXPECT_EQ(steps(), 3);
    for (int k = 0; k < 3; ++k)
        doc.undoStack()->undo();
    EXPECT_TRUE(engine::sameScenario(doc.scenario(), before));
}

TEST_F(ValueEditing, ADragIsOneUndoStepOnTheGridFromTheValueAtThePress) {
    editing.drag(Weight210, 0.123, false);
    EXPECT_EQ(weight(2, 1, 0), 1.12);
    editing.drag(Weight210, 0.5, false);
    EXPECT_EQ(weight(2, 1, 0), 1.5);
    editing.drag(Weight210, 0.504, true);
    EXPECT_EQ(weight(2, 1, 0), 1.5);
    EXPECT_EQ(steps(), 1);
    // The next drag starts from the value the last one left.
    editing.drag(Weight210, -0.2, true);
    EXPECT_DOUBLE_EQ(weight(2, 1, 0), 1.3);
    EXPECT_EQ(steps(), 2);
    doc.undoStack()->undo();
    EXPECT_EQ(weight(2, 1, 0), 1.5);
}

TEST_F(ValueEditing, TheWheelAndTheKeysMoveTheValueOfTheSelection) {
    editing.wheel(Weight210, 0.05);
    editing.wheel(Weight210, 0.05);
    EXPECT_DOUBLE_EQ(weight(2, 1, 0), 1.1);
    EXPECT_EQ(steps(), 1);  // turns of the wheel on one weight merge
    editing.nudge(0.5);     // nothing selected: nothing moves
    EXPECT_EQ(steps(), 1);
    editing.setSelection(Input0);
    editing.nudge(-0.5);
    EXPECT_EQ(doc.scenario().trials[0].input(0, 0), 0.5);
    EXPECT_EQ(steps(), 2);
}

TEST_F(ValueEditing, InputsAndTargetsAreEditedInTheTrialOnShow) {
    ASSERT_TRUE(
        doc.apply("two trials", engine::edit::duplicateTrial(doc.scenario(), 0), ChangeKind::Run));
    ASSERT_TRUE(waitFor([&] { return run.current() && run.current()->pc->trial == 0; }));
    EXPECT_EQ(editing.editedTrial(), 0u);  // before the first trial
    run.step(Granularity::Trial);
    ASSERT_TRUE(waitFor([&] { return run.current()->pc->trial == 1; }));
    EXPECT_EQ(editing.editedTrial(), 0u);
    run.step(Granularity::Trial);
    ASSERT_TRUE(waitFor([&] { return run.current()->pc->trial == 2; }));
    EXPECT_EQ(editing.editedTrial(), 1u);
    EXPECT_EQ(editing.valueLabel(Input0), "Input river (trial 2):");
    ASSERT_TRUE(editing.setValue(Input0, 0.25));
    EXPECT_EQ(doc.scenario().trials[1].input(0, 0), 0.25);
    EXPECT_EQ(doc.scenario().trials[0].input(0, 0), 1.0);
    // The run has taken steps: a live edit of the run (and of the trial list).
    EXPECT_EQ(doc.undoStack()->undoText(), "Live edit input river = 0.25 (trial 2 of the list)");
}

TEST_F(ValueEditing, TheMenuOfANeuronChangesItsLayer) {
    {
        QMenu menu;
        editing.fillContextMenu(menu, Hidden);
        ASSERT_NE(findAction(menu, "Remove this neuron"), nullptr);
        EXPECT_FALSE(findAction(menu, "Remove this neuron")->isEnabled());  // the only one
        EXPECT_EQ(findAction(menu, "Set target…"), nullptr);
        ASSERT_NE(findAction(menu, "Add a neuron to layer 1"), nullptr);
        findAction(menu, "Add a neuron to layer 1")->trigger();
    }
    EXPECT_EQ(doc.scenario().spec.sizes, (std::vector<engine::Index>{1, 2, 2}));
    {
        QMenu menu;
        editing.fillContextMenu(menu, Hidden);
        EXPECT_TRUE(findAction(menu, "Remove this neuron")->isEnabled());
        QAction* sigmoid = findAction(menu, "sigmoid");
        ASSERT_NE(sigmoid, nullptr);
        sigmoid->trigger();
    }
    EXPECT_EQ(doc.scenario().spec.activations[1], engine::Activation::Sigmoid);
    EXPECT_EQ(doc.undoStack()->undoText(), "Layer 1: sigmoid");
    {
        QMenu menu;
        editing.fillContextMenu(menu, Hidden);
        ASSERT_NE(findAction(menu, "Remove layer 1"), nullptr);
        findAction(menu, "Remove layer 1")->trigger();
    }
    EXPECT_EQ(doc.scenario().spec.sizes, (std::vector<engine::Index>{1, 2}));
}

TEST_F(ValueEditing, TheMenusOfAnOutputASynapseAndTheEmptySpace) {
    {
        QMenu menu;
        editing.fillContextMenu(menu, Smell);
        QAction* none = findAction(menu, "No target (this output gets no error)");
        ASSERT_NE(none, nullptr);
        EXPECT_FALSE(none->isChecked());
        none->trigger();
    }
    const engine::Trial& t = doc.scenario().trials[0];
    ASSERT_EQ(t.mask.size(), 2);
    EXPECT_EQ(t.mask(1, 0), 0.0);
    {
        QMenu menu;
        editing.fillContextMenu(menu, Weight210);
        QSignalSpy requested(&editing, &EditingController::weightsRequested);
        findAction(menu, "Edit all weights of W2…")->trigger();
        ASSERT_EQ(requested.count(), 1);
        EXPECT_EQ(requested.at(0).at(0).toInt(), 2);
        findAction(menu, "W2 fixed (does not learn)")->trigger();
    }
    EXPECT_FALSE(doc.scenario().spec.weight(2).trainable);
    QAction editorToggle("Scenario editor");
    editing.setEditorAction(&editorToggle);
    {
        QMenu menu;
        editing.fillContextMenu(menu, Selection{});
        EXPECT_NE(findAction(menu, "Scenario editor"), nullptr);
        findAction(menu, "Add a hidden layer before the output")->trigger();
    }
    EXPECT_EQ(doc.scenario().spec.sizes.size(), 4u);
}

TEST_F(ValueEditing, AskValueSetsWhatIsTypedAndCancelChangesNothing) {
    QString label;
    whenModal([&](QWidget* modal) {
        auto* dialog = qobject_cast<QInputDialog*>(modal);
        if (!dialog) {
            ADD_FAILURE() << "not the value dialog";
            modal->close();
            return;
        }
        label = dialog->labelText();
        dialog->setDoubleValue(0.375);
        dialog->accept();
    });
    editing.askValue(Weight210);
    EXPECT_EQ(label, QStringLiteral("Weight h1 → smell:"));
    EXPECT_EQ(weight(2, 1, 0), 0.375);
    whenModal([](QWidget* modal) {
        auto* dialog = qobject_cast<QInputDialog*>(modal);
        if (!dialog) {
            ADD_FAILURE() << "not the value dialog";
            modal->close();
            return;
        }
        dialog->setDoubleValue(9.0);
        dialog->reject();
    });
    editing.askValue(Smell);
    EXPECT_EQ(doc.scenario().trials[0].target(1, 0), 1.0);
    EXPECT_EQ(steps(), 1);
}

TEST_F(ValueEditing, ReseedIsAnUndoableEditOfTheSeed) {
    const std::uint64_t seed = doc.scenario().seed;
    editing.reseed();
    EXPECT_EQ(doc.scenario().seed, seed + 1);
    EXPECT_EQ(doc.undoStack()->undoText(), QString("Re-randomise (seed %1)").arg(seed + 1));
    doc.undoStack()->undo();
    EXPECT_EQ(doc.scenario().seed, seed);
}
