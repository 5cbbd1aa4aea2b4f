#include "app/cli.h"

#include <sstream>

#include "app/atomicfile.h"
#include "app/bench.h"
#include "app/datacommands.h"
#include "app/experimentcommands.h"
#include "app/options.h"
#include "app/parallel.h"
#include "app/runcommand.h"
#include "engine/scenario/presets.h"

namespace app {

std::string usageText() {
    std::ostringstream s;
    s << "prospect - backpropagation and prospective configuration, side by side\n\n"
         "Usage:\n"
         "  prospect                                   open the lab window (the bear, First "
         "steps)\n"
         "  prospect --preset NAME [--trials N]        open it on a preset, N trials run\n"
         "           [--screenshot FILE.png [--size WxH]]  render offscreen to a PNG and exit\n"
         "           [--measure S]                     play S s at top speed, print frame rates\n"
         "           [--lesson-step K]                 follow its lesson to step K first\n"
         "  prospect [--open] SCENARIO.json            open the lab window on a scenario file\n"
         "  prospect --list-presets                    the presets of the window\n"
         "  prospect run SCENARIO.json [--trials N]    run a scenario headless (or --preset NAME)\n"
         "           [--csv PATH]                      and write per-trial traces\n"
         "  prospect record (SCENARIO.json | --preset NAME) --out FILE.(mp4|webm|gif)\n"
         "           [--trials N] [--every iteration|phase|trial] [--view V] [--size WxH]\n"
         "           [--fps F] [--caption] [--title T]  render a video headless\n"
         "  prospect export (SCENARIO.json | --preset NAME) [--trials N] [--view V]\n"
         "           (--png | --svg | --pdf | --csv) FILE   images of a view, CSV of the traces\n"
         "  prospect experiment --list                 list the paper's experiments\n"
         "  prospect experiment NAME [options]         run one; prints a summary table\n"
         "           [--csv PATH]                      and writes tidy CSV observations\n"
         "  prospect experiment NAME --help            the experiment's options and defaults\n"
         "  prospect merge OUT.csv SHARD.csv...        join a dataset experiment's shards "
         "(--shard)\n"
         "  prospect bench [--seconds S]               engine throughput figures\n"
         "  prospect --help | --version\n\n"
         "Experiments:\n";
    for (const Experiment& e : experiments())
        s << "  " << e.name << std::string(20 - std::min<size_t>(19, e.name.size()), ' ')
          << e.description << "\n";
    return s.str();
}

namespace {

int experimentCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        out << usageText();
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--list") {
        for (const Experiment& e : experiments())
            out << e.name << std::string(20 - std::min<size_t>(19, e.name.size()), ' ') << e.paper
                << ": " << e.description << "\n";
        return 0;
    }
    const Experiment* experiment = findExperiment(args[0]);
    if (!experiment) {
        err << "prospect: no experiment called '" << args[0]
            << "' (see: prospect experiment --list)\n";
        return 2;
    }
    Options options(experiment->options);
    if (auto error = options.parse({args.begin() + 1, args.end()})) {
        err << "prospect experiment " << experiment->name << ": " << *error << "\n";
        return 2;
    }
    if (options.helpRequested()) {
        out << "prospect experiment " << experiment->name << " [options]\n\n"
            << experiment->description << " (" << experiment->paper << ").\n\nOptions:\n"
            << options.helpText();
        return 0;
    }
    if (auto error = experiment->check(options)) {
        err << "prospect experiment " << experiment->name << ": " << *error << "\n";
        return 2;
    }
    // The CSV file is opened next: a name that cannot be written is refused before the run.
    engine::report::OutputFile csv;
    const bool writeCsv = options.given("csv");
    const std::string path = options.text("csv");
    if (writeCsv)
        if (auto code = openOutput("experiment " + experiment->name, "csv", path, csv, err))
            return *code;
    ExperimentResult result;
    result.keepRows = false;  // rows are needed only for the CSV
    if (writeCsv)
        result.csvSink = [&csv](std::string_view piece) { csv.write(piece); };
    if (auto error = experiment->run(options, result, err)) {
        err << "prospect experiment " << experiment->name << ": " << *error << "\n";
        return 2;
    }
    if (cancelRequested()) {
        clearCancel();
        err << "prospect experiment " << experiment->name << ": cancelled; nothing written\n";
        return 130;
    }
    if (!result.failure.empty()) {
        err << "prospect experiment " << experiment->name << ": " << result.failure
            << "; nothing written\n";
        return 1;
    }
    // With the CSV on standard output, the summary goes to standard error.
    std::ostream& summary = writeCsv && engine::report::isStandardOutput(path) ? err : out;
    summary << result.summary;
    for (const std::string& note : result.notes)
        err << "prospect experiment " << experiment->name << ": " << note << "\n";
    for (const std::string& problem : result.problems)
        err << "prospect experiment " << experiment->name << ": run stopped early: " << problem
            << "\n";
    if (writeCsv) {
        if (result.rowsStreamed < 0)
            csv.write(result.csvPreamble + engine::report::csvText(result.csv));
        if (auto error = csv.commit()) {
            err << "prospect experiment " << experiment->name << ": " << *error << "\n";
            return 1;
        }
        const std::int64_t rows = result.rowsStreamed >= 0
                                      ? result.rowsStreamed
                                      : static_cast<std::int64_t>(result.csv.rows.size());
        summary << "\nWrote " << rows << " rows to " << path << "\n";
    }
    return result.problems.empty() ? 0 : 1;
}

int benchCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    Options options({{"seconds", "1", "time spent on each figure"}});
    if (auto error = options.parse(args)) {
        err << "prospect bench: " << *error << "\n";
        return 2;
    }
    if (options.helpRequested()) {
        out << "prospect bench [--seconds S]\n\nEngine throughput on one thread.\n\nOptions:\n"
            << options.helpText();
        return 0;
    }
    double seconds = 1.0;
    if (auto error = options.real("seconds", seconds)) {
        err << "prospect bench: " << *error << "\n";
        return 2;
    }
    if (seconds <= 0.0 || seconds > 600.0) {
        err << "prospect bench: --seconds must be in (0, 600]\n";
        return 2;
    }
    runBench(seconds, out);
    return 0;
}

}  // namespace

int runCommandLine(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        out << usageText();
        return 0;
    }
    if (args[0] == "--list-presets") {
        for (const engine::Scenario& p : engine::presets())
            out << p.name << std::string(20 - std::min<size_t>(19, p.name.size()), ' ') << p.title
                << "\n";
        return 0;
    }
    if (args[0] == "--version") {
        out << "prospect " << PROSPECT_VERSION << "\n";
        return 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "experiment")
        return experimentCommand(rest, out, err);
    if (args[0] == "bench")
        return benchCommand(rest, out, err);
    if (args[0] == "merge")
        return mergeCommand(rest, out, err);
    if (args[0] == "run")
        return runCommand(rest, out, err);
    if (args[0] == "record" || args[0] == "export") {
        // With the GUI, main() sends these to app/recordcommand.cpp before reaching here.
        err << "prospect " << args[0]
            << ": this build has no Qt user interface (PROSPECT_BUILD_GUI=OFF), which drawing "
               "needs\n";
        return 2;
    }
    err << "prospect: unknown command '" << args[0] << "'\n\n" << usageText();
    return 2;
}

}  // namespace app
