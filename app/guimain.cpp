#include "app/guimain.h"

#include <unistd.h>
#include <QApplication>
#include <QElapsedTimer>
#include <QFontInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QTimer>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "app/options.h"
#include "engine/scenario/presets.h"
#include "engine/scenario/scenariofile.h"
#include "ui/lab/displaycontroller.h"
#include "ui/lab/mainwindow.h"
#include "ui/media/recording.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/views/networkview.h"
#include "ui/views/rulepane.h"

namespace app {

namespace {

std::vector<OptionSpec> guiOptions() {
    return {
        {"preset", "bear", "preset to open (see --list-presets)"},
        {"open", "", "scenario file to open instead of a preset"},
        {"trials", "0", "trials to run before showing (or saving) the window"},
        {"screenshot", "", "render the window offscreen into this PNG and exit"},
        {"size", "1280x800", "window size, WIDTHxHEIGHT (without it the window fits the screen)"},
        {"presentation", "", "start in presentation mode (full screen, large text)", true},
        {"measure", "0",
         "play at maximum speed for this many seconds, print frame rates and memory, exit"}};
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

long residentKiB() {
    // Resident set size from /proc (Linux); 0 where it is not available.
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    long pages = 0, resident = 0;
    const int n = std::fscanf(f, "%ld %ld", &pages, &resident);
    std::fclose(f);
    return n == 2 ? resident * (sysconf(_SC_PAGESIZE) / 1024) : 0;
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
        controller->setSpeed(ui::SpeedLevels - 1);
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

}  // namespace

bool isScenarioFileArgument(const std::string& arg) {
    // Command names have neither a dot nor a slash, so a typo stays an unknown command.
    return !arg.empty() && arg[0] != '-' && arg.find_first_of("./") != std::string::npos;
}

bool isGuiCommand(const std::vector<std::string>& args) {
    if (args.empty())
        return true;
    const std::string& first = args[0];
    return isScenarioFileArgument(first) || first == "--preset" || first == "--trials" ||
           first == "--screenshot" || first == "--size" || first == "--open" ||
           first == "--presentation" || first.rfind("--open=", 0) == 0 ||
           first.rfind("--preset=", 0) == 0 || first.rfind("--screenshot=", 0) == 0;
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
    if (positionalFile && options.given("open")) {
        std::cerr << "prospect: give the scenario file once, either as " << args[0]
                  << " or with --open\n";
        return 2;
    }
    const std::string openPath = positionalFile ? args[0] : options.text("open");
    if (!openPath.empty()) {
        // Check the file before any window exists: a broken file is a message, not a window.
        const engine::ScenarioResult r = engine::readScenarioFile(openPath);
        if (!r.scenario) {
            std::cerr << "prospect: " << r.error << "\n";
            return 2;
        }
    }
    const std::string presetName = options.text("preset");
    if (!engine::findPreset(presetName)) {
        std::cerr << "prospect: no preset called '" << presetName
                  << "' (see: prospect --list-presets)\n";
        return 2;
    }
    long long trials = 0;
    if (auto error = options.integer("trials", trials);
        error || trials < 0 || trials > 10'000'000) {
        std::cerr << "prospect: --trials must be a whole number from 0 to 10000000\n";
        return 2;
    }
    int width = 1280, height = 800;
    if (!parseSize(options.text("size"), width, height)) {
        std::cerr << "prospect: --size must look like 1280x800 (320x240 to 8192x8192)\n";
        return 2;
    }
    const std::string screenshot = options.text("screenshot");
    double measureSeconds = 0.0;
    if (auto error = options.real("measure", measureSeconds);
        error || measureSeconds < 0 || measureSeconds > 86400) {
        std::cerr << "prospect: --measure must be a number of seconds from 0 to 86400\n";
        return 2;
    }
    if (measureSeconds > 0 && !screenshot.empty()) {
        std::cerr << "prospect: --measure and --screenshot cannot be combined\n";
        return 2;
    }
    // A screenshot needs no display: render offscreen unless a platform was chosen explicitly.
    if ((!screenshot.empty() || (measureSeconds > 0 && qEnvironmentVariableIsEmpty("DISPLAY"))) &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    // The offscreen platform reports harmless limits on every window; keep the terminal readable.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
        if (message.contains(QLatin1String("propagateSizeHints")) ||
            message.contains(QLatin1String("XDG_RUNTIME_DIR")))
            return;
        std::cerr << qPrintable(message) << "\n";
        if (type == QtFatalMsg)
            std::abort();
    });
    QApplication application(argc, argv);
    QApplication::setApplicationName("Prospect");
    QApplication::setOrganizationName("Prospect");
    // The desktop entry's id (Wayland matches windows to it) and its icon.
    QGuiApplication::setDesktopFileName(QStringLiteral(PROSPECT_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/prospect.svg")));
    if (QFontInfo(QApplication::font()).family().isEmpty())
        std::cerr << "prospect: warning: no fonts found; install fonts-dejavu-core\n";
    ui::MainWindow window;
    // A screenshot or a measurement is the same whatever the user chose before; a session
    // starts with the user's zoom and mode, on the screen.
    const bool session = screenshot.empty() && measureSeconds == 0;
    if (options.given("size") || !session)
        window.resize(width, height);
    else
        window.placeOnScreen();
    if (session)
        window.display()->restore();
    if (options.given("presentation"))
        window.display()->setPresentation(true, screenshot.empty());
    if (openPath.empty()) {
        window.loadPreset(QString::fromStdString(presetName));
    } else if (const QString error = window.openFile(QString::fromStdString(openPath));
               !error.isEmpty()) {
        std::cerr << "prospect: " << error.toStdString() << "\n";
        return 2;
    }
    ui::SimulationController* controller = window.controller();

    // Run the requested trials, then show the window or save it and quit.
    bool requested = trials == 0;
    bool finishing = false;
    std::int64_t shownTrials = 0;
    std::string stopNote;  // why the run stopped with a problem (from the frame), if it did
    bool over = false;     // a one-pass scenario ran out of trials
    int exitCode = 0;
    auto finish = [&] {
        if (screenshot.empty())
            return;
        // Only worth saying when the trials asked for were not all run (not "Reached trial N").
        if (shownTrials < trials) {
            if (!stopNote.empty())
                std::cout << stopNote << "\n";
            else if (over)
                std::cout << "Note: " << ui::trialsOverNote(shownTrials, trials).toStdString()
                          << "\n";
        }
        QSize written;
        const QString error = window.saveScreenshot(QString::fromStdString(screenshot),
                                                    QSize(width, height), &written);
        if (!error.isEmpty()) {
            std::cerr << "prospect: " << error.toStdString() << "\n";
            exitCode = 1;
        } else {
            std::cout << "Wrote " << screenshot << " (" << written.width() << "x"
                      << written.height() << ", "
                      << (openPath.empty() ? "preset " + presetName : openPath) << ", "
                      << shownTrials << " trials)\n";
            if (written != QSize(width, height))
                std::cout << "Note: the window cannot be smaller than " << written.width() << "x"
                          << written.height() << ", so that size was used.\n";
        }
        application.quit();
    };
    auto finishSoon = [&](int ms) {
        if (finishing)
            return;
        finishing = true;
        QTimer::singleShot(ms, &window, finish);
    };
    QObject::connect(
        controller, &ui::SimulationController::frameShown, &window, [&](const ui::FramePtr& frame) {
            shownTrials = frame->pc->trialComplete
                              ? frame->pc->trial
                              : std::max<std::int64_t>(0, frame->pc->trial - 1);
            if (!requested) {
                requested = true;
                controller->step(ui::Granularity::Trial, int(trials));
                return;
            }
            const bool done = frame->pc->trialComplete && frame->pc->trial >= trials;
            const bool stopped =
                frame->pc->status != engine::Status::Ok || frame->bp->status != engine::Status::Ok;
            if (stopped && stopNote.empty())
                stopNote = "Stopped: " +
                           (frame->bp->problem.empty() ? frame->pc->problem : frame->bp->problem);
            if (done || stopped)
                finishSoon(50);
        });
    // A one-pass trial list that is over before the trials asked for stops the run without a
    // problem, so no frame says so: the worker's message ends the screenshot instead of waiting
    // forever. (A divergence shows in the frame, above.)
    QObject::connect(controller, &ui::SimulationController::message, &window,
                     [&](const QString&, bool problem) {
                         if (!requested || screenshot.empty() || finishing || problem)
                             return;
                         over = true;
                         finishSoon(300);
                     });
    if (measureSeconds > 0) {
        window.show();
        requested = true;  // --trials does not apply
        return runMeasurement(application, window, measureSeconds, presetName);
    }
    if (screenshot.empty()) {
        window.show();
    } else {
        QTimer::singleShot(600000, &application, [&] {
            std::cerr << "prospect: gave up after 10 minutes before the trials finished; ask for "
                         "fewer trials\n";
            exitCode = 1;
            application.quit();
        });
    }
    const int code = application.exec();
    return exitCode != 0 ? exitCode : code;
}

}  // namespace app
