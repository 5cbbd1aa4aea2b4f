// The document's undo history is bounded: a long session of edits keeps the last UndoLimit.
#include <gtest/gtest.h>

#include <QUndoStack>

#include "engine/scenario/presets.h"
#include "engine/scenario/scenarioedit.h"
#include "ui/editing/scenariodocument.h"

using namespace ui;

TEST(ScenarioDocument, TheUndoHistoryKeepsTheLastEditsUpToItsLimit) {
    ScenarioDocument doc;
    doc.reset(*engine::findPreset("bear"), {});
    const int edits = ScenarioDocument::UndoLimit + 50;
    for (int k = 1; k <= edits; ++k)
        ASSERT_TRUE(doc.apply("edit", engine::edit::setWeight(doc.scenario(), 1, 0, 0, k * 0.01),
                              ChangeKind::Run));
    QUndoStack& undo = *doc.undoStack();
    EXPECT_EQ(undo.count(), ScenarioDocument::UndoLimit);
    while (undo.canUndo())
        undo.undo();
    // Back to the state before the oldest edit kept: the one after edit number 50.
    const int oldestKept = edits - ScenarioDocument::UndoLimit;
    EXPECT_DOUBLE_EQ(doc.scenario().network().weight(1)(0, 0), oldestKept * 0.01);
    EXPECT_TRUE(doc.isModified());  // the file's state is no longer on the stack
}
