// Messages of the command line: what the user typed is echoed at most about 60 characters long,
// and options are checked before anything runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "clirun.h"
#include "tempdir.h"

namespace {

const std::string Huge(100'000, 'x');

void expectShortMessage(const std::vector<std::string>& args, const std::string& part) {
    const CliResult r = runCli(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_LT(r.err.size(), 300u) << r.err.substr(0, 400);
    EXPECT_NE(r.err.find(part), std::string::npos) << r.err.substr(0, 400);
    EXPECT_NE(r.err.find("...' (10000"), std::string::npos) << r.err.substr(0, 400);
}

}  // namespace

TEST(Messages, HugeValuesAreEchoedShort) {
    expectShortMessage({"experiment", "interference", "--alpha", Huge}, "--alpha: 'xxx");
    expectShortMessage({"experiment", "lr-sweep", "--alphas", Huge}, "--alphas: 'xxx");
    expectShortMessage({"experiment", "target-alignment", "--depths", Huge}, "--depths: 'xxx");
    expectShortMessage({"experiment", "prospective-index", "--activation", Huge},
                       "--activation: 'xxx");
    expectShortMessage({"run", "--preset", Huge}, "no preset called 'xxx");
    expectShortMessage({"run", "--preset", "bear", "--trials", Huge}, "--trials: 'xxx");
    expectShortMessage({"experiment", "interference", "--" + Huge}, "unknown option '--xxx");
    expectShortMessage({"experiment", "interference", Huge}, "unexpected argument 'xxx");
}

// A range whose length overflows (UBSan reported it) was expanded until memory ran out.
TEST(Messages, ARangeThatOverflowsIsRefusedAtOnce) {
    const CliResult r =
        runCli({"experiment", "target-alignment", "--depths", "-2-9223372036854775807"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--depths:"), std::string::npos) << r.err;
}

TEST(Messages, AnEmptyCsvNameIsRefusedBeforeTheRun) {
    const CliResult r = runCli({"experiment", "erratic", "--seeds", "100000", "--csv", ""});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--csv: give a file name"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("runs on"), std::string::npos) << r.err;  // nothing started
}

TEST(Messages, ABadOptionIsRefusedBeforeTheCsvFileIsTouched) {
    const TempDir dir;
    const std::string csv = dir.file("out.csv");
    writeText(csv, "old\n");
    const CliResult r = runCli({"experiment", "interference", "--alpha", "x", "--csv", csv});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(fileText(csv), "old\n");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                            std::filesystem::directory_iterator()),
              1);
}
