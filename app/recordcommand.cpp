#include "app/recordcommand.h"

#include <QApplication>
#include <QEventLoop>
#include <QTimer>
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "app/atomicfile.h"
#include "app/options.h"
#include "app/qtsetup.h"
#include "app/scenariosource.h"
#include "engine/report/format.h"
#include "ui/media/export.h"
#include "ui/media/recorder.h"
#include "ui/media/recording.h"
#include "ui/media/tracescsv.h"

namespace app {

namespace {

const char* const RecordHelp =
    "prospect record (SCENARIO.json | --preset NAME) --out FILE.(mp4|webm|gif) [options]\n\n"
    "Runs the scenario headless with both rules and renders one frame per step (every inference\n"
    "iteration, phase or trial, plus the initial state) offscreen at a fixed size, independent\n"
    "of any screen, then encodes them: H.264 in .mp4, VP9 in .webm, or an animated .gif.\n"
    "Views: lab (both panes over the plots), bp, pc, machine (PC's energy machine), plots, or\n"
    "one plot: energy, outputs, loss, weights, alignment, landscape.\n"
    "Sizes: WIDTHxHEIGHT, or 720p (1280x720), 1080p (1920x1080), square (1080x1080).\n\n"
    "Options:\n";

const char* const ExportHelp =
    "prospect export (SCENARIO.json | --preset NAME) [--trials N] (--png F | --svg F | --pdf F |\n"
    "                --csv F)... [options]\n\n"
    "Runs the scenario headless for N trials and writes the state after the last one: PNG or\n"
    "SVG of a view, PDF of a single plot, and CSV of every trace of the run (one tidy table:\n"
    "rule,trial,iteration,quantity,value).\n\n"
    "Options:\n";

struct Common {
    engine::Scenario scenario;
    std::string source;
    long long trials = 8;
    ui::RenderSettings render;
};

/// WIDTHxHEIGHT or a named size, within 16x16..7680x4320; nothing when it is neither.
std::optional<QSize> parsePictureSize(std::string size) {
    if (size == "720p")
        size = "1280x720";
    else if (size == "1080p")
        size = "1920x1080";
    else if (size == "square")
        size = "1080x1080";
    const size_t x = size.find('x');
    const auto w = x == std::string::npos ? std::nullopt : parseInteger(size.substr(0, x));
    const auto h = x == std::string::npos ? std::nullopt : parseInteger(size.substr(x + 1));
    if (!w || !h || *w < 16 || *h < 16 || *w > 7680 || *h > 4320)
        return std::nullopt;
    return QSize(int(*w), int(*h));
}

/// Trainable weights and biases of the network (the landscape needs exactly two).
int trainableParameters(const engine::Network& net) {
    int trainable = 0;
    for (engine::Index l = 1; l <= net.depth(); ++l)
        if (net.trainable(l))
            trainable += int(net.hasMask(l) ? net.spec().weight(l).mask.sum()
                                            : double(net.size(l) * net.size(l - 1))) +
                         (net.hasBias(l) ? 1 : 0);
    return trainable;
}

/// --view, --size, --scale, --caption and --title; an error message or nothing.
std::optional<std::string> readRender(const Options& o, const engine::Scenario& scenario,
                                      ui::RenderSettings& render) {
    const auto view = ui::recordViewFromName(QString::fromStdString(o.text("view")));
    if (!view)
        return "--view: " + engine::report::echoed(o.text("view")) + " is not one of " +
               ui::recordViewNames().join(", ").toStdString();
    render.view = *view;
    const auto size = parsePictureSize(o.text("size"));
    if (!size)
        return "--size: " + engine::report::echoed(o.text("size")) +
               " is not WIDTHxHEIGHT from 16x16 to 7680x4320 (or 720p, 1080p, square)";
    render.size = *size;
    if (o.given("scale")) {
        double scale = 0.0;
        if (auto e = o.real("scale", scale))
            return e;
        if (scale < 0.25 || scale > 8.0)
            return std::string("--scale must be between 0.25 and 8");
        render.scale = scale;
    }
    render.caption = o.given("caption");
    render.title = QString::fromStdString(o.text("title"));
    if (render.view == ui::RecordView::Landscape && trainableParameters(scenario.network()) != 2)
        return std::string("--view landscape needs a network with exactly two trainable weights");
    return std::nullopt;
}

// Reads the options both commands share; returns an exit code on a problem.
std::optional<int> readCommon(const char* command, const std::string& path, const Options& o,
                              Common& c, std::ostream& err) {
    auto fail = [&](const std::string& text) {
        err << "prospect " << command << ": " << text << "\n";
        return std::optional<int>(2);
    };
    ScenarioSource source;
    if (auto e = readScenarioSource(path, o, source))
        return fail(*e);
    c.scenario = std::move(source.scenario);
    c.source = std::move(source.source);
    if (auto e = o.integer("trials", c.trials))
        return fail(*e);
    if (c.trials < 1 || c.trials > 1'000'000)
        return fail("--trials must be between 1 and 1000000");
    if (auto e = readRender(o, c.scenario, c.render))
        return fail(*e);
    return std::nullopt;
}

// The lab and plots views are laid out for 1280x720 layout pixels; smaller pictures crowd them.
void noteCrowding(const ui::RenderSettings& r, std::ostream& out) {
    const double s = r.effectiveScale();
    const bool wide = r.view == ui::RecordView::Lab || r.view == ui::RecordView::Plots;
    if (wide && (r.size.width() / s < 1279 || r.size.height() / s < 719))
        out << "Note: the " << ui::recordViewName(r.view).toStdString()
            << " view is laid out for 1280x720 or more (at --scale 1); at this size it is "
               "crowded. A single pane or plot suits small sizes.\n";
}

/// The options of both commands, then `own`.
std::vector<OptionSpec> commonOptions(std::vector<OptionSpec> own) {
    std::vector<OptionSpec> specs{
        presetOption(),
        {"trials", "8", "trials to run"},
        {"view", "lab", "what to draw (lab, bp, pc, machine, plots, or one plot)"},
        {"size", "1280x720", "picture size: WIDTHxHEIGHT, 720p, 1080p or square"},
        {"scale", "", "device pixels per layout pixel (default: size / 1280x720, at least 1)"},
        {"caption", "", "add a line with both rules' trial, phase, iteration and energy", true},
        {"title", "", "a title line at the top"}};
    specs.insert(specs.end(), own.begin(), own.end());
    return specs;
}

/// The start both commands share: the scenario file argument, parsing, the help, and the
/// common options. An exit code when the command ends here (0 after the help, 2 on bad input).
std::optional<int> startCommand(const char* command, const char* help,
                                const std::vector<std::string>& args, Options& o, Common& c,
                                std::ostream& out, std::ostream& err) {
    std::vector<std::string> rest = args;
    const std::string path = takeScenarioPath(rest);
    if (auto e = o.parse(rest)) {
        err << "prospect " << command << ": " << *e << "\n";
        return 2;
    }
    if (o.helpRequested()) {
        out << help << o.helpText();
        return 0;
    }
    return readCommon(command, path, o, c, err);
}

}  // namespace

bool isRecordCommand(const std::vector<std::string>& args) {
    return !args.empty() && (args[0] == "record" || args[0] == "export");
}

int runRecordCommand(int argc, char** argv, const std::vector<std::string>& args) {
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    // No display needed: render offscreen unless a platform was chosen explicitly.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    installQtMessageFilter();
    QApplication application(argc, argv);
    warnWithoutFonts();
    return args[0] == "record" ? recordCommand(rest, std::cout, std::cerr)
                               : exportCommand(rest, std::cout, std::cerr);
}

namespace {

/// What `record` writes: the file, the frames per step and second, and the steps to record.
struct RecordRequest {
    QString outPath;
    ui::VideoFormat format = ui::VideoFormat::Mp4;
    ui::Granularity every = ui::Granularity::Iteration;
    long long fps = 30, from = 0, to = -1;  ///< to < 0: the last step.
};

/// --out, --every, --fps, --from and --to (the steps are checked once the recording exists).
std::optional<std::string> readRecordRequest(const Options& o, const ui::RenderSettings& render,
                                             RecordRequest& r) {
    r.outPath = QString::fromStdString(o.text("out"));
    if (r.outPath.isEmpty())
        return std::string("--out FILE.mp4 (or .webm, .gif) is required");
    const auto format = ui::videoFormatFor(r.outPath);
    if (!format)
        return "--out: " + engine::report::echoed(o.text("out")) +
               " has an unknown extension; use .mp4, .webm or .gif";
    r.format = *format;
    if (o.text("every") == "iteration")
        r.every = ui::Granularity::Iteration;
    else if (o.text("every") == "phase")
        r.every = ui::Granularity::Phase;
    else if (o.text("every") == "trial")
        r.every = ui::Granularity::Trial;
    else
        return "--every: " + engine::report::echoed(o.text("every")) +
               " is not iteration, phase or trial";
    if (auto e = o.integer("fps", r.fps))
        return e;
    if (auto e = o.integer("from", r.from))
        return e;
    if (o.given("to"))
        if (auto e = o.integer("to", r.to))
            return e;
    const long long maxFps = r.format == ui::VideoFormat::Gif ? 50 : 120;
    if (r.fps < 1 || r.fps > maxFps)
        return "--fps must be from 1 to " + std::to_string(maxFps) + " for " +
               ui::videoFormatName(r.format).toStdString();
    if (r.format != ui::VideoFormat::Gif &&
        (render.size.width() % 2 != 0 || render.size.height() % 2 != 0))
        return "--size: " + ui::videoFormatName(r.format).toStdString() +
               " needs an even width and height";
    return std::nullopt;
}

/// How encoding went: not started (message: why), or finished with success or not (message:
/// the recorder's).
struct Encoded {
    bool started = false;
    bool ok = false;
    QString message;
};

/// Renders and encodes the frames of `job` with `recorder`, printing progress to `err`, until
/// it finishes (Ctrl-C ends the program: app/interrupt.h); `started()` runs once the job has
/// started.
Encoded encode(ui::Recorder& recorder, const ui::Recorder::Job& job,
               const std::function<void()>& started, std::ostream& err) {
    QEventLoop loop;
    bool ok = false;
    QString message;
    QObject::connect(&recorder, &ui::Recorder::finished, &loop, [&](bool success, QString text) {
        ok = success;
        message = text;
        loop.quit();
    });
    int lastTenth = -1;
    QObject::connect(&recorder, &ui::Recorder::progress, &loop, [&](int done, int total) {
        const int tenth = total > 0 ? done * 10 / total : 10;
        if (tenth != lastTenth && total >= 100) {
            lastTenth = tenth;
            err << "\rrendering and encoding: " << tenth * 10 << " %" << std::flush;
        }
    });
    if (QString e = recorder.start(job); !e.isEmpty())
        return {false, false, e};
    started();
    loop.exec();
    if (lastTenth >= 0)
        err << "\n";
    return {true, ok, message};
}

/// The end of `record`: the file written and the speed, or why not; returns the exit code.
int reportRecording(const ui::Recorder& recorder, const Encoded& encoded, const QString& stopped,
                    std::ostream& out, std::ostream& err) {
    if (!encoded.started) {
        // The input was checked before: what is left is a file that cannot be created.
        err << "prospect record: " << encoded.message.toStdString() << "\n";
        return 1;
    }
    if (!encoded.ok) {
        err << "prospect record: " << encoded.message.toStdString() << "; nothing written\n";
        return 1;
    }
    out << encoded.message.toStdString() << "\n";
    const double frames = recorder.framesWritten();
    out << std::fixed << std::setprecision(1) << "Rendered and encoded in " << recorder.seconds()
        << " s: " << frames / std::max(recorder.seconds(), 1e-9)
        << " frames/s overall; the encoder alone "
        << frames / std::max(recorder.encoderSeconds(), 1e-9) << " frames/s\n";
    if (!stopped.isEmpty()) {
        err << "prospect record: the run stopped early: " << stopped.toStdString() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

int recordCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    Options o(commonOptions({{"out", "", "the file to write: .mp4, .webm or .gif"},
                             {"every", "iteration", "one frame per iteration, phase or trial"},
                             {"fps", "30", "frames per second (GIF: up to 50)"},
                             {"from", "0", "first step to record (0 = the initial state)"},
                             {"to", "", "last step to record (default: the last)"}}));
    Common c;
    if (auto code = startCommand("record", RecordHelp, args, o, c, out, err))
        return *code;
    auto fail = [&](const std::string& text) {
        err << "prospect record: " << text << "\n";
        return 2;
    };
    RecordRequest request;
    if (auto e = readRecordRequest(o, c.render, request))
        return fail(*e);
    if (request.from < 0 || (request.to >= 0 && request.to < request.from))
        return fail("--from/--to must pick a range of steps from 0 on, --from <= --to");
    // The run stepped once without keeping frames: how many steps it has, before any drawing.
    const ui::RecordingPlan plan = ui::planRecording(c.scenario, c.trials, request.every);
    if (!plan.error.isEmpty())
        return fail(plan.error.toStdString());
    if (!plan.note.isEmpty())
        out << "Note: " << plan.note.toStdString() << "\n";
    const long long steps = static_cast<long long>(plan.frames);
    const long long from = request.from, to = request.to < 0 ? steps - 1 : request.to;
    if (to >= steps)
        return fail("--from/--to must pick steps within 0.." + std::to_string(steps - 1));

    ui::Recorder recorder;
    ui::Recorder::Job job;
    job.simulate = ui::Resimulation{c.scenario, c.trials, request.every, plan.frames};
    job.first = std::size_t(from);
    job.last = std::size_t(to);
    job.render = c.render;
    job.fps = int(request.fps);
    job.path = request.outPath;
    const Encoded encoded = encode(
        recorder, job,
        [&] {
            noteCrowding(c.render, out);
            out << "Recording " << (c.scenario.title.empty() ? c.source : c.scenario.title) << " ("
                << c.source << "): " << plan.trialsRun << " trials, one frame per "
                << o.text("every") << ", " << (to - from + 1) << " frames of " << steps
                << " steps, view " << ui::recordViewName(c.render.view).toStdString() << "\n"
                << std::flush;
        },
        err);
    return reportRecording(recorder, encoded, plan.stopped, out, err);
}

namespace {

/// At least one of --png, --svg, --pdf and --csv, each with its suffix; a PDF only of a plot.
std::optional<std::string> checkExportFiles(const Options& o, const ui::RenderSettings& render) {
    if (!o.given("png") && !o.given("svg") && !o.given("pdf") && !o.given("csv"))
        return std::string("nothing to write: give --png, --svg, --pdf or --csv FILE");
    for (const char* kind : {"png", "svg", "pdf", "csv"})
        if (o.given(kind)) {
            const std::string file = o.text(kind);
            const std::string suffix = std::string(".") + kind;
            if (file.size() < suffix.size() ||
                QString::fromStdString(file).toLower().toStdString().compare(
                    file.size() - suffix.size(), suffix.size(), suffix) != 0)
                return "--" + std::string(kind) + ": " + engine::report::echoed(file) +
                       " must end in " + suffix;
        }
    if (o.given("pdf") && !ui::isPlotView(render.view))
        return std::string(
            "--pdf is for single plots: add --view energy, outputs, loss, weights, "
            "alignment or landscape");
    return std::nullopt;
}

/// The PNG, SVG and PDF asked for, of the state after the last trial; 1 when one failed, else 0.
/// The run of an export, trial by trial: each frame goes to the CSV writer as it comes (when a
/// CSV is asked for), and into a history for the pictures (when asked for), which keeps the last
/// frame and, as the window's timeline does, thins older frames and trial records past its
/// budgets. So memory does not grow with --trials.
struct ExportRun {
    ui::RunLook look;
    ui::History history;
    QString stopped, note;
    std::int64_t rows = 0;  ///< CSV rows written.
};

void runExport(const Common& c, bool images, engine::report::OutputFile* csv, ExportRun& run) {
    ui::RecordingRun recording(c.scenario, c.trials, ui::Granularity::Trial);
    run.look = recording.look();
    std::optional<ui::TracesCsvWriter> writer;
    if (csv)
        writer.emplace(run.look, [csv](std::string_view piece) { csv->write(piece); });
    auto take = [&](const ui::FramePtr& frame) {
        if (writer)
            writer->addFrame(frame);
        if (images)
            run.history.append(frame);
    };
    take(recording.frame());
    while (recording.advance())
        take(recording.frame());
    if (writer) {
        writer->finish();
        run.rows = writer->rows();
    }
    run.stopped = recording.stopped();
    run.note = recording.note();
}

int writeExportImages(const Options& o, const Common& c, const ExportRun& recording,
                      std::ostream& out, std::ostream& err) {
    const std::size_t last = recording.history.size() - 1;
    int code = 0;
    for (const char* kind : {"png", "svg", "pdf"}) {
        if (!o.given(kind))
            continue;
        const QString file = QString::fromStdString(o.text(kind));
        if (QString e = ui::exportImage(recording.look, recording.history, last, c.render, file);
            !e.isEmpty()) {
            err << "prospect export: " << e.toStdString() << "\n";
            code = 1;
            continue;
        }
        out << "Wrote " << file.toStdString() << " (" << kind << ", view "
            << ui::recordViewName(c.render.view).toStdString() << ", " << c.render.size.width()
            << "x" << c.render.size.height() << ", after trial "
            << recording.history.at(last)->pc->trial << " of " << c.source << ")\n";
    }
    return code;
}

}  // namespace

int exportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    Options o(commonOptions({{"png", "", "write a PNG of the view here"},
                             {"svg", "", "write an SVG of the view here"},
                             {"pdf", "", "write a PDF of the plot here (single-plot views)"},
                             {"csv", "", "write every trace of the run here (tidy CSV)"}}));
    Common c;
    if (auto code = startCommand("export", ExportHelp, args, o, c, out, err))
        return *code;
    auto fail = [&](const std::string& text) {
        err << "prospect export: " << text << "\n";
        return 2;
    };
    if (auto e = checkExportFiles(o, c.render))
        return fail(*e);
    // The CSV is opened before the run, and the pictures' names are tried: a name that cannot
    // be written (a missing folder, a read-only file) is refused first.
    engine::report::OutputFile csv;
    if (o.given("csv"))
        if (auto code = openOutput("export", "csv", o.text("csv"), csv, err))
            return *code;
    for (const char* kind : {"png", "svg", "pdf"}) {
        engine::report::OutputFile probe;
        if (o.given(kind)) {
            if (auto code = openOutput("export", kind, o.text(kind), probe, err))
                return *code;
            probe.discard();
        }
    }
    if (o.given("png") || o.given("svg"))
        noteCrowding(c.render, out);
    const bool images = o.given("png") || o.given("svg") || o.given("pdf");
    ExportRun run;
    runExport(c, images, o.given("csv") ? &csv : nullptr, run);
    const QString& stopped = run.stopped;
    if (!run.note.isEmpty())
        out << "Note: " << run.note.toStdString() << "\n";
    int code = images ? writeExportImages(o, c, run, out, err) : 0;
    if (o.given("csv")) {
        if (auto e = csv.commit()) {
            err << "prospect export: " << *e << "\n";
            code = 1;
        } else {
            out << "Wrote " << run.rows << " rows to " << o.text("csv")
                << " (rule,trial,iteration,quantity,value)\n";
        }
    }
    if (!stopped.isEmpty()) {
        err << "prospect export: the run stopped early: " << stopped.toStdString() << "\n";
        code = 1;
    }
    return code;
}

}  // namespace app
