// `prospect run`: what it prints and writes for long runs and extreme numbers.
#include <gtest/gtest.h>

#include <string>

#include "clirun.h"
#include "tempdir.h"

namespace {

/// The bear scenario with its first weight set to `weight` (JSON number text).
std::string bearWithWeight(const std::string& weight) {
    return R"({"format": "prospect-scenario", "version": 1, "name": "tiny",
      "network": {"layers": [{"size": 1}, {"size": 1}, {"size": 2}],
                  "weights": [{"values": [[)" +
           weight + R"(]]}, {"values": [[1], [1]]}]},
      "trials": {"list": [{"input": [1], "target": [0, 1]}]},
      "bp": {"alpha": 0.2}, "pc": {"alpha": 0.2, "T": 8, "gamma0": 0.1, "discount": 0.5}})";
}

}  // namespace

// Past trial 5472 of the bear net a printed value is subnormal; the summary once read the
// printed numbers back with std::stod, which throws on subnormals, and the program aborted.
TEST(RunCommand, ALongRunWhoseValuesBecomeSubnormalPrintsItsSummary) {
    const CliResult r = runCli({"run", "--preset", "bear", "--trials", "5473"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("BP    5473"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("PC    5473"), std::string::npos) << r.out;
}

TEST(RunCommand, ASubnormalWeightIsRunAndPrinted) {
    const TempDir dir;
    const std::string scenario = dir.file("subnormal.json");
    writeText(scenario, bearWithWeight("1e-310"));
    const std::string csv = dir.file("subnormal.csv");
    const CliResult r = runCli({"run", scenario, "--trials", "2", "--csv", csv});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("BP    1"), std::string::npos) << r.out;
    // The CSV keeps the weight exactly (shortest text that reads back as the same double).
    EXPECT_NE(fileText(csv).find("1e-310"), std::string::npos);
}
