// The scenario reader's messages: always a field and a reason in our words, never the JSON
// library's text, and values echoed at most about 60 characters long.
#include <gtest/gtest.h>

#include <string>

#include "engine/scenario/scenariofile.h"

using namespace engine;

namespace {

/// A small valid scenario with `weight` as the text of its only weight and `activation` as its
/// hidden activation.
std::string scenarioText(const std::string& weight, const std::string& activation = "tanh") {
    return R"({"format": "prospect-scenario", "version": 1,
      "network": {"layers": [{"size": 1}, {"size": 1, "activation": ")" +
           activation + R"("}, {"size": 1}],
                  "weights": [{"values": [[)" +
           weight + R"(]]}, {"values": [[1]]}]},
      "trials": {"list": [{"input": [1], "target": [1]}]},
      "bp": {"alpha": 0.1}, "pc": {"alpha": 0.1, "T": 4, "gamma0": 0.1, "discount": 0.5}})";
}

std::string errorOf(const std::string& text) {
    const ScenarioResult r = parseScenario(text, "s.json");
    EXPECT_FALSE(r.scenario);
    EXPECT_EQ(r.error.find("json.exception"), std::string::npos) << r.error;
    return r.error;
}

}  // namespace

TEST(ScenarioMessages, TheTextIsValid) {
    EXPECT_TRUE(parseScenario(scenarioText("0.5"), "s.json").scenario);
}

TEST(ScenarioMessages, AHugeNumberNamesItsFieldWithoutTheLibrarysText) {
    EXPECT_EQ(
        errorOf(scenarioText("1e999")),
        "s.json: network.weights[0].values[0][0]: '1e999' is too large to be a finite number");
}

TEST(ScenarioMessages, ATenMegabyteNumberIsEchoedShort) {
    const std::string error = errorOf(scenarioText("1" + std::string(10'000'000, '0')));
    EXPECT_LT(error.size(), 200u) << error.substr(0, 300);
    EXPECT_NE(error.find("network.weights[0].values[0][0]: '1000000"), std::string::npos) << error;
    EXPECT_NE(error.find("...' (10000001 characters) is too large"), std::string::npos) << error;
}

TEST(ScenarioMessages, AHundredKilobyteStringIsEchoedShort) {
    const std::string error = errorOf(scenarioText("0.5", std::string(100'000, 'x')));
    EXPECT_LT(error.size(), 200u) << error.substr(0, 300);
    EXPECT_NE(error.find("network.layers[1].activation: 'xxxx"), std::string::npos) << error;
    EXPECT_NE(error.find("...' (100000 characters) is not an activation"), std::string::npos)
        << error;
}

TEST(ScenarioMessages, AHundredKilobyteFieldNameIsEchoedShort) {
    std::string text = scenarioText("0.5");
    text.insert(1, "\"" + std::string(100'000, 'k') + "\": 1, ");
    const std::string error = errorOf(text);
    EXPECT_LT(error.size(), 200u) << error.substr(0, 300);
    EXPECT_NE(error.find("is not a field of this format"), std::string::npos) << error;
}

TEST(ScenarioMessages, ControlCharactersAreNotEchoed) {
    const std::string error = errorOf(scenarioText("0.5", "\\u001b[31mred"));
    EXPECT_EQ(error.find('\x1b'), std::string::npos) << error;
    EXPECT_NE(error.find("'?[31mred' is not an activation"), std::string::npos) << error;
}

TEST(ScenarioMessages, SyntaxErrorsGiveTheLineAndColumn) {
    EXPECT_EQ(errorOf("{\n  \"format\": ,\n}"), "s.json: not valid JSON (line 2, column 13)");
}
