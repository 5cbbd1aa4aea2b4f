// The soak: every preset played at full speed in the window (offscreen) for minutes, with random
// edits, undo and redo, steps, scrubs, resumes, speed changes and short recordings, while the
// resident memory is watched. It passes when nothing crashed, no sanitizer spoke (the asan
// preset), the memory stayed under its bound and the window still answers at the end. Not in
// the default test run (ctest label "soak"); see HACKING.md for the command and its settings:
//   PROSPECT_SOAK_MINUTES   minutes per preset (default 1)
//   PROSPECT_SOAK_MAX_MIB   resident-memory bound in MiB (default 1500)
//   PROSPECT_SOAK_SEED      seed of the random actions (default 1)
//   PROSPECT_SOAK_PRESETS   comma-separated presets (default all)
#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "app/processmemory.h"
#include "engine/scenario/presets.h"
#include "engine/scenario/scenarioedit.h"
#include "ui/editing/editingcontroller.h"
#include "ui/editing/scenariodocument.h"
#include "ui/lab/mainwindow.h"
#include "ui/media/recorddialog.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/simulation/simulationworker.h"
#include "ui/views/timelinebar.h"
#include "waitfor.h"

using namespace ui;

namespace {

/// Time between two random actions (ms): about 25 actions a second.
constexpr int ActionIntervalMs = 40;

double envReal(const char* name, double fallback) {
    bool ok = false;
    const double v = qEnvironmentVariable(name).toDouble(&ok);
    return ok && v > 0 ? v : fallback;
}

long residentMiB() {
    return app::residentKiB() / 1024;
}

std::vector<std::string> presetNames() {
    const QStringList chosen =
        qEnvironmentVariable("PROSPECT_SOAK_PRESETS").split(',', Qt::SkipEmptyParts);
    std::vector<std::string> names;
    for (const engine::Scenario& p : engine::presets())
        if (chosen.isEmpty() || chosen.contains(QString::fromStdString(p.name)))
            names.push_back(p.name);
    return names;
}

/// Random use of one window: each act() does one thing a user might do.
class Monkey {
public:
    Monkey(MainWindow& window, std::uint64_t seed, const QString& folder)
        : m_w(window), m_random(seed), m_folder(folder) {}

    void act() {
        const int dice = pick(0, 99);
        if (dice < 15)
            edit();
        else if (dice < 25)
            undoRedo();
        else if (dice < 40)
            step();
        else if (dice < 55)
            scrub();
        else if (dice < 65)
            resume();
        else if (dice < 73)
            togglePlay();
        else if (dice < 80)
            speed();
        else if (dice < 84)
            count("reset"), m_w.controller()->reset();
        else if (dice < 87)
            count("reseed"), m_w.editing()->reseed();
        else if (dice < 92)
            record();
        else
            count("live"), m_w.controller()->goLive();
    }
    /// Answers the window's questions as a user would: "Resume from here" mostly with Resume,
    /// sometimes Cancel, now and then ticking "Don't ask again". Called from a timer, which also
    /// runs inside the question's own event loop (the question opens after resume() returns).
    void answerQuestions() {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || box->objectName() != "resumeQuestion")
            return;
        count("resume question");
        if (box->checkBox())
            box->checkBox()->setChecked(pick(0, 19) == 0);
        box->button(pick(0, 3) ? QMessageBox::Yes : QMessageBox::Cancel)->click();
    }
    /// Waits for a recording still running (true when none is, or it ended).
    bool finishRecording() {
        return !m_recording || waitFor([this] { return !m_recording; }, 120000);
    }
    bool recording() const { return m_recording; }
    const std::map<std::string, int>& counts() const { return m_counts; }
    int recordingsOk() const { return m_recordingsOk; }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_random); }
    void count(const std::string& what) { ++m_counts[what]; }

    void edit() {
        ScenarioDocument* doc = m_w.document();
        const engine::Scenario& s = doc->scenario();
        if (pick(0, 3) == 0) {  // a hyper-parameter: the run goes on with it
            engine::BpConfig bp = s.bp;
            bp.alpha = 0.01 * pick(1, 50);
            count("settings edit");
            doc->apply("soak rate", engine::edit::setConfigs(s, bp, s.pc), ChangeKind::Settings);
            return;
        }
        const int l = pick(1, int(s.spec.depth()));
        const int post = pick(0, int(s.spec.sizes[std::size_t(l)]) - 1);
        const int pre = pick(0, int(s.spec.sizes[std::size_t(l - 1)]) - 1);
        count("weight edit");
        // Sometimes a drag (merged edits), sometimes single edits.
        doc->apply("soak weight", engine::edit::setWeight(s, l, post, pre, 0.05 * pick(-40, 40)),
                   ChangeKind::Run, pick(0, 1) ? QStringLiteral("soak drag") : QString());
        if (pick(0, 2) == 0)
            doc->endMerge();
    }
    void undoRedo() {
        QUndoStack* undo = m_w.document()->undoStack();
        count("undo/redo");
        if (pick(0, 1) && undo->canUndo())
            undo->undo();
        else if (undo->canRedo())
            undo->redo();
    }
    void step() {
        count("step");
        m_w.controller()->step(static_cast<Granularity>(pick(0, 2)), pick(1, 3));
    }
    void scrub() {
        count("scrub");
        const std::size_t frames = m_w.controller()->history().size();
        if (pick(0, 1) && frames > 0)
            m_w.controller()->showFrame(std::size_t(pick(0, int(frames) - 1)));
        else
            m_w.timeline()->move(pick(-20, 5));
    }
    void resume() {
        count("resume");
        m_w.controller()->resumeFromHere();
        m_w.controller()->play();
    }
    void togglePlay() {
        count("play/pause");
        m_w.controller()->togglePlay();
    }
    void speed() {
        count("speed");
        // Mostly back to full speed: the soak is about full speed, the others are visited.
        m_w.controller()->setSpeed(pick(0, 2) ? MaxSpeedLevel : pick(0, MaxSpeedLevel));
    }
    void record() {
        if (m_recording)
            return;
        auto* dialog = qobject_cast<RecordDialog*>(m_w.showRecordDialog());
        if (!dialog)
            return;
        static const char* const Suffixes[] = {"gif", "mp4", "webm"};
        dialog->setPath(QStringLiteral("%1/soak-%2.%3")
                            .arg(m_folder)
                            .arg(m_recordings++)
                            .arg(Suffixes[pick(0, 2)]));
        dialog->setFrameSize({160, 120});
        const int frames = int(m_w.controller()->history().size());
        const bool history = frames > 1 && pick(0, 1);
        dialog->setFromHistory(history);
        if (history)
            dialog->setRange(std::max(0, frames - 1 - pick(1, 8)), frames - 1);
        else
            dialog->setResimulation(1, Granularity::Phase);
        QObject::connect(dialog, &RecordDialog::recordingFinished, dialog,
                         [this, dialog](bool ok, const QString&) {
                             m_recordingsOk += ok;
                             m_recording = false;
                             dialog->close();
                         });
        count("recording");
        m_recording = dialog->startRecording().isEmpty();
        if (!m_recording)
            dialog->close();
    }

    MainWindow& m_w;
    std::mt19937_64 m_random;
    QString m_folder;
    std::map<std::string, int> m_counts;
    bool m_recording = false;
    int m_recordings = 0;
    int m_recordingsOk = 0;
};

/// Qt's messages, less the offscreen platform's note on every dialog shown (hundreds a minute).
QtMessageHandler g_qtHandler = nullptr;
void quieterMessages(QtMsgType type, const QMessageLogContext& context, const QString& text) {
    if (g_qtHandler && !text.contains(QLatin1String("does not support propagateSizeHints")))
        g_qtHandler(type, context, text);
}

class Soak : public ::testing::TestWithParam<std::string> {
protected:
    static void SetUpTestSuite() { g_qtHandler = qInstallMessageHandler(quieterMessages); }
    static void TearDownTestSuite() { qInstallMessageHandler(g_qtHandler); }
};

}  // namespace

TEST_P(Soak, ThePresetSurvivesRandomUseAtFullSpeed) {
    const double minutes = envReal("PROSPECT_SOAK_MINUTES", 1.0);
    const long maxMiB = long(envReal("PROSPECT_SOAK_MAX_MIB", 1500));
    const auto seed = std::uint64_t(envReal("PROSPECT_SOAK_SEED", 1));
    QTemporaryDir folder;
    ASSERT_TRUE(folder.isValid());
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    ASSERT_TRUE(w.loadPreset(QString::fromStdString(GetParam())));
    ASSERT_TRUE(waitFor([&] { return w.controller()->current() != nullptr; }, 60000));
    w.controller()->setSpeed(MaxSpeedLevel);
    w.controller()->play();

    Monkey monkey(w, seed, folder.path());
    long peakMiB = residentMiB();
    std::size_t peakHistoryBytes = 0;
    std::int64_t lastTrial = 0, trials = 0;  // trials run, summed over resets and edits
    QObject::connect(w.controller(), &SimulationController::frameShown, &w, [&](const FramePtr& f) {
        if (f->pc->trial > lastTrial)
            trials += f->pc->trial - lastTrial;
        lastTrial = f->pc->trial;
        peakHistoryBytes = std::max(peakHistoryBytes, w.controller()->history().frameBytes());
    });
    QEventLoop loop;
    QTimer actions;
    QObject::connect(&actions, &QTimer::timeout, [&] {
        monkey.act();
        peakMiB = std::max(peakMiB, residentMiB());
        if (peakMiB > maxMiB)
            loop.quit();
    });
    actions.start(ActionIntervalMs);
    // A dialog that no action answers would stop the soak in its own event loop: fail, naming
    // it, and close it.
    QTimer watchdog;
    int modalSeconds = 0;
    QObject::connect(&watchdog, &QTimer::timeout, [&] {
        QWidget* modal = QApplication::activeModalWidget();
        // A recording's progress is open for as long as it encodes (longer on a busy machine)
        // and has no event loop of its own: it closes when the recording the monkey waits for
        // ends.
        if (modal && modal->objectName() == "recordingProgress" && monkey.recording())
            modal = nullptr;
        modalSeconds = modal ? modalSeconds + 1 : 0;
        if (modal && modalSeconds >= 10) {
            ADD_FAILURE() << "a dialog stayed open for 10 s: " << modal->objectName().toStdString()
                          << " \"" << modal->windowTitle().toStdString() << "\"";
            modal->close();
            modalSeconds = 0;
        }
    });
    watchdog.start(1000);
    QTimer answers;
    QObject::connect(&answers, &QTimer::timeout, [&] { monkey.answerQuestions(); });
    answers.start(50);
    QTimer::singleShot(int(minutes * 60000), &loop, &QEventLoop::quit);
    loop.exec();
    actions.stop();
    EXPECT_LE(peakMiB, maxMiB) << "resident memory passed the bound (PROSPECT_SOAK_MAX_MIB)";
    EXPECT_LE(peakHistoryBytes, std::size_t(128) << 20) << "the history passed its budget";

    // Still answering: the last recording ends, and a step from live gives a new frame.
    EXPECT_TRUE(monkey.finishRecording()) << "a recording never finished";
    w.controller()->pause();
    w.controller()->goLive();
    QSignalSpy frames(w.controller(), &SimulationController::frameShown);
    w.controller()->reset();
    EXPECT_TRUE(waitFor([&] { return frames.count() > 0; }, 60000)) << "no frame after a reset";

    int actionsDone = 0;
    for (const auto& [what, n] : monkey.counts())
        actionsDone += n;
    std::cout << "[soak] " << GetParam() << ": " << minutes << " min, " << trials
              << " trials, peak " << peakMiB << " MiB resident, history at most "
              << (peakHistoryBytes >> 20) << " MiB, " << monkey.recordingsOk()
              << " recordings written; " << actionsDone / (minutes * 60)
              << " actions per second (the GUI thread's pace):";
    for (const auto& [what, n] : monkey.counts())
        std::cout << " " << what << " " << n << ",";
    std::cout << " seed " << seed << "\n";
}

/// "deep-tanh" -> "deep_tanh" (test names allow no dash).
std::string testName(const ::testing::TestParamInfo<std::string>& preset) {
    std::string name = preset.param;
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

INSTANTIATE_TEST_SUITE_P(Presets, Soak, ::testing::ValuesIn(presetNames()), testName);
