// The autosave folder and the autosaver without a window: time is never waited for (the
// timer's slot is called directly) and the restore question is answered by the test.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <memory>

#include "engine/scenario/presets.h"
#include "engine/scenario/scenarioedit.h"
#include "ui/editing/autosaver.h"
#include "ui/editing/editingcontroller.h"
#include "ui/editing/scenariodocument.h"
#include "ui/lab/mainwindow.h"

using namespace ui;

namespace {

/// An autosaver whose restore question gets the answers queued in `answers`.
class ScriptedAutosaver : public Autosaver {
public:
    using Autosaver::Autosaver;
    QList<Answer> answers;
    QStringList asked;  ///< "<name> +<more>" for each question

protected:
    Answer ask(const AutosaveEntry& entry, int more) override {
        asked << QStringLiteral("%1 +%2").arg(entry.name).arg(more);
        return answers.isEmpty() ? Answer::Later : answers.takeFirst();
    }
};

/// The bear with W1[0,0] = v.
engine::Scenario bearWith(double v) {
    return *engine::edit::setWeight(*engine::findPreset("bear"), 1, 0, 0, v).scenario;
}

/// The files in `dir`, sorted.
QStringList files(const QTemporaryDir& dir) {
    return QDir(dir.path()).entryList(QDir::Files, QDir::Name);
}

/// Leaves in `folder` the lock of a process that has ended without unlocking it (killed).
void leaveDeadLock(const QString& path) {
    const pid_t child = ::fork();
    if (child == 0) {
        QLockFile lock(path);
        ::_exit(lock.tryLock(0) ? 0 : 1);  // no destructor: the lock file stays
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ASSERT_TRUE(QFile::exists(path));
}

class Autosave : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        doc.reset(*engine::findPreset("bear"), {});
    }
    void change(double v) {
        ASSERT_TRUE(doc.apply("edit", engine::edit::setWeight(doc.scenario(), 1, 0, 0, v),
                              ChangeKind::Run));
    }
    QTemporaryDir dir;
    ScenarioDocument doc;
};

}  // namespace

TEST_F(Autosave, NothingIsWrittenBeforeTheFirstChange) {
    AutosaveStore store(dir.path());
    EXPECT_TRUE(store.findOrphans().isEmpty());
    EXPECT_TRUE(files(dir).isEmpty());
}

TEST_F(Autosave, AWindowThatStillRunsKeepsItsAutosave) {
    AutosaveStore running(dir.path());
    ASSERT_EQ(running.write(bearWith(0.25), "/x/mine.json", "mine.json"), QString());
    ASSERT_TRUE(QFile::exists(running.filePath()));
    AutosaveStore starting(dir.path());
    EXPECT_TRUE(starting.findOrphans().isEmpty());  // its lock is held
    EXPECT_TRUE(QFile::exists(running.filePath()));
}

TEST_F(Autosave, AWindowThatEndedWithoutClosingLeavesItsWorkForTheNextStart) {
    QString path;
    {
        AutosaveStore crashed(dir.path());
        ASSERT_EQ(crashed.write(bearWith(0.25), "/x/mine.json", "mine.json"), QString());
        path = crashed.filePath();
    }
    AutosaveStore next(dir.path());
    const QList<AutosaveEntry> found = next.findOrphans();
    ASSERT_EQ(found.size(), 1);
    EXPECT_EQ(found[0].file, path);
    EXPECT_EQ(found[0].originalPath, "/x/mine.json");
    EXPECT_EQ(found[0].name, "mine.json");
    EXPECT_TRUE(found[0].time.isValid());
    EXPECT_TRUE(engine::sameScenario(found[0].scenario, bearWith(0.25)));
    // Claimed while this window decides: another window starting now does not offer it too.
    AutosaveStore other(dir.path());
    EXPECT_TRUE(other.findOrphans().isEmpty());
    next.release(found[0]);  // Later: left for the next start
    EXPECT_EQ(other.findOrphans().size(), 1);
    EXPECT_TRUE(QFile::exists(path));
}

TEST_F(Autosave, TheLockOfAKilledProcessDoesNotHideItsWork) {
    AutosaveStore writer(dir.path());
    ASSERT_EQ(writer.write(bearWith(0.5), {}, "bear"), QString());
    ASSERT_TRUE(QFile::copy(writer.filePath(), dir.filePath("99-dead.autosave")));
    ASSERT_NO_FATAL_FAILURE(leaveDeadLock(dir.filePath("99-dead.lock")));
    AutosaveStore next(dir.path());
    const QList<AutosaveEntry> found = next.findOrphans();
    ASSERT_EQ(found.size(), 1);  // not the writer's own, which still runs
    EXPECT_EQ(found[0].file, dir.filePath("99-dead.autosave"));
    next.discard(found[0]);
    EXPECT_FALSE(QFile::exists(dir.filePath("99-dead.autosave")));
    EXPECT_FALSE(QFile::exists(dir.filePath("99-dead.lock")));
}

TEST_F(Autosave, AFileThatIsNotAnAutosaveIsLeftAlone) {
    QFile junk(dir.filePath("1-junk.autosave"));
    ASSERT_TRUE(junk.open(QIODevice::WriteOnly));
    junk.write("{\"format\": \"prospect-autosave\", \"version\": 1, \"scenario\": \"{\"}");
    junk.close();
    AutosaveStore store(dir.path());
    EXPECT_TRUE(store.findOrphans().isEmpty());
    EXPECT_TRUE(QFile::exists(junk.fileName()));
}

TEST_F(Autosave, AChangeIsWrittenWhenTheTimerFiresNotBefore) {
    auto saver = std::make_unique<ScriptedAutosaver>(&doc, nullptr, dir.path());
    EXPECT_FALSE(saver->pending());
    ASSERT_NO_FATAL_FAILURE(change(0.5));
    EXPECT_TRUE(saver->pending());
    EXPECT_FALSE(QFile::exists(saver->store().filePath()));
    ASSERT_NO_FATAL_FAILURE(change(0.75));  // more edits: still one write
    EXPECT_TRUE(saver->pending());
    ASSERT_EQ(saver->saveNow(), QString());  // what the timer calls
    EXPECT_FALSE(saver->pending());
    ASSERT_TRUE(QFile::exists(saver->store().filePath()));
    // The window dies without closing: its lock goes, its file stays, and the next start
    // finds the document as it was at the write.
    saver.reset();
    AutosaveStore next(dir.path());
    const QList<AutosaveEntry> found = next.findOrphans();
    ASSERT_EQ(found.size(), 1);
    EXPECT_TRUE(engine::sameScenario(found[0].scenario, doc.scenario()));
    EXPECT_EQ(found[0].scenario.network().weight(1)(0, 0), 0.75);
}

TEST_F(Autosave, SavingUndoingToTheSavedStateOrLoadingRemovesTheAutosave) {
    ScriptedAutosaver saver(&doc, nullptr, dir.path());
    const QString file = saver.store().filePath();
    ASSERT_NO_FATAL_FAILURE(change(0.5));
    ASSERT_EQ(saver.saveNow(), QString());
    ASSERT_TRUE(QFile::exists(file));
    ASSERT_EQ(doc.save(dir.filePath("mine.json")), QString());
    EXPECT_FALSE(QFile::exists(file));
    EXPECT_FALSE(saver.pending());

    ASSERT_NO_FATAL_FAILURE(change(0.25));
    ASSERT_EQ(saver.saveNow(), QString());
    ASSERT_TRUE(QFile::exists(file));
    doc.undoStack()->undo();  // back to the saved file
    EXPECT_FALSE(doc.isModified());
    EXPECT_FALSE(QFile::exists(file));

    ASSERT_NO_FATAL_FAILURE(change(0.125));
    ASSERT_EQ(saver.saveNow(), QString());
    doc.reset(*engine::findPreset("deep-linear"), {});  // after the unsaved-changes question
    EXPECT_FALSE(QFile::exists(file));

    ASSERT_NO_FATAL_FAILURE(change(0.5));
    ASSERT_EQ(saver.saveNow(), QString());
    saver.discard();  // the window closes, the user discarded the changes
    EXPECT_FALSE(QFile::exists(file));
    EXPECT_FALSE(saver.pending());
}

TEST_F(Autosave, RestoreOpensTheWorkAsAModifiedDocumentOfItsOriginalFile) {
    {
        AutosaveStore crashed(dir.path());
        ASSERT_EQ(crashed.write(bearWith(0.25), dir.filePath("mine.json"), "mine.json"), QString());
    }
    ScriptedAutosaver saver(&doc, nullptr, dir.path());
    QSignalSpy messages(&saver, &Autosaver::message);
    saver.answers = {Autosaver::Answer::Restore};
    const QString restored = saver.offerRestore(Autosaver::Policy::Ask);
    EXPECT_TRUE(restored.contains("mine.json")) << restored.toStdString();
    EXPECT_EQ(saver.asked, QStringList{"mine.json +0"});
    EXPECT_TRUE(engine::sameScenario(doc.scenario(), bearWith(0.25)));
    EXPECT_TRUE(doc.isModified());
    EXPECT_EQ(doc.filePath(), dir.filePath("mine.json"));
    EXPECT_EQ(messages.count(), 1);
    // The old copy is gone; the work is kept under this window's name straight away.
    EXPECT_EQ(files(dir).filter(".autosave"),
              QStringList{QFileInfo(saver.store().filePath()).fileName()});
    EXPECT_EQ(files(dir).size(), 2);  // and its lock
    // Saving removes it; the lock stays while the window runs.
    ASSERT_EQ(doc.save(dir.filePath("mine.json")), QString());
    EXPECT_FALSE(QFile::exists(saver.store().filePath()));
    EXPECT_TRUE(files(dir).contains("mine.json"));
    EXPECT_TRUE(files(dir).filter(".autosave").isEmpty());
}

TEST_F(Autosave, DiscardDeletesLaterKeepsAndOnlyOneIsRestored) {
    // Written a minute apart (the time is given: no waiting).
    const QDateTime start = QDateTime::currentDateTimeUtc();
    for (double v : {0.25, 0.5, 0.75}) {
        AutosaveStore crashed(dir.path());
        ASSERT_EQ(crashed.write(bearWith(v), {}, QString::number(v), start.addSecs(int(v * 240))),
                  QString());
    }
    ScriptedAutosaver saver(&doc, nullptr, dir.path());
    // Newest first: 0.75 is discarded, 0.5 restored, 0.25 not asked about and kept.
    saver.answers = {Autosaver::Answer::Discard, Autosaver::Answer::Restore};
    ASSERT_FALSE(saver.offerRestore(Autosaver::Policy::Ask).isEmpty());
    EXPECT_EQ(saver.asked, (QStringList{"0.75 +2", "0.5 +1"}));
    EXPECT_TRUE(engine::sameScenario(doc.scenario(), bearWith(0.5)));
    AutosaveStore next(dir.path());
    const QList<AutosaveEntry> left = next.findOrphans();
    ASSERT_EQ(left.size(), 1);  // the restoring window's own runs: not offered
    EXPECT_EQ(left[0].name, "0.25");
}

TEST_F(Autosave, LaterLeavesEverythingAndThePoliciesNeedNoQuestion) {
    for (double v : {0.25, 0.5}) {
        AutosaveStore crashed(dir.path());
        ASSERT_EQ(crashed.write(bearWith(v), {}, QString::number(v)), QString());
    }
    {
        ScriptedAutosaver saver(&doc, nullptr, dir.path());
        saver.answers = {Autosaver::Answer::Later};
        EXPECT_EQ(saver.offerRestore(Autosaver::Policy::Ask), QString());
        EXPECT_EQ(saver.asked.size(), 1);  // Later is for all of them
        EXPECT_FALSE(doc.isModified());
    }
    {
        ScriptedAutosaver saver(&doc, nullptr, dir.path());
        EXPECT_EQ(saver.offerRestore(Autosaver::Policy::Later), QString());
        EXPECT_TRUE(saver.asked.isEmpty());
    }
    EXPECT_EQ(files(dir).filter(".autosave").size(), 2);
    {
        ScriptedAutosaver saver(&doc, nullptr, dir.path());
        EXPECT_EQ(saver.offerRestore(Autosaver::Policy::Discard), QString());
        EXPECT_TRUE(saver.asked.isEmpty());
    }
    EXPECT_TRUE(files(dir).isEmpty());
    {
        AutosaveStore crashed(dir.path());
        ASSERT_EQ(crashed.write(bearWith(0.75), {}, "bear"), QString());
    }
    ScriptedAutosaver saver(&doc, nullptr, dir.path());
    EXPECT_FALSE(saver.offerRestore(Autosaver::Policy::Restore).isEmpty());
    EXPECT_TRUE(saver.asked.isEmpty());
    EXPECT_TRUE(engine::sameScenario(doc.scenario(), bearWith(0.75)));
}

TEST_F(Autosave, AWriteThatFailsIsSaidOnce) {
    QFile blocker(dir.filePath("notafolder"));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    ScriptedAutosaver saver(&doc, nullptr, blocker.fileName());
    QSignalSpy messages(&saver, &Autosaver::message);
    ASSERT_NO_FATAL_FAILURE(change(0.5));
    EXPECT_NE(saver.saveNow(), QString());
    EXPECT_NE(saver.saveNow(), QString());
    ASSERT_EQ(messages.count(), 1);
    EXPECT_TRUE(messages.at(0).at(1).toBool());
    EXPECT_TRUE(messages.at(0).at(0).toString().contains("notafolder"));
}

TEST(WindowAutosave, TheWindowKeepsItsEditsAndClosingWithDiscardRemovesThem) {
    MainWindow w;
    ASSERT_TRUE(w.loadPreset("bear"));
    Autosaver* saver = w.autosaver();
    const QString file = saver->store().filePath();
    w.editing()->reseed();  // Shift+R: an undoable edit
    EXPECT_TRUE(saver->pending());
    ASSERT_EQ(saver->saveNow(), QString());
    ASSERT_TRUE(QFile::exists(file));
    // Closing asks about the unsaved changes; Discard lets the window close and the copy go.
    QTimer answer;
    QObject::connect(&answer, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Discard)->click();
    });
    answer.start(10);
    EXPECT_TRUE(w.close());
    EXPECT_FALSE(QFile::exists(file));
    EXPECT_FALSE(saver->pending());
}

TEST(WindowAutosave, ACancelledCloseKeepsTheCopy) {
    MainWindow w;
    ASSERT_TRUE(w.loadPreset("bear"));
    w.editing()->reseed();
    ASSERT_EQ(w.autosaver()->saveNow(), QString());
    QTimer answer;
    QObject::connect(&answer, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Cancel)->click();
    });
    answer.start(10);
    EXPECT_FALSE(w.close());
    EXPECT_TRUE(QFile::exists(w.autosaver()->store().filePath()));
}
