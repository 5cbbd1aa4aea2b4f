// The dataset experiments' commands, in-process, on a tiny FashionMNIST stand-in written by the
// test: options, CSV columns and rows, the summary, shards joined by `prospect merge` against one
// run, the messages for missing data and bad shards.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/cli.h"
#include "app/experimentcommands.h"
#include "app/experimenthelpers.h"
#include "app/parallel.h"
#include "engine/experiments/dataplan.h"
#include "tempdir.h"
#include "tinydata.h"

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

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        out.push_back(line);
    return out;
}

/// The summary a command printed, without the "Wrote N rows to PATH" line at its end.
std::string summaryOf(const std::string& out) {
    return out.substr(0, out.find("\nWrote "));
}

/// A folder with the tiny data set, shared by the tests of this file.
class DataCommands : public ::testing::Test {
protected:
    void SetUp() override { tinydata::write(m_dir.path(), 12, 6); }
    std::string data() const { return m_dir.path().string(); }
    /// args + --data DIR.
    std::vector<std::string> withData(std::vector<std::string> args) const {
        args.push_back("--data");
        args.push_back(data());
        return args;
    }
    TempDir m_dir;
};

// Small settings of every experiment: a few epochs, a short T, tiny subsets.
const std::map<std::string, std::vector<std::string>> Small = {
    {"depth",
     {"--depths", "1,3", "--alphas", "0.01,1e30", "--seeds", "2", "--per-class", "6", "--epochs",
      "3", "--T", "6", "--batch-size", "10"}},
    {"online",
     {"--batch-sizes", "1,4", "--alphas", "1:0.1;4:0.05,0.02", "--seeds", "1", "--epochs", "3",
      "--batches", "5", "--T", "6"}},
    {"continual",
     {"--alphas", "0.01,0.005", "--seeds", "2", "--per-class", "6", "--batch-size", "10",
      "--cycles", "2", "--epochs-per-task", "2", "--scored-epochs", "6", "--T", "6"}},
    {"drift",
     {"--alphas", "0.1,0.05", "--seeds", "2", "--epochs", "6", "--period", "3", "--per-class", "5",
      "--test-per-class", "4", "--batch-size", "8", "--pretrain-epochs", "2", "--T", "6"}},
    {"small-data",
     {"--per-class", "2,6", "--alphas", "0.05,0.01", "--seeds", "1", "--epochs", "3", "--T", "6",
      "--batch-size", "10"}},
};

std::vector<std::string> smallArgs(const std::string& name, std::vector<std::string> extra) {
    std::vector<std::string> args = {"experiment", name};
    for (const std::string& a : Small.at(name))
        args.push_back(a);
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

}  // namespace

TEST_F(DataCommands, EveryExperimentWritesTidyCsvAndASummaryPerRule) {
    for (const auto& [name, args] : Small) {
        SCOPED_TRACE(name);
        const TempDir out;
        const CliRun r = run(withData(smallArgs(name, {"--csv", out.file("x.csv")})));
        ASSERT_EQ(r.code, 0) << r.err;
        const std::vector<std::string> csv = lines(readFile(out.file("x.csv")));
        ASSERT_FALSE(csv.empty());
        EXPECT_EQ(csv[0], name == "continual" ? "rule,setting,alpha,seed,epoch,test_error,task"
                                              : "rule,setting,alpha,seed,epoch,test_error");
        EXPECT_NE(r.out.find("\nBP:\n"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("\nPC:\n"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("best alpha"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("score, mean (sd)"), std::string::npos) << r.out;
        EXPECT_NE(r.err.find("% of the epochs"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("100% of the epochs"), std::string::npos) << r.err;
    }
}

TEST_F(DataCommands, RowsCoverEveryCellAndEpoch) {
    const TempDir out;
    CliRun r = run(withData(smallArgs("continual", {"--csv", out.file("c.csv")})));
    ASSERT_EQ(r.code, 0) << r.err;
    // 2 rules x 2 rates x 2 seeds, 2 cycles x 2 tasks x 2 epochs = 8 epochs, both tasks tested.
    EXPECT_EQ(lines(readFile(out.file("c.csv"))).size(), 1u + 8 * 8 * 2);
    EXPECT_NE(r.out.find("untrained task's rise per phase"), std::string::npos) << r.out;
    r = run(withData(smallArgs("online", {"--csv", out.file("o.csv")})));
    ASSERT_EQ(r.code, 0) << r.err;
    // Batch 1 with one rate, batch 4 with two; 1 seed, 3 iterations, both rules.
    EXPECT_EQ(lines(readFile(out.file("o.csv"))).size(), 1u + 2 * 3 * 3);
    EXPECT_NE(r.out.find("batch size"), std::string::npos) << r.out;
}

TEST_F(DataCommands, ADivergingRateIsRecordedAndNotFatal) {
    const TempDir out;
    const CliRun r = run(withData(smallArgs("depth", {"--csv", out.file("d.csv")})));
    ASSERT_EQ(r.code, 0) << r.err;
    // alpha 1e30 diverges in both rules at both depths and both seeds.
    EXPECT_NE(r.err.find("diverged (recorded, the grid goes on): BP, alpha 1e+30"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.out.find("8 of 16 runs diverged"), std::string::npos) << r.out;
    EXPECT_NE(readFile(out.file("d.csv")).find(",nan\n"), std::string::npos);
    // The best rate is the one that did not diverge.
    EXPECT_NE(r.out.find("1      0.01"), std::string::npos) << r.out;
}

TEST_F(DataCommands, ShardsMergedEqualOneRun) {
    for (const std::string name : {"depth", "continual", "drift", "online", "small-data"}) {
        SCOPED_TRACE(name);
        const TempDir out;
        const CliRun one = run(withData(smallArgs(name, {"--csv", out.file("one.csv")})));
        ASSERT_EQ(one.code, 0) << one.err;
        std::vector<std::string> merge = {"merge", out.file("merged.csv")};
        for (int k = 3; k >= 1; --k) {  // any order
            const std::string file = out.file("shard" + std::to_string(k) + ".csv");
            const CliRun shard = run(withData(smallArgs(
                name, {"--shard", std::to_string(k) + "/3", "--csv", file, "--threads", "1"})));
            ASSERT_EQ(shard.code, 0) << shard.err;
            EXPECT_NE(shard.out.find("shard " + std::to_string(k) + "/3"), std::string::npos);
            merge.push_back(file);
        }
        const CliRun merged = run(merge);
        ASSERT_EQ(merged.code, 0) << merged.err;
        EXPECT_EQ(readFile(out.file("merged.csv")), readFile(out.file("one.csv")));
        EXPECT_EQ(summaryOf(merged.out), summaryOf(one.out));
        EXPECT_FALSE(summaryOf(one.out).empty());
    }
}

TEST_F(DataCommands, MergeRefusesWhatIsNotOneGrid) {
    const TempDir out;
    const auto shard = [&](const std::string& k, const std::string& file,
                           std::vector<std::string> extra = {}) {
        extra.insert(extra.end(), {"--shard", k, "--csv", out.file(file)});
        ASSERT_EQ(run(withData(smallArgs("small-data", extra))).code, 0);
    };
    shard("1/2", "a.csv");
    shard("2/2", "b.csv");
    shard("2/2", "b-other.csv", {"--seeds", "2"});
    const auto merge = [&](std::vector<std::string> files) {
        std::vector<std::string> args = {"merge", out.file("m.csv")};
        for (const std::string& f : files)
            args.push_back(out.file(f));
        return run(args);
    };
    CliRun r = merge({"a.csv"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("shard 2/2 is missing"), std::string::npos) << r.err;
    r = merge({"a.csv", "b.csv", "b.csv"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("are both shard 2/2"), std::string::npos) << r.err;
    r = merge({"a.csv", "b-other.csv"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("its --seeds is 2, in "), std::string::npos) << r.err;
    // A row taken out, a row given twice, a file that is not a shard.
    std::vector<std::string> b = lines(readFile(out.file("b.csv")));
    std::string cut, twice;
    for (size_t i = 0; i < b.size(); ++i) {
        cut += i + 1 == b.size() ? "" : b[i] + "\n";
        twice += b[i] + "\n" + (i + 1 == b.size() ? b[i] + "\n" : "");
    }
    writeFile(out.file("cut.csv"), cut);
    writeFile(out.file("twice.csv"), twice);
    r = merge({"a.csv", "cut.csv"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("epochs, expected 3"), std::string::npos) << r.err;
    r = merge({"a.csv", "twice.csv"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("out of order or given twice"), std::string::npos) << r.err;
    r = run({"merge", out.file("m.csv"), out.file("a.csv"), m_dir.path().string() + "/nothing"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("nothing: cannot open the file"), std::string::npos) << r.err;
    ASSERT_EQ(run(withData(smallArgs("small-data", {"--csv", out.file("plain.csv")}))).code, 0);
    r = merge({"plain.csv"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("not a shard of a dataset experiment"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out.file("m.csv")));
    EXPECT_EQ(merge({"a.csv", "b.csv"}).code, 0);
}

TEST_F(DataCommands, MissingOrBrokenDataNamesTheFileAndThePackage) {
    const TempDir empty;
    CliRun r = run(smallArgs("depth", {"--data", empty.file("none")}));
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find(empty.file("none")), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("apt-get install dataset-fashion-mnist"), std::string::npos) << r.err;
    // A truncated file is named.
    const std::string labels = (m_dir.path() / "t10k-labels-idx1-ubyte").string();
    const std::string text = readFile(labels);
    std::ofstream(labels, std::ios::binary | std::ios::trunc) << text.substr(0, text.size() - 5);
    r = run(withData(smallArgs("drift", {})));
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("t10k-labels-idx1-ubyte"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("apt-get install dataset-fashion-mnist"), std::string::npos) << r.err;
}

TEST_F(DataCommands, QuickChangesTheDefaultsOnlyOfTheOptionsNotGiven) {
    // The quick depth grid has 4 rates, 1 seed and 100 test images per class; --depths, --epochs
    // and --T given here stay as given.
    const CliRun r = run(withData({"experiment", "depth", "--quick", "--depths", "1", "--epochs",
                                   "1", "--T", "2", "--per-class", "2"}));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("1 epochs; a test on 100 test images per class"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("Depths L 1; 4 learning rates;\n1 seed(s); 8 runs"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("PC: T 2, gamma0 0.1"), std::string::npos) << r.out;
}

TEST_F(DataCommands, BadOptionsAreRefusedWithTheirName) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"experiment", "online", "--batch-sizes", "4", "--alphas", "paper"},
         "the paper has no learning rates for batch size 4"},
        {{"experiment", "online", "--alphas", "1:0.1;8"}, "is not BATCH:RATES"},
        {{"experiment", "depth", "--shard", "3/2", "--csv", "x.csv"}, "--shard: '3/2' is not K/N"},
        {{"experiment", "depth", "--shard", "1/2"}, "--shard writes its rows to a file"},
        {{"experiment", "continual", "--seeds", "0"}, "--seeds: 0 is out of range"},
        {{"experiment", "continual", "--configuration", "paper"},
         "--configuration: 'paper' is not a configuration: use 'protocol' or 'authors'"},
        {{"experiment", "drift", "--discount", "2"}, "discount"},
        {{"experiment", "small-data", "--per-class", "60,60"}, "60 is listed twice"},
    };
    for (const auto& [args, message] : cases) {
        const CliRun r = run(withData(args));
        EXPECT_EQ(r.code, 2) << message;
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    }
}

TEST_F(DataCommands, AHugeValueIsEchoedCutInEveryMessage) {
    // A value of 5,000 characters is echoed as its first 50 and its length, wherever the
    // message comes from (the BATCH:RATES form and --configuration echoed it whole).
    const std::string huge(5000, 'x');
    const std::vector<std::vector<std::string>> cases = {
        {"experiment", "online", "--alphas", "1:0.1;" + huge},
        {"experiment", "online", "--alphas", "1:" + huge},
        {"experiment", "continual", "--configuration", huge},
    };
    for (const auto& args : cases) {
        const CliRun r = run(withData(args));
        EXPECT_EQ(r.code, 2);
        EXPECT_NE(r.err.find("(5000 characters)"), std::string::npos) << r.err.substr(0, 300);
        EXPECT_LT(r.err.size(), 400u) << args[1] << " " << args[2];
    }
}

TEST_F(DataCommands, CancelledRunWritesNothing) {
    const TempDir out;
    requestCancel();
    const CliRun r = run(withData(smallArgs("depth", {"--csv", out.file("x.csv")})));
    EXPECT_FALSE(cancelRequested());
    EXPECT_EQ(r.code, 130);
    EXPECT_NE(r.err.find("cancelled; nothing written"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out.file("x.csv")));
}

TEST(DataCommandOptions, AreTheEngineTablesPlusQuickShardThreadsAndCsv) {
    namespace ex = engine::experiments;
    for (const ex::DataExperimentInfo& info : ex::dataExperiments()) {
        SCOPED_TRACE(info.name);
        const Experiment* e = findExperiment(info.name);
        ASSERT_NE(e, nullptr);
        std::vector<std::string> expected;
        for (const ex::DataOptionInfo& o : info.options)
            if (o.group == ex::OptionGroup::Experiment)
                expected.push_back(o.name);
        for (const char* name : {"quick", "shard", "threads"})
            expected.push_back(name);
        for (const ex::DataOptionInfo& o : info.options)
            if (o.group == ex::OptionGroup::Rules)
                expected.push_back(o.name);
        expected.push_back("csv");
        ASSERT_EQ(e->options.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i)
            EXPECT_EQ(e->options[i].name, expected[i]);
        for (const ex::DataOptionInfo& o : info.options)
            for (const OptionSpec& spec : e->options)
                if (spec.name == o.name) {
                    EXPECT_EQ(spec.defaultValue, o.defaultText) << o.name;
                    EXPECT_EQ(spec.help.rfind(o.help, 0), 0u) << o.name;
                }
        const CliRun help = run({"experiment", info.name, "--help"});
        EXPECT_EQ(help.code, 0);
        EXPECT_NE(help.out.find("--quick"), std::string::npos);
        EXPECT_NE(help.out.find("--shard"), std::string::npos);
    }
    EXPECT_EQ(run({"merge", "--help"}).code, 0);
    EXPECT_EQ(run({"merge"}).code, 2);
}
