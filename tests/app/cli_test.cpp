// The headless commands, run in-process: golden CSVs, exit codes and messages.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

#include "app/atomicfile.h"
#include "app/cli.h"
#include "app/experimentcommands.h"
#include "app/experimenthelpers.h"
#include "app/learningcommands.h"
#include "app/options.h"
#include "app/parallel.h"
#include "engine/experiments/dataplan.h"
#include "engine/experiments/experimentoptions.h"
#include "engine/experiments/learningexperiments.h"
#include "engine/report/table.h"
#include "tempdir.h"

using namespace app;

namespace {

struct CliRun {
    int code;
    std::string out, err;
};

CliRun run(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    const int code = runCommandLine(args, out, err);
    return {code, out.str(), err.str()};
}

std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::string cell;
        std::istringstream l(line);
        while (std::getline(l, cell, ','))
            cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Compares CSV text with a golden file: same header and labels, numbers within 1e-9 (relative).
/// On a mismatch writes <name>.actual into the build folder and reports the first differences.
void expectMatchesGolden(const std::string& name, const std::string& actual) {
    const std::filesystem::path golden = std::filesystem::path(PROSPECT_GOLDEN_DIR) / name;
    ASSERT_TRUE(std::filesystem::exists(golden)) << golden;
    const auto want = parseCsv(readFile(golden)), got = parseCsv(actual);
    std::ostringstream diff;
    int differences = 0;
    if (want.size() != got.size())
        diff << "row count " << got.size() << ", golden " << want.size() << "\n";
    for (size_t r = 0; r < std::min(want.size(), got.size()) && differences < 5; ++r) {
        bool same = want[r].size() == got[r].size();
        for (size_t c = 0; same && c < want[r].size(); ++c) {
            const auto a = parseReal(want[r][c]), b = parseReal(got[r][c]);
            if (a && b)
                same = std::abs(*a - *b) <= 1e-9 * std::max(1.0, std::abs(*a));
            else
                same = want[r][c] == got[r][c];
        }
        if (!same) {
            ++differences;
            auto join = [](const std::vector<std::string>& v) {
                std::string s;
                for (const auto& x : v)
                    s += (s.empty() ? "" : ",") + x;
                return s;
            };
            diff << "line " << r + 1 << ":\n  golden: " << join(want[r])
                 << "\n  actual: " << join(got[r]) << "\n";
        }
    }
    const std::string report = diff.str();
    if (!report.empty()) {
        std::ofstream(name + ".actual") << actual;
        ADD_FAILURE() << name << " differs from the golden file (actual output written to "
                      << std::filesystem::absolute(name + ".actual") << "):\n"
                      << report;
    }
}

}  // namespace

TEST(Cli, InterferenceMatchesGoldenCsv) {
    const TempDir dir;
    const std::string path = dir.file("interference.csv");
    const CliRun r = run({"experiment", "interference", "--csv", path});
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string csv = readFile(path);
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "rule,trial,output_0,output_1");
    EXPECT_EQ(parseCsv(csv).size(), 1u + 2 * 64);
    expectMatchesGolden("interference.csv", csv);
    // The summary gives the first predictions and the lowest smell per rule.
    EXPECT_NE(r.out.find("0.6400       0.8000       0.8504       0.9748"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("Wrote 128 rows to " + path), std::string::npos);
}

TEST(Cli, Trajectories122MatchesGoldenCsv) {
    const TempDir dir;
    const std::string path = dir.file("trajectories.csv");
    const CliRun r = run({"experiment", "trajectories-122", "--csv", path});
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string csv = readFile(path);
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "rule,trial,w1,w2");
    expectMatchesGolden("trajectories-122.csv", csv);
}

TEST(Cli, SweepColumnsAndRowCounts) {
    const Experiment* e = findExperiment("lr-sweep");
    ASSERT_NE(e, nullptr);
    Options o(e->options);
    ASSERT_FALSE(o.parse({"--alphas", "0.5,0.1", "--trials", "10", "--T", "16"}).has_value());
    ExperimentResult result;
    std::ostringstream log;
    ASSERT_FALSE(e->run(o, result, log).has_value());
    EXPECT_EQ(result.csv.header,
              (std::vector<std::string>{"rule", "alpha", "trial", "output_0", "output_1"}));
    EXPECT_EQ(result.csv.rows.size(), 2u * 2 * 10);
    EXPECT_EQ(result.csv.rows.front()[1], "0.5");
}

TEST(Cli, TargetAlignmentDoesNotDependOnThreadCount) {
    auto csvWith = [](const std::string& threads) {
        const Experiment* e = findExperiment("target-alignment");
        Options o(e->options);
        EXPECT_FALSE(o.parse({"--depths", "1,3", "--seeds", "3", "--width", "8", "--T", "32",
                              "--threads", threads})
                         .has_value());
        ExperimentResult result;
        std::ostringstream log;
        EXPECT_FALSE(e->run(o, result, log).has_value());
        return result;
    };
    const ExperimentResult one = csvWith("1"), two = csvWith("2");
    EXPECT_EQ(engine::report::csvText(one.csv), engine::report::csvText(two.csv));
    EXPECT_EQ(one.csv.header,
              (std::vector<std::string>{"rule", "depth", "seed", "target_alignment"}));
    EXPECT_EQ(one.csv.rows.size(), 2u * 2 * 3);
    // Depth 1: both rules move the output straight at the target.
    for (const auto& row : one.csv.rows)
        if (row[1] == "1") {
            EXPECT_NEAR(*parseReal(row[3]), 1.0, 1e-9);
        }
    EXPECT_NE(one.summary.find("depth  BP mean"), std::string::npos);
}

TEST(Cli, ProspectiveIndexHasOneRowPerLayerAndSeed) {
    const TempDir dir;
    const CliRun r =
        run({"experiment", "prospective-index", "--depth", "3", "--width", "8", "--seeds", "2",
             "--T", "64", "--activation", "sigmoid", "--csv", dir.file("pi.csv")});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto rows = parseCsv(readFile(dir.file("pi.csv")));
    ASSERT_EQ(rows.size(), 1u + 3 * 2);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"layer", "seed", "prospective_index"}));
}

TEST(Cli, ListAndHelpDescribeEveryExperiment) {
    const CliRun list = run({"experiment", "--list"});
    EXPECT_EQ(list.code, 0);
    for (const char* name : {"interference", "lr-sweep", "target-alignment", "trajectories-122",
                             "prospective-index"}) {
        EXPECT_NE(list.out.find(name), std::string::npos) << name;
        const CliRun help = run({"experiment", name, "--help"});
        EXPECT_EQ(help.code, 0);
        EXPECT_NE(help.out.find("--csv"), std::string::npos);
        EXPECT_NE(help.out.find("(default"), std::string::npos);
    }
    EXPECT_EQ(run({"--help"}).code, 0);
    EXPECT_NE(run({"--help"}).out.find("prospect bench"), std::string::npos);
}

TEST(Cli, BadUsageGivesExitCodeTwoAndAClearMessage) {
    CliRun r = run({"experiment", "bears"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("no experiment called 'bears'"), std::string::npos);
    r = run({"experiment", "interference", "--alpha", "fast"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--alpha: 'fast' is not a finite number"), std::string::npos) << r.err;
    r = run({"experiment", "interference", "--trials", "0"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--trials: 0 is out of range"), std::string::npos) << r.err;
    r = run({"experiment", "interference", "--discount", "1.5"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("discount must be in (0, 1]"), std::string::npos) << r.err;
    r = run({"experiment", "prospective-index", "--activation", "softmax"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--activation: 'softmax'"), std::string::npos);
    r = run({"frobnicate"});
    EXPECT_EQ(r.code, 2);
}

TEST(Cli, UnwritableCsvPathFailsWithExitCodeOne) {
    const TempDir dir;
    const std::string path = dir.file("no-such-folder/x.csv");
    const CliRun r = run({"experiment", "interference", "--trials", "2", "--csv", path});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("cannot write '" + path + "'"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Cli, DivergentRunIsReportedNotHidden) {
    // alpha 50 makes the bear net explode: the run stops, the message names what became
    // non-finite, the exit code says something went wrong, and the rows so far are kept.
    const TempDir dir;
    const CliRun r = run({"experiment", "interference", "--alpha", "50", "--trials", "64", "--csv",
                          dir.file("d.csv")});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("run stopped early: BP, trial"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no longer finite"), std::string::npos) << r.err;
    const auto rows = parseCsv(readFile(dir.file("d.csv")));
    EXPECT_GT(rows.size(), 2u);
    EXPECT_LT(rows.size(), 1u + 2 * 64);
}

TEST(Cli, DivergentTargetAlignmentRunsAreReportedAsNaN) {
    const TempDir dir;
    const CliRun r =
        run({"experiment", "target-alignment", "--depths", "2", "--seeds", "1", "--width", "4",
             "--T", "2000", "--gamma0", "50", "--discount", "1", "--csv", dir.file("ta.csv")});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("depth 2, seed 0: PC, trial 1"), std::string::npos) << r.err;
    EXPECT_NE(readFile(dir.file("ta.csv")).find("PC,2,0,nan"), std::string::npos);
}

TEST(Cli, NetworksOverTheSizeLimitAreRefused) {
    const CliRun r =
        run({"experiment", "target-alignment", "--depths", "3", "--width", "2048", "--seeds", "1"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("network too large"), std::string::npos) << r.err;
}

TEST(RunCommand, BearScenarioGivesThePapersFirstStepInTheCsv) {
    const TempDir dir;
    const std::string csv = dir.file("bear.csv");
    const CliRun r = run({"run", "--preset", "bear", "--trials", "3", "--csv", csv});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto rows = parseCsv(readFile(csv));
    ASSERT_EQ(rows.size(), 7u);  // header + 3 trials x 2 rules
    EXPECT_EQ(rows[0], (std::vector<std::string>{"rule", "trial", "loss", "output_0", "output_1",
                                                 "w1_0_0", "w2_0_0", "w2_1_0"}));
    // Row 2 of each rule: the prediction before trial 2, i.e. after the first step.
    EXPECT_EQ(rows[2][0], "BP");
    EXPECT_EQ(rows[2][1], "2");
    EXPECT_NEAR(std::stod(rows[2][3]), 0.64, 1e-12);
    EXPECT_NEAR(std::stod(rows[2][4]), 0.80, 1e-12);
    EXPECT_EQ(rows[5][0], "PC");
    EXPECT_NEAR(std::stod(rows[5][3]), 0.8504, 1e-3);
    EXPECT_NEAR(std::stod(rows[5][4]), 0.9748, 1e-3);
    // Loss of trial 1: 1/2 ((0 - 1)^2 + (1 - 1)^2).
    EXPECT_EQ(rows[1][2], "0.5");
    EXPECT_NE(r.out.find("Wrote 6 rows"), std::string::npos);
}

TEST(RunCommand, AFileAndThePresetItCameFromGiveTheSameTraces) {
    const TempDir dir;
    const std::string a = dir.file("a.csv"), b = dir.file("b.csv");
    ASSERT_EQ(run({"run", "--preset", "trajectories-122", "--trials", "5", "--csv", a}).code, 0);
    const CliRun r = run({"run", PROSPECT_RESOURCES_DIR "/scenarios/trajectories-122.json",
                          "--trials", "5", "--csv", b});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(readFile(a), readFile(b));
}

TEST(RunCommand, BadInputGivesAMessageAndANonZeroExit) {
    CliRun r = run({"run", PROSPECT_SCENARIO_TEST_DIR "/bad/future-version.json"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("future-version.json: version: is 3, newer than this program reads"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(r.out.empty());
    r = run({"run"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("which scenario?"), std::string::npos);
    r = run({"run", "--preset", "bear", "--trials", "0"});
    EXPECT_EQ(r.code, 2);
    r = run({"run", "--preset", "nope"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("no preset called 'nope'"), std::string::npos);
    r = run({"run", "/no/such/file.json"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("/no/such/file.json: cannot open the file"), std::string::npos);
}

namespace {

/// Runs an experiment in-process with `args`; fails the test on an option error.
ExperimentResult runExperiment(const std::string& name, const std::vector<std::string>& args) {
    const Experiment* e = findExperiment(name);
    EXPECT_NE(e, nullptr) << name;
    ExperimentResult result;
    if (!e)
        return result;
    Options o(e->options);
    EXPECT_FALSE(o.parse(args).has_value());
    std::ostringstream log;
    const auto error = e->run(o, result, log);
    EXPECT_FALSE(error.has_value()) << *error;
    return result;
}

std::vector<std::string> column(const ExperimentResult& r, const std::string& name) {
    const auto it = std::find(r.csv.header.begin(), r.csv.header.end(), name);
    std::vector<std::string> out;
    for (const auto& row : r.csv.rows)
        out.push_back(row[static_cast<size_t>(it - r.csv.header.begin())]);
    return out;
}

}  // namespace

TEST(Cli, FearConditioningRowsAndTheExtinctionEffect) {
    const ExperimentResult r =
        runExperiment("fear-conditioning", {"--seeds", "2", "--trials", "8", "--T", "50"});
    EXPECT_EQ(r.csv.header, (std::vector<std::string>{"rule", "group", "seed", "fear_to_noise"}));
    ASSERT_EQ(r.csv.rows.size(), 2u * 3 * 2);
    // BP: fear to the noise is bit-identical with and without the light's extinction.
    std::map<std::string, std::string> fear;
    for (const auto& row : r.csv.rows)
        fear[row[0] + row[1] + row[2]] = row[3];
    EXPECT_EQ(fear["BPLN+0"], fear["BPLN+L-0"]);
    EXPECT_GT(*parseReal(fear["PCLN+L-0"]), *parseReal(fear["PCLN+0"]));
    EXPECT_NE(r.summary.find("LN+L- minus LN+ (effect of extinguishing the light): BP 0.0000"),
              std::string::npos)
        << r.summary;
}

TEST(Cli, ReversalLearningHasOneRowPerTrialAndConsistentPunishColumns) {
    const ExperimentResult r =
        runExperiment("reversal-learning", {"--bp-seeds", "2", "--pc-seeds", "2", "--trials", "20",
                                            "--T", "32", "--summary-after", "0", "--threads", "2"});
    EXPECT_EQ(r.csv.header,
              (std::vector<std::string>{"rule", "seed", "trial", "choice", "reward", "value_0",
                                        "value_1", "punished", "switched_next", "value_at_punish",
                                        "value_next_trial"}));
    ASSERT_EQ(r.csv.rows.size(), 2u * 2 * 20);
    for (size_t k = 0; k < r.csv.rows.size(); ++k) {
        const auto& row = r.csv.rows[k];
        EXPECT_TRUE(row[4] == "1" || row[4] == "-1");
        EXPECT_EQ(row[7] == "1", row[4] == "-1");
        const bool last = row[2] == "20";
        // A punished trial with a next trial carries the values; no other row does.
        EXPECT_EQ(!row[8].empty(), row[7] == "1" && !last) << k;
        if (!row[8].empty()) {
            const auto& next = r.csv.rows[k + 1];
            EXPECT_EQ(row[9], row[3] == "0" ? row[5] : row[6]);
            EXPECT_EQ(row[10], next[3] == "0" ? next[5] : next[6]);
            EXPECT_EQ(row[8], next[3] == row[3] ? "0" : "1");
        }
    }
    EXPECT_NE(r.summary.find("switch"), std::string::npos);

    // The change line is the mean, over punished trials with a next trial, of each option's
    // value change from the punished trial to the next one, recomputed here from the CSV.
    for (const std::string rule : {"BP", "PC"}) {
        double chosen = 0.0, other = 0.0;
        int n = 0;
        for (size_t k = 0; k + 1 < r.csv.rows.size(); ++k) {
            const auto& row = r.csv.rows[k];
            if (row[0] != rule || row[8].empty())
                continue;
            const auto& next = r.csv.rows[k + 1];
            const int c = row[3] == "0" ? 5 : 6, o = row[3] == "0" ? 6 : 5;
            chosen += *parseReal(next[c]) - *parseReal(row[c]);
            other += *parseReal(next[o]) - *parseReal(row[o]);
            ++n;
        }
        ASSERT_GT(n, 0) << rule;
        std::ostringstream line;
        line << "  " << rule << " " << std::scientific << std::setprecision(2) << std::showpos
             << chosen / n << " and " << other / n << "\n";
        EXPECT_NE(r.summary.find(line.str()), std::string::npos) << line.str() << r.summary;
    }
    EXPECT_NE(r.summary.find("Next trial, switch minus stay: BP "), std::string::npos);
}

TEST(Cli, EveryExperimentsOptionsAreItsEngineTable) {
    // Names, defaults and help come from engine/experiments/experimentoptions.h (whose test
    // checks every default against the engine's config structs); the command line adds only
    // --threads and --csv.
    namespace ex = engine::experiments;
    const std::map<std::string, std::vector<OptionSpec>> tables{
        {"interference", tableOptions(ex::interferenceOptions(), false)},
        {"lr-sweep", tableOptions(ex::lrSweepOptions(), false)},
        {"target-alignment", tableOptions(ex::targetAlignmentOptions(), true)},
        {"trajectories-122", tableOptions(ex::trajectoryOptions(), false)},
        {"prospective-index", tableOptions(ex::prospectiveIndexOptions(), true)},
        {"erratic", tableOptions(ex::erraticOptions(), true)},
        {"fear-conditioning", tableOptions(ex::fearOptions(), true)},
        {"reversal-learning", tableOptions(ex::reversalOptions(), true)},
        {"sensorimotor-transfer", tableOptions(ex::sensorimotorOptions(), true)}};
    // The dataset experiments add --quick and --shard (datacommands_test.cpp checks them).
    ASSERT_EQ(experiments().size(), tables.size() + ex::dataExperiments().size());
    for (const Experiment& e : experiments()) {
        SCOPED_TRACE(e.name);
        if (ex::findDataExperiment(e.name))
            continue;
        const auto table = tables.find(e.name);
        ASSERT_NE(table, tables.end());
        std::vector<OptionSpec> expected = table->second;
        expected.push_back(csvOption());
        ASSERT_EQ(e.options.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            EXPECT_EQ(e.options[i].name, expected[i].name);
            EXPECT_EQ(e.options[i].defaultValue, expected[i].defaultValue) << expected[i].name;
            EXPECT_EQ(e.options[i].help, expected[i].help) << expected[i].name;
            EXPECT_EQ(e.options[i].flag, expected[i].flag) << expected[i].name;
        }
    }
    // --threads sits between the experiment's options and the rules'.
    const Experiment* fear = findExperiment("fear-conditioning");
    ASSERT_NE(fear, nullptr);
    const auto at = [&](const std::string& name) {
        for (size_t i = 0; i < fear->options.size(); ++i)
            if (fear->options[i].name == name)
                return i;
        return fear->options.size();
    };
    EXPECT_EQ(at("threads") + 1, at("T"));
    EXPECT_EQ(at("trials") + 1, at("threads"));
}

TEST(Cli, SensorimotorTransferGroupsAndBpsZeroTransfer) {
    const ExperimentResult r = runExperiment(
        "sensorimotor-transfer",
        {"--seeds", "2", "--training-blocks", "6", "--test-blocks", "1", "--T", "32"});
    EXPECT_EQ(r.csv.header, (std::vector<std::string>{"rule", "seed", "group", "adaptation",
                                                      "adaptation_normalised"}));
    ASSERT_EQ(r.csv.rows.size(), 2u * 2 * 4);
    // Normalised: each value over its rule's mean same-cue adaptation (the mean of the 1+ and
    // 1- means over seeds), recomputed here from the raw column.
    std::map<std::string, double> sameCue;
    for (const auto& row : r.csv.rows)
        if (row[2][0] == '1')
            sameCue[row[0]] += *parseReal(row[3]) / 4.0;  // 2 seeds x 2 groups
    for (const auto& row : r.csv.rows)
        EXPECT_NEAR(*parseReal(row[4]), *parseReal(row[3]) / sameCue[row[0]],
                    1e-12 * std::abs(*parseReal(row[4])) + 1e-15)
            << row[0] << row[1] << row[2];
    EXPECT_NE(r.summary.find("Normalised: divided by the rule's mean same-cue adaptation"),
              std::string::npos)
        << r.summary;
    // BP: an exposure with cue 2 leaves cue 1's prediction unchanged, so its other-cue values
    // are only the channel trial's own teaching, orders of magnitude below the same-cue ones.
    std::map<std::string, double> bp;
    for (const auto& row : r.csv.rows)
        if (row[0] == "BP")
            bp[row[1] + row[2]] = *parseReal(row[3]);
    for (const std::string seed : {"0", "1"})
        for (const char* field : {"+", "-"}) {
            EXPECT_GT(bp[seed + "1" + field], 0.0) << seed << field;
            EXPECT_LT(std::abs(bp[seed + "2" + field]), 1e-3 * bp[seed + "1" + field])
                << seed << field;
        }
    EXPECT_NE(r.summary.find("2-     cue 2, field P- (other cue)"), std::string::npos) << r.summary;
    EXPECT_NE(r.summary.find("Transfer (other-cue / same-cue adaptation, 2+/1+ and 2-/1-): BP "),
              std::string::npos)
        << r.summary;
}

TEST(Cli, ErraticDoesNotDependOnThreadsAndReportsBothRules) {
    const std::vector<std::string> args{"--seeds",     "3",       "--trials",    "6",
                                        "--width",     "6",       "--alphas-pc", "0.5",
                                        "--alphas-bp", "0.3,0.4", "--T",         "20"};
    auto with = [&](const std::string& threads) {
        auto a = args;
        a.insert(a.end(), {"--threads", threads});
        return runExperiment("erratic", a);
    };
    const ExperimentResult one = with("1"), two = with("2");
    EXPECT_EQ(engine::report::csvText(one.csv), engine::report::csvText(two.csv));
    EXPECT_EQ(one.csv.header,
              (std::vector<std::string>{"rule", "alpha", "seed", "path_length", "final_distance"}));
    EXPECT_EQ(one.csv.rows.size(), 3u * 3);
    for (const auto& row : one.csv.rows)
        EXPECT_GE(*parseReal(row[3]), *parseReal(row[4]));  // path >= straight line
    EXPECT_EQ(column(one, "rule").front(), "BP");
    EXPECT_NE(one.summary.find("At equal final distance"), std::string::npos);
}

TEST(Cli, LearningExperimentsAreListedWithHelp) {
    const CliRun list = run({"experiment", "--list"});
    const std::pair<const char*, const char*> seedOptions[] = {
        {"erratic", "--seeds VALUE"},
        {"fear-conditioning", "--seeds VALUE"},
        {"reversal-learning", "--pc-seeds VALUE"},
        {"sensorimotor-transfer", "--seeds VALUE"}};
    for (const auto& [name, seeds] : seedOptions) {
        EXPECT_NE(list.out.find(name), std::string::npos) << name;
        const CliRun help = run({"experiment", name, "--help"});
        EXPECT_EQ(help.code, 0);
        EXPECT_NE(help.out.find(seeds), std::string::npos) << name;
        EXPECT_NE(help.out.find("--threads"), std::string::npos) << name;
    }
    EXPECT_NE(run({"experiment", "erratic", "--help"}).out.find("(default 0.336,0.35,0.364,0.378)"),
              std::string::npos);
    EXPECT_NE(run({"experiment", "fear-conditioning", "--help"}).out.find("--lr-noise"),
              std::string::npos);
}

TEST(Cli, LearningExperimentsRejectBadOptions) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"experiment", "fear-conditioning", "--lr-light", "fast"},
         "--lr-light: 'fast' is not a finite number"},
        {{"experiment", "fear-conditioning", "--lr-noise", "nan"},
         "--lr-noise: 'nan' is not a finite number"},
        {{"experiment", "fear-conditioning", "--lr-noise", "-1"}, "--lr-noise: must be >= 0"},
        {{"experiment", "reversal-learning", "--pc-seeds", "-3"}, "--pc-seeds: -3 is out of range"},
        {{"experiment", "reversal-learning", "--trials", "0"}, "--trials: 0 is out of range"},
        {{"experiment", "sensorimotor-transfer", "--pc-memory-lr", "inf"},
         "--pc-memory-lr: 'inf' is not a finite number"},
        {{"experiment", "sensorimotor-transfer", "--shared-setting", "--bp-lr", "0.5"},
         "the shared setting replaces the six per-rule settings"},
        {{"experiment", "erratic", "--alphas-pc", ""}, "--alphas-pc: give at least one"},
        {{"experiment", "erratic", "--alphas-bp", "0.1,x"}, "--alphas-bp: 'x' in '0.1,x'"},
        {{"experiment", "erratic", "--alphas-bp", "0.1,-2"},
         "--alphas-bp: learning rates must be >= 0"},
        {{"experiment", "erratic", "--discount", "0"}, "discount must be in (0, 1]"},
    };
    for (const auto& [args, message] : cases) {
        const CliRun r = run(args);
        EXPECT_EQ(r.code, 2) << message;
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    }
}

TEST(Cli, CancelledRunWritesNothing) {
    const TempDir dir;
    requestCancel();
    const CliRun r = run({"experiment", "erratic", "--seeds", "2", "--trials", "2", "--width", "4",
                          "--csv", dir.file("cancelled.csv")});
    EXPECT_FALSE(cancelRequested());  // the command consumed the request
    EXPECT_EQ(r.code, 130);
    EXPECT_NE(r.err.find("cancelled; nothing written"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("cancelled.csv")));
}

TEST(Parallel, AJobThatThrowsStopsTheLoopWithAMessage) {
    std::atomic<int> ran{0};
    const auto failure = parallelFor(50, 1, [&](size_t i) {
        ++ran;
        if (i == 4)
            throw std::bad_alloc();
    });
    ASSERT_TRUE(failure.has_value());
    EXPECT_EQ(failure->rfind("a run failed: ", 0), 0u) << *failure;
    EXPECT_EQ(ran.load(), 5);  // one thread: nothing starts after the failure
    EXPECT_FALSE(parallelFor(8, 3, [](size_t) {}).has_value());
}

TEST(RunCommand, AScenarioPlayedOnceStopsAtItsEndWithoutAnError) {
    const TempDir dir;
    const std::string csv = dir.file("fear.csv");
    const CliRun r = run({"run", "--preset", "fear-conditioning", "--trials", "100", "--csv", csv});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    EXPECT_NE(r.out.find("plays its 65 trials once; 100 were asked for"), std::string::npos);
    EXPECT_EQ(parseCsv(readFile(csv)).size(), 1u + 2u * 65u);
}

TEST(Cli, ThreadsDefaultsToOnePerCoreOfTheMachineThatRuns) {
    // The default is written "0" (one per core): the manual page, generated on the build
    // machine, must not print that machine's core count as the default.
    EXPECT_EQ(threadsOption().defaultValue, "0");
    EXPECT_NE(threadsOption().help.find("0: one per core"), std::string::npos);
    for (const std::vector<std::string>& given :
         {std::vector<std::string>{}, std::vector<std::string>{"--threads", "0"}}) {
        Options o({threadsOption()});
        ASSERT_FALSE(o.parse(given).has_value());
        unsigned threads = 0;
        ASSERT_FALSE(readThreads(o, threads).has_value());
        EXPECT_EQ(threads, hardwareThreads());
    }
    Options o({threadsOption()});
    ASSERT_FALSE(o.parse({"--threads", "3"}).has_value());
    unsigned threads = 0;
    ASSERT_FALSE(readThreads(o, threads).has_value());
    EXPECT_EQ(threads, 3u);
    Options tooMany({threadsOption()});
    ASSERT_FALSE(tooMany.parse({"--threads", "257"}).has_value());
    EXPECT_TRUE(readThreads(tooMany, threads).has_value());
}
