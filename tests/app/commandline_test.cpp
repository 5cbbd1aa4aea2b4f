// The real executable's command-line behaviour that the in-process tests cannot see: exit codes
// of the window's options (--screenshot, --measure), names refused before any work, and memory
// that does not grow with the length of a run (peak resident size from wait4(), not timing).
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "app/experimentcommands.h"
#include "childprocess.h"
#include "clirun.h"
#include "tempdir.h"

namespace fs = std::filesystem;

namespace {

/// Runs prospect with `args` in `dir` (offscreen, AddressSanitizer keeping little freed memory
/// aside so that peaks compare) until it ends.
struct Ran {
    int code = -1;
    long peakKiB = 0;
    std::string out, err;
};
Ran runProspect(const std::vector<std::string>& args, const TempDir& dir) {
    ChildProcess child(args, dir.path().string(),
                       {"QT_QPA_PLATFORM=offscreen", "ASAN_OPTIONS=quarantine_size_mb=1"});
    EXPECT_TRUE(child.finish(600)) << "still running after 600 s";
    return {child.exitCode(), child.peakKiB(), child.output(), child.errors()};
}

/// Peak resident KiB of `args` + `--trials short` and of `args` + `--trials long`, each
/// checked for exit code 0.
std::pair<long, long> peaks(std::vector<std::string> args, const std::string& shortRun,
                            const std::string& longRun) {
    const TempDir dir;
    std::pair<long, long> kib;
    for (const std::string& trials : {shortRun, longRun}) {
        std::vector<std::string> a = args;
        a.insert(a.end(), {"--trials", trials});
        const Ran r = runProspect(a, dir);
        EXPECT_EQ(r.code, 0) << r.err;
        (trials == shortRun ? kib.first : kib.second) = r.peakKiB;
    }
    return kib;
}

}  // namespace

TEST(CommandLine, EmptyCsvNameIsRefusedBeforeAnyWork) {
    for (const app::Experiment& e : app::experiments()) {
        SCOPED_TRACE(e.name);
        const CliResult r = runCli({"experiment", e.name, "--csv", ""});
        EXPECT_EQ(r.code, 2);
        EXPECT_EQ(r.err, "prospect experiment " + e.name + ": --csv: give a file name\n");
        EXPECT_EQ(r.out, "");
    }
    const CliResult r = runCli({"run", "--preset", "bear", "--csv", ""});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "prospect run: --csv: give a file name\n");
}

// reversal-learning streams its rows and sums its summary as it goes: 200 times the trials,
// about the same peak (it kept every trial and row: about +150 MB here).
TEST(CommandLine, ReversalLearningMemoryDoesNotGrowWithTheTrials) {
    const auto [small, large] =
        peaks({"experiment", "reversal-learning", "--bp-seeds", "4", "--pc-seeds", "4", "--T", "8",
               "--threads", "2", "--csv", "r.csv"},
              "200", "40000");
    EXPECT_LT(large, small + 30 * 1024)
        << small << " KiB for 200 trials, " << large << " for 40000";
}

// The streamed CSV has every row, in run order, and the command says how many.
TEST(CommandLine, ReversalLearningWritesEveryRowInOrder) {
    const TempDir dir;
    const Ran r =
        runProspect({"experiment", "reversal-learning", "--bp-seeds", "3", "--pc-seeds", "2", "--T",
                     "8", "--trials", "5000", "--threads", "2", "--csv", "r.csv"},
                    dir);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("Wrote 25000 rows to r.csv"), std::string::npos) << r.out;
    std::istringstream csv(fileText(dir.file("r.csv")));
    std::string line;
    std::getline(csv, line);
    EXPECT_EQ(line,
              "rule,seed,trial,choice,reward,value_0,value_1,punished,switched_next,"
              "value_at_punish,value_next_trial");
    int n = 0;
    while (std::getline(csv, line)) {
        const int run = n / 5000, trial = n % 5000 + 1;
        const std::string start = std::string(run < 3 ? "BP," : "PC,") +
                                  std::to_string(run < 3 ? run : run - 3) + "," +
                                  std::to_string(trial) + ",";
        ASSERT_EQ(line.rfind(start, 0), 0u) << "row " << n << ": " << line;
        ++n;
    }
    EXPECT_EQ(n, 25000);
}

#ifdef PROSPECT_WITH_GUI

TEST(CommandLine, EmptyOutputNamesOfTheDrawingCommandsAreRefused) {
    const TempDir dir;
    Ran r = runProspect({"export", "--preset", "bear", "--csv", ""}, dir);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("prospect export: --csv: '' must end in .csv"), std::string::npos)
        << r.err;
    r = runProspect({"--preset", "bear", "--screenshot", ""}, dir);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "prospect: --screenshot: give a file name\n");
}

// A screenshot's name is tried before the trials run (it was tried after them).
TEST(CommandLine, AScreenshotThatCannotBeWrittenIsRefusedFirst) {
    const TempDir dir;
    const Ran r = runProspect(
        {"--preset", "bear", "--trials", "10000000", "--screenshot", dir.file("no/x.png")}, dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("the folder '" + dir.file("no") + "' does not exist"), std::string::npos)
        << r.err;
}

// export's pictures too (a PNG's name was tried only after a million trials).
TEST(CommandLine, AnExportPictureThatCannotBeWrittenIsRefusedFirst) {
    const TempDir dir;
    for (const char* kind : {"--png", "--svg"}) {
        const std::string file = dir.file(std::string("no/x.") + (kind + 2));
        const Ran r = runProspect(
            {"export", "--preset", "deep-tanh", "--trials", "1000000", kind, file}, dir);
        EXPECT_EQ(r.code, 1);
        EXPECT_NE(r.err.find("the folder '" + dir.file("no") + "' does not exist"),
                  std::string::npos)
            << r.err;
    }
}

// As `record` and `export`: the picture of where it stopped is written, the exit code is 1.
TEST(CommandLine, AScreenshotOfADivergingRunFails) {
    const TempDir dir;
    const Ran r = runProspect({PROSPECT_SCENARIO_TEST_DIR "/diverging-bear.json", "--trials", "64",
                               "--screenshot", dir.file("d.png")},
                              dir);
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("prospect: the run stopped early: BP, trial 6: "), std::string::npos)
        << r.err;
    EXPECT_TRUE(fs::exists(dir.file("d.png")));
}

// --measure is one of the window's options, alone or first, like --preset or --presentation.
TEST(CommandLine, MeasureWithoutAPresetIsTheWindowsOption) {
    const TempDir dir;
    Ran r = runProspect({"--measure", "soon"}, dir);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "prospect: --measure must be a number of seconds from 0 to 86400\n");
    r = runProspect({"--measure", "0.3"}, dir);
    EXPECT_EQ(r.code, 0) << r.err;
    // The window's default scenario, as with no option at all.
    EXPECT_NE(r.out.find("Measuring preset first-steps"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("resident memory:"), std::string::npos) << r.out;
    r = runProspect({"--measure=0.3", "--preset", "erratic"}, dir);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("Measuring preset erratic"), std::string::npos) << r.out;
}

// `export --csv` streams its rows: ten times the trials, about the same peak (it kept every
// frame, about 0.27 MB per deep-tanh trial: +120 MB here).
TEST(CommandLine, ExportCsvMemoryDoesNotGrowWithTheTrials) {
    const auto [small, large] =
        peaks({"export", "--preset", "deep-tanh", "--csv", "t.csv"}, "50", "500");
    EXPECT_LT(large, small + 30 * 1024) << small << " KiB for 50 trials, " << large << " for 500";
}

#endif
