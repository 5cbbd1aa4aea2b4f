// The file controller without a window: its questions are answered by the test.
#include <gtest/gtest.h>

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>

#include "engine/scenario/presets.h"
#include "engine/scenario/scenariofile.h"
#include "ui/editing/filecontroller.h"
#include "ui/editing/scenariodocument.h"

using namespace ui;

namespace {

/// A file controller whose questions get the answers set in its fields, and which counts them.
class ScriptedFiles : public FileController {
public:
    using FileController::FileController;
    using FileController::Unsaved;
    QString openPath, savePath;  ///< "" = the user cancels the file dialog
    Unsaved unsaved = Unsaved::Cancel;
    QStringList asked;     ///< "open", "save <suggestion>", "unsaved <name>", in order
    QStringList warnings;  ///< the texts of the warnings shown

protected:
    QString askOpenPath(const QString&) override {
        asked << "open";
        return openPath;
    }
    QString askSavePath(const QString& suggestion) override {
        asked << "save " + QFileInfo(suggestion).fileName();
        return savePath;
    }
    Unsaved askUnsaved(const QString& name) override {
        asked << "unsaved " + name;
        return unsaved;
    }
    void warn(const QString&, const QString& text) override { warnings << text; }
};

/// The bear in a document, its recent files kept in a temporary settings file.
class Files : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        files.setSettingsFile(dir.filePath("settings.ini"));
        doc.reset(*engine::findPreset("bear"), {});
    }
    /// An unsaved change: W1[0,0] = v.
    void change(double v) {
        ASSERT_TRUE(doc.apply("edit", engine::edit::setWeight(doc.scenario(), 1, 0, 0, v),
                              ChangeKind::Run));
        ASSERT_TRUE(doc.isModified());
    }
    engine::Scenario read(const QString& path) {
        const engine::ScenarioResult r = engine::readScenarioFile(path.toStdString());
        EXPECT_TRUE(r.scenario) << r.error;
        return r.scenario ? *r.scenario : engine::Scenario{};
    }

    QTemporaryDir dir;
    ScenarioDocument doc;
    ScriptedFiles files{&doc, nullptr};
};

}  // namespace

TEST_F(Files, SaveAsksForAFileOnceAndThenSavesToIt) {
    ASSERT_NO_FATAL_FAILURE(change(0.5));
    QSignalSpy saved(&files, &FileController::saved);
    files.savePath = dir.filePath("mine");  // no suffix: the MIME type's .prospect.json is added
    ASSERT_TRUE(files.save());
    const QString path = dir.filePath("mine.prospect.json");
    EXPECT_EQ(files.asked, QStringList{"save bear.prospect.json"});
    EXPECT_EQ(doc.filePath(), path);
    EXPECT_FALSE(doc.isModified());
    ASSERT_EQ(saved.count(), 1);
    EXPECT_EQ(saved.at(0).at(0).toString(), path);
    EXPECT_TRUE(engine::sameScenario(read(path), doc.scenario()));
    ASSERT_NO_FATAL_FAILURE(change(0.75));
    ASSERT_TRUE(files.save());
    EXPECT_EQ(files.asked.size(), 1);  // the document has its file now
    EXPECT_EQ(read(path).network().weight(1)(0, 0), 0.75);
}

TEST_F(Files, TheViewOfTheWindowIsSavedWithTheScenario) {
    files.setViewSource([] {
        engine::ViewSettings v;
        v.energyMachine = true;
        v.plot = "weights";
        return v;
    });
    const QString path = dir.filePath("view.json");
    ASSERT_EQ(files.saveFile(path), QString());
    EXPECT_TRUE(read(path).view.energyMachine);
    EXPECT_EQ(read(path).view.plot, "weights");
}

TEST_F(Files, UnsavedChangesAreAskedAboutAndCancelKeepsThem) {
    EXPECT_TRUE(files.loadPreset("deep-linear"));  // nothing unsaved: no question
    EXPECT_TRUE(files.asked.isEmpty());
    ASSERT_NO_FATAL_FAILURE(change(0.5));
    const engine::Scenario mine = doc.scenario();
    files.unsaved = ScriptedFiles::Unsaved::Cancel;
    EXPECT_FALSE(files.loadPreset("bear"));
    EXPECT_TRUE(engine::sameScenario(doc.scenario(), mine));
    EXPECT_TRUE(doc.isModified());
    // Save, but the file dialog is cancelled: still nothing lost.
    files.unsaved = ScriptedFiles::Unsaved::Save;
    EXPECT_FALSE(files.loadPreset("bear"));
    EXPECT_TRUE(engine::sameScenario(doc.scenario(), mine));
    // Save to a file, then the preset.
    files.savePath = dir.filePath("kept.json");
    EXPECT_TRUE(files.loadPreset("bear"));
    EXPECT_TRUE(engine::sameScenario(read(dir.filePath("kept.json")), mine));
    EXPECT_EQ(doc.scenario().name, "bear");
    // Discard goes ahead without saving.
    ASSERT_NO_FATAL_FAILURE(change(0.25));
    files.unsaved = ScriptedFiles::Unsaved::Discard;
    files.newScenario();
    EXPECT_EQ(doc.scenario().spec.sizes, (std::vector<engine::Index>{2, 2, 1}));
    EXPECT_FALSE(doc.isModified());
    EXPECT_EQ(files.asked.filter("unsaved").size(), 4);
    EXPECT_FALSE(files.loadPreset("no-such-preset"));
}

TEST_F(Files, ABrokenFileIsReportedAndTheOpenWorkStays) {
    ASSERT_NO_FATAL_FAILURE(change(0.5));
    const engine::Scenario mine = doc.scenario();
    files.unsaved = ScriptedFiles::Unsaved::Discard;
    files.openPath = PROSPECT_SCENARIO_TEST_DIR "/bad/wrong-shape-rows.json";
    QSignalSpy messages(&files, &FileController::message);
    files.open();
    EXPECT_EQ(files.asked, (QStringList{"unsaved Bear and river (interference)", "open"}));
    ASSERT_EQ(messages.count(), 1);
    EXPECT_TRUE(messages.at(0).at(1).toBool());
    EXPECT_NE(messages.at(0).at(0).toString().indexOf("must have 2 rows"), -1);
    ASSERT_EQ(files.warnings.size(), 1);
    EXPECT_TRUE(engine::sameScenario(doc.scenario(), mine));
    EXPECT_TRUE(doc.isModified());
    EXPECT_TRUE(files.recentFiles().isEmpty());
    // A save that fails keeps the changes unsaved and says why.
    files.savePath = dir.filePath("no/such/dir/x.json");
    EXPECT_FALSE(files.saveAs());
    EXPECT_EQ(files.warnings.size(), 2);
    EXPECT_TRUE(doc.isModified());
}

TEST_F(Files, TheRecentFilesAreTheLastEightMostRecentFirstAndOpenFromTheMenu) {
    QStringList paths;
    for (int k = 0; k < 10; ++k) {
        paths.prepend(dir.filePath(QString("s%1.json").arg(k)));
        ASSERT_EQ(files.saveFile(paths.front()), QString());
    }
    ASSERT_EQ(files.saveFile(paths[3]), QString());  // saved again: to the front
    paths.move(3, 0);
    EXPECT_EQ(files.recentFiles(), paths.mid(0, FileController::MaxRecentFiles));
    QMenu menu;
    files.setRecentMenu(&menu);
    ASSERT_EQ(menu.actions().size(), FileController::MaxRecentFiles);
    EXPECT_EQ(menu.actions()[1]->text(), "s9.json");
    EXPECT_EQ(menu.actions()[1]->toolTip(), paths[1]);
    doc.reset(*engine::findPreset("deep-linear"), {});
    menu.actions()[1]->trigger();
    EXPECT_EQ(doc.filePath(), paths[1]);
    EXPECT_EQ(doc.scenario().name, "bear");
    EXPECT_EQ(files.recentFiles().front(), paths[1]);
    EXPECT_EQ(menu.actions()[0]->toolTip(), paths[1]);  // the menu follows
}
