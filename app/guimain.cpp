#include "app/guimain.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QIcon>
#include <QTimer>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "app/options.h"
#include "app/processmemory.h"
#include "app/qtsetup.h"
#include "engine/report/format.h"
#include "engine/report/outputfile.h"
#include "engine/scenario/presets.h"
#include "engine/scenario/scenariofile.h"
#include "ui/editing/autosaver.h"
#include "ui/lab/displaycontroller.h"
#include "ui/lab/mainwindow.h"
#include "ui/media/recording.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/teaching/lessonfollower.h"
#include "ui/views/networkview.h"
#include "ui/views/rulepane.h"

namespace app {

namespace {

std::vector<OptionSpec> guiOptions() {
    return {
        {"preset", "first-steps",
         "preset to open (see --list-presets); first-steps is the bear with the newcomer's lesson"},
        {"open", "", "scenario file to open instead of a preset"},
        {"trials", "0", "trials to run before showing (or saving) the window"},
        {"screenshot", "", "render the window offscreen into this PNG and exit"},
        {"lesson-step", "0",
         "follow the scenario's lesson to step K first: press every action of steps 1 to K "
         "(runs at maximum speed) and show step K"},
        {"size", "1280x800", "window size, WIDTHxHEIGHT (without it the window fits the screen)"},
        {"presentation", "", "start in presentation mode (full screen, large text)", true},
        {"measure", "0",
         "play at maximum speed for this many seconds, print frame rates and memory, exit"},
        {"restore-autosave", "ask",
         "unsaved work of a window that crashed: ask, yes (restore), no (discard) or later"}};
}

bool parseSize(const std::string& text, int& w, int& h) {
    const size_t x = text.find('x');
    if (x == std::string::npos)
        return false;
    const auto a = parseInteger(text.substr(0, x)), b = parseInteger(text.substr(x + 1));
    if (!a || !b || *a < 320 || *b < 240 || *a > 8192 || *b > 8192)
        return false;
    w = int(*a);
    h = int(*b);
    return true;
}

/// Counts paint events of one widget.
class PaintCounter : public QObject {
public:
    int paints = 0;
    bool eventFilter(QObject*, QEvent* e) override {
        if (e->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

int runMeasurement(QApplication& application, ui::MainWindow& window, double seconds,
                   const std::string& preset) {
    ui::SimulationController* controller = window.controller();
    PaintCounter bpPaints, pcPaints;
    window.pane(engine::Rule::BP)->networkView()->installEventFilter(&bpPaints);
    window.pane(engine::Rule::PC)->networkView()->installEventFilter(&pcPaints);
    int frames = 0;
    double lastSteps = 0.0;
    QObject::connect(controller, &ui::SimulationController::frameShown, &window,
                     [&](const ui::FramePtr& f) {
                         ++frames;
                         if (f->running)
                             lastSteps = f->stepsPerSecond;
                     });
    const long startKiB = residentKiB();
    QElapsedTimer clock;
    long peakKiB = startKiB;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout,
                     [&] { peakKiB = std::max(peakKiB, residentKiB()); });
    sampler.start(1000);
    std::cout << "Measuring preset " << preset << " at maximum speed for " << seconds << " s ("
              << QGuiApplication::platformName().toStdString() << " platform)...\n"
              << std::flush;
    QTimer::singleShot(200, &window, [&] {
        controller->setSpeed(ui::MaxSpeedLevel);
        controller->play();
        frames = 0;
        bpPaints.paints = pcPaints.paints = 0;
        clock.start();
    });
    QTimer::singleShot(int(200 + seconds * 1000), &window, [&] {
        const double elapsed = double(clock.elapsed()) / 1000.0;
        controller->pause();
        const auto f = controller->current();
        std::cout << "frames received by the window: " << frames / elapsed << " per second\n"
                  << "BP network view repaints:      " << bpPaints.paints / elapsed
                  << " per second\n"
                  << "PC network view repaints:      " << pcPaints.paints / elapsed
                  << " per second\n"
                  << "engine micro-steps (PC):       " << lastSteps << " per second (last frame)\n"
                  << "trials completed:              " << (f ? f->pc->trial : 0) << "\n"
                  << "history:                       " << controller->history().size()
                  << " frames, " << controller->history().frameBytes() / 1024 << " KiB, "
                  << controller->history().trials().size() << " trial records\n"
                  << "resident memory:               start " << startKiB / 1024 << " MiB, peak "
                  << std::max(peakKiB, residentKiB()) / 1024 << " MiB, end " << residentKiB() / 1024
                  << " MiB\n";
        application.quit();
    });
    return application.exec();
}

/// What the window was asked to do on the command line.
struct GuiRequest {
    std::string openPath;    ///< A scenario file, or "" for the preset.
    std::string presetName;  ///< The preset (checked even when a file is opened).
    long long trials = 0;    ///< Trials to run before showing or saving.
    int width = 1280, height = 800;
    std::string screenshot;    ///< Save the window here and quit, or "".
    long long lessonStep = 0;  ///< Follow the lesson to this step first (0 = no).
    double measureSeconds = 0.0;
    std::string restore;  ///< --restore-autosave: ask, yes, no, later or "" (not offered).
};

/// --lesson-step: within the lesson of the scenario that will open.
std::optional<std::string> readLessonStep(const Options& options, GuiRequest& r) {
    if (auto error = options.integer("lesson-step", r.lessonStep); error || r.lessonStep < 0)
        return std::string("--lesson-step must be a whole number from 0");
    if (r.lessonStep == 0)
        return std::nullopt;
    if (r.trials > 0 || r.measureSeconds > 0)
        return std::string("--lesson-step cannot be combined with --trials or --measure");
    const std::optional<engine::Scenario> file =
        r.openPath.empty() ? std::nullopt : engine::readScenarioFile(r.openPath).scenario;
    const engine::Scenario& s = file ? *file : *engine::findPreset(r.presetName);
    if (r.lessonStep > static_cast<long long>(s.lesson.steps.size()))
        return "--lesson-step " + std::to_string(r.lessonStep) + ": the lesson has " +
               std::to_string(s.lesson.steps.size()) + " steps";
    return std::nullopt;
}

/// Reads and checks the options before any window exists: a bad option or a broken file is a
/// message, not a window.
std::optional<std::string> readGuiRequest(const Options& options, const std::string& positionalFile,
                                          GuiRequest& r) {
    r.openPath = positionalFile.empty() ? options.text("open") : positionalFile;
    if (!r.openPath.empty()) {
        const engine::ScenarioResult file = engine::readScenarioFile(r.openPath);
        if (!file.scenario)
            return file.error;
    }
    r.presetName = options.text("preset");
    if (!engine::findPreset(r.presetName))
        return "no preset called " + engine::report::echoed(r.presetName) +
               " (see: prospect --list-presets)";
    if (auto error = options.integer("trials", r.trials);
        error || r.trials < 0 || r.trials > 10'000'000)
        return std::string("--trials must be a whole number from 0 to 10000000");
    if (!parseSize(options.text("size"), r.width, r.height))
        return std::string("--size must look like 1280x800 (320x240 to 8192x8192)");
    r.screenshot = options.text("screenshot");
    if (options.given("screenshot") && r.screenshot.empty())
        return std::string("--screenshot: give a file name");
    if (auto error = options.real("measure", r.measureSeconds);
        error || r.measureSeconds < 0 || r.measureSeconds > 86400)
        return std::string("--measure must be a number of seconds from 0 to 86400");
    if (r.measureSeconds > 0 && !r.screenshot.empty())
        return std::string("--measure and --screenshot cannot be combined");
    r.restore = options.text("restore-autosave");
    if (r.restore != "ask" && r.restore != "yes" && r.restore != "no" && r.restore != "later")
        return "--restore-autosave must be ask, yes, no or later, not " +
               engine::report::echoed(r.restore);
    // A screenshot or a measurement is not a session: it leaves autosaves for the next one.
    if ((!r.screenshot.empty() || r.measureSeconds > 0) && !options.given("restore-autosave"))
        r.restore.clear();
    return readLessonStep(options, r);
}

/// The screenshot's name is tried before the trials run, as the commands open their output
/// files first: a missing folder or a read-only file is refused (exit 1) before any work. A
/// device or FIFO is left alone (opening a FIFO waits for its reader).
std::optional<int> probeScreenshotPath(const std::string& path) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (path.empty() ||
        (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)))
        return std::nullopt;
    engine::report::OutputFile probe;
    if (auto problem = probe.open(path)) {
        std::cerr << "prospect: " << *problem << "\n";
        return 1;
    }
    probe.discard();
    return std::nullopt;
}

/// Runs the trials asked for once the first frame is shown, then (with --screenshot) saves the
/// window and quits. A run that stops (divergence) or a one-pass scenario that is over ends it
/// too, with a note of why.
class TrialsThenScreenshot {
public:
    TrialsThenScreenshot(QApplication& application, ui::MainWindow& window, GuiRequest request)
        : m_application(application),
          m_window(window),
          m_request(std::move(request)),
          m_requested(m_request.trials == 0) {}

    void connect() {
        ui::SimulationController* controller = m_window.controller();
        QObject::connect(controller, &ui::SimulationController::frameShown, &m_window,
                         [this](const ui::FramePtr& frame) { onFrame(*frame); });
        // A one-pass trial list that is over before the trials asked for stops the run without
        // a problem, so no frame says so: the worker's message ends the screenshot instead of
        // waiting forever. (A divergence shows in the frame.)
        QObject::connect(controller, &ui::SimulationController::message, &m_window,
                         [this](const QString&, bool problem) {
                             if (!m_requested || m_request.screenshot.empty() || m_finishing ||
                                 problem || m_request.lessonStep > 0)
                                 return;
                             m_over = true;
                             finishSoon(300);
                         });
    }
    int exitCode() const { return m_exitCode; }
    void fail() { m_exitCode = 1; }

private:
    void onFrame(const ui::Frame& frame) {
        m_shownTrials = frame.pc->trialComplete ? frame.pc->trial
                                                : std::max<std::int64_t>(0, frame.pc->trial - 1);
        if (m_request.lessonStep > 0) {
            followLesson();
            return;
        }
        if (!m_requested) {
            m_requested = true;
            m_window.controller()->step(ui::Granularity::Trial, int(m_request.trials));
            return;
        }
        const bool done = frame.pc->trialComplete && frame.pc->trial >= m_request.trials;
        const bool stopped =
            frame.pc->status != engine::Status::Ok || frame.bp->status != engine::Status::Ok;
        if (stopped && m_stopNote.empty()) {
            m_stopProblem = frame.bp->problem.empty() ? frame.pc->problem : frame.bp->problem;
            m_stopNote = "Stopped: " + m_stopProblem;
        }
        if (done || stopped)
            finishSoon(50);
    }

    /// --lesson-step: once, on the first frame; the window is saved when the lesson is followed.
    void followLesson() {
        if (m_follower)
            return;
        m_follower = new ui::LessonFollower(m_window.lessonPanel(), m_window.lessonRunner(),
                                            m_window.controller(), &m_window);
        QObject::connect(m_follower, &ui::LessonFollower::finished, &m_window,
                         [this](const QString& problem) {
                             if (!problem.isEmpty()) {
                                 std::cerr << "prospect: the lesson stopped at "
                                           << problem.toStdString() << "\n";
                                 m_exitCode = 1;
                             }
                             finishSoon(300);
                         });
        m_follower->follow(int(m_request.lessonStep));
    }

    void finishSoon(int ms) {
        if (m_finishing)
            return;
        m_finishing = true;
        QTimer::singleShot(ms, &m_window, [this] { finish(); });
    }

    void finish() {
        if (m_request.screenshot.empty())
            return;
        // Only worth saying when the trials asked for were not all run (not "Reached trial N").
        if (m_shownTrials < m_request.trials) {
            if (!m_stopNote.empty())
                std::cout << m_stopNote << "\n";
            else if (m_over)
                std::cout << "Note: "
                          << ui::trialsOverNote(m_shownTrials, m_request.trials).toStdString()
                          << "\n";
        }
        saveScreenshot();
        // A run that diverged fails as `prospect record` and `prospect export` do: the picture
        // of the state where it stopped is written, and the exit code is 1.
        if (!m_stopNote.empty()) {
            std::cerr << "prospect: the run stopped early: " << m_stopProblem << "\n";
            m_exitCode = 1;
        }
        m_application.quit();
    }

    void saveScreenshot() {
        const GuiRequest& r = m_request;
        QSize written;
        const QString error = m_window.saveScreenshot(QString::fromStdString(r.screenshot),
                                                      QSize(r.width, r.height), &written);
        if (!error.isEmpty()) {
            std::cerr << "prospect: " << error.toStdString() << "\n";
            m_exitCode = 1;
            return;
        }
        std::cout << "Wrote " << r.screenshot << " (" << written.width() << "x" << written.height()
                  << ", " << (r.openPath.empty() ? "preset " + r.presetName : r.openPath) << ", "
                  << m_shownTrials << " trials)\n";
        if (written != QSize(r.width, r.height))
            std::cout << "Note: the window cannot be smaller than " << written.width() << "x"
                      << written.height() << ", so that size was used.\n";
    }

    QApplication& m_application;
    ui::MainWindow& m_window;
    const GuiRequest m_request;
    bool m_requested = false;
    bool m_finishing = false;
    std::int64_t m_shownTrials = 0;
    std::string m_stopNote;  // why the run stopped with a problem (from the frame), if it did
    std::string m_stopProblem;
    bool m_over = false;                       // a one-pass scenario ran out of trials
    ui::LessonFollower* m_follower = nullptr;  // --lesson-step
    int m_exitCode = 0;
};

/// Offers the unsaved work of windows that are no longer running, as --restore-autosave says.
/// Without a screen to ask on (offscreen), "ask" is "later": nothing waits for an answer.
void offerAutosaves(ui::MainWindow& window, const std::string& restore) {
    using Policy = ui::Autosaver::Policy;
    Policy policy = restore == "yes"     ? Policy::Restore
                    : restore == "no"    ? Policy::Discard
                    : restore == "later" ? Policy::Later
                                         : Policy::Ask;
    const QString platform = QGuiApplication::platformName();
    if (policy == Policy::Ask && (platform == "offscreen" || platform == "minimal"))
        policy = Policy::Later;
    const QString restored = window.autosaver()->offerRestore(policy);
    if (!restored.isEmpty())
        std::cout << "Restored unsaved work from " << restored.toStdString() << "\n";
}

/// PROSPECT_TEST_TRIGGER="name1,name2": once the event loop runs, triggers the window's actions
/// of those object names in order, as if chosen from the menus (the autosave test makes an edit
/// and saves this way). An unknown name ends the program with exit code 2.
void triggerTestActions(QApplication& application, ui::MainWindow& window) {
    const QStringList names =
        qEnvironmentVariable("PROSPECT_TEST_TRIGGER").split(',', Qt::SkipEmptyParts);
    for (const QString& name : names)
        QTimer::singleShot(0, &window, [&application, &window, name] {
            if (auto* action = window.findChild<QAction*>(name)) {
                action->trigger();
                return;
            }
            std::cerr << "prospect: PROSPECT_TEST_TRIGGER: no action called " << name.toStdString()
                      << "\n";
            application.exit(2);
        });
}

}  // namespace

bool isScenarioFileArgument(const std::string& arg) {
    // Command names have neither a dot nor a slash, so a typo stays an unknown command.
    return !arg.empty() && arg[0] != '-' && arg.find_first_of("./") != std::string::npos;
}

bool isGuiCommand(const std::vector<std::string>& args) {
    if (args.empty() || isScenarioFileArgument(args[0]))
        return true;
    // Any of the window's options first (--measure, --presentation, ... as well as --preset),
    // written "--name" or "--name=value".
    const std::string& first = args[0];
    for (const OptionSpec& spec : guiOptions())
        if (first == "--" + spec.name || first.rfind("--" + spec.name + "=", 0) == 0)
            return true;
    return false;
}

int runGui(int argc, char** argv, const std::vector<std::string>& args) {
    Options options(guiOptions());
    // `prospect FILE [options]` is `prospect --open FILE [options]`.
    const bool positionalFile = !args.empty() && isScenarioFileArgument(args[0]);
    if (auto error = options.parse(
            positionalFile ? std::vector<std::string>(args.begin() + 1, args.end()) : args)) {
        std::cerr << "prospect: " << *error << "\n";
        return 2;
    }
    if (options.helpRequested()) {
        std::cout << "Usage: prospect [FILE] [options]\n"
                     "Opens the lab window on FILE (a scenario) or a preset.\n"
                     "Commands: prospect --help\n\n"
                  << options.helpText();
        return 0;
    }
    if (positionalFile && options.given("open")) {
        std::cerr << "prospect: give the scenario file once, either as " << args[0]
                  << " or with --open\n";
        return 2;
    }
    GuiRequest request;
    if (auto error = readGuiRequest(options, positionalFile ? args[0] : std::string(), request)) {
        std::cerr << "prospect: " << *error << "\n";
        return 2;
    }
    if (auto code = probeScreenshotPath(request.screenshot))
        return *code;
    // A screenshot needs no display: render offscreen unless a platform was chosen explicitly.
    const bool measure = request.measureSeconds > 0;
    if ((!request.screenshot.empty() || (measure && qEnvironmentVariableIsEmpty("DISPLAY"))) &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        std::cerr << "prospect: no display to open the window on (neither DISPLAY nor "
                     "WAYLAND_DISPLAY is set); --screenshot FILE renders without one, and "
                     "prospect --help lists the commands that need none\n";
        return 2;
    }
    installQtMessageFilter();
    QApplication application(argc, argv);
    QApplication::setApplicationName("Prospect");
    QApplication::setOrganizationName("Prospect");
    // The desktop entry's id (Wayland matches windows to it) and its icon.
    QGuiApplication::setDesktopFileName(QStringLiteral(PROSPECT_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/prospect.svg")));
    warnWithoutFonts();
    ui::MainWindow window;
    // A screenshot or a measurement is the same whatever the user chose before; a session
    // starts with the user's zoom and mode, on the screen.
    const bool session = request.screenshot.empty() && request.measureSeconds == 0;
    if (options.given("size") || !session)
        window.resize(request.width, request.height);
    else
        window.placeOnScreen();
    if (session)
        window.display()->restore();
    if (options.given("presentation"))
        window.display()->setPresentation(true, request.screenshot.empty());
    if (request.openPath.empty()) {
        window.loadPreset(QString::fromStdString(request.presetName));
    } else if (const QString error = window.openFile(QString::fromStdString(request.openPath));
               !error.isEmpty()) {
        std::cerr << "prospect: " << error.toStdString() << "\n";
        return 2;
    }
    if (measure) {  // --trials does not apply
        window.show();
        if (!request.restore.empty())
            offerAutosaves(window, request.restore);
        return runMeasurement(application, window, request.measureSeconds, request.presetName);
    }
    TrialsThenScreenshot run(application, window, request);
    run.connect();
    if (request.screenshot.empty())
        window.show();
    if (!request.restore.empty())
        offerAutosaves(window, request.restore);
    triggerTestActions(application, window);
    if (!request.screenshot.empty()) {
        QTimer::singleShot(600000, &application, [&] {
            std::cerr << "prospect: gave up after 10 minutes before the trials finished; ask for "
                         "fewer trials\n";
            run.fail();
            application.quit();
        });
    }
    const int code = application.exec();
    return run.exitCode() != 0 ? run.exitCode() : code;
}

}  // namespace app
