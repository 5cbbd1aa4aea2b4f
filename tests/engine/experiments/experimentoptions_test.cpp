// The experiments' option tables: every option's default is the engine's default, every option
// sets its own member and nothing else, and values are read with the messages the command line
// and the results window show.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/experiments/experimentoptions.h"
#include "engine/report/format.h"

using namespace engine;
using namespace engine::experiments;

namespace {

std::string text(Scalar v) {
    return report::formatNumber(v);
}
std::string text(int v) {
    return std::to_string(v);
}
std::string text(Index v) {
    return std::to_string(v);
}
std::string text(bool on) {  // a flag's text
    return on ? "1" : "";
}
std::string text(Activation a) {
    return activationName(a);
}
std::string text(const std::vector<Scalar>& v) {
    return ratesText(v);
}
std::string text(const std::vector<int>& v) {
    return integerListText(v);
}

/// An option, the engine's default for it (as text), a different valid value, and the member it
/// must set (as text).
template <typename S>
struct Binding {
    std::string name;
    std::string engineDefault;
    std::string other;
    std::function<std::string(const S&)> member;
};

#define BIND(S, name, member, engineDefault, other)                                 \
    Binding<S> {                                                                    \
        name, text(engineDefault), other, [](const S& s) { return text(s.member); } \
    }

/// Every option of the table is listed once; its default is the engine's; reading `other` sets
/// its member and leaves every other option at its default; reading the default text back gives
/// the default again.
template <typename S>
void expectBindings(const OptionTable<S>& table, const std::vector<Binding<S>>& bindings) {
    std::set<std::string> listed, inTable;
    for (const Binding<S>& b : bindings)
        EXPECT_TRUE(listed.insert(b.name).second) << b.name << " listed twice";
    for (const Option<S>& o : table.options)
        EXPECT_TRUE(inTable.insert(o.name).second) << o.name << " twice in the table";
    EXPECT_EQ(listed, inTable);
    for (const Binding<S>& b : bindings) {
        SCOPED_TRACE(b.name);
        const Option<S>* o = table.find(b.name);
        ASSERT_NE(o, nullptr);
        EXPECT_EQ(table.defaultText(*o), b.engineDefault);
        EXPECT_EQ(b.member(S{}), b.engineDefault);
        ASSERT_NE(b.other, b.engineDefault);
        S s;
        const OptionError e = o->read(b.other, s);
        ASSERT_FALSE(e.has_value()) << *e;
        EXPECT_EQ(b.member(s), b.other);
        EXPECT_EQ(o->text(s), b.other);
        for (const Option<S>& p : table.options) {
            if (p.name == b.name)
                continue;
            EXPECT_EQ(p.text(s), table.defaultText(p))
                << "reading --" << b.name << " changed --" << p.name;
        }
        ASSERT_FALSE(o->read(table.defaultText(*o), s).has_value());
        EXPECT_EQ(b.member(s), b.engineDefault);
        EXPECT_TRUE(table.check(S{}).empty());
    }
}

}  // namespace

TEST(ExperimentOptions, InterferenceDefaultsAreTheEngines) {
    using S = InterferenceSettings;
    const PcConfig pc;  // interference() takes T, gamma0 and discount from a PcConfig
    expectBindings(interferenceOptions(),
                   {BIND(S, "alpha", pc.alpha, 0.2, "0.3"), BIND(S, "trials", trials, 64, "5"),
                    BIND(S, "T", pc.iterations, pc.iterations, "7"),
                    BIND(S, "gamma0", pc.gamma0, pc.gamma0, "0.25"),
                    BIND(S, "discount", pc.discount, pc.discount, "0.75")});
}

TEST(ExperimentOptions, LrSweepDefaultsAreTheEngines) {
    using S = LrSweepSettings;
    const PcConfig pc;
    expectBindings(lrSweepOptions(), {BIND(S, "alphas", alphas, S{}.alphas, "0.3,0.2"),
                                      // The authors' 2048: alpha 0.005 converges too.
                                      BIND(S, "trials", trials, 2048, "5"),
                                      BIND(S, "T", pc.iterations, pc.iterations, "7"),
                                      BIND(S, "gamma0", pc.gamma0, pc.gamma0, "0.25"),
                                      BIND(S, "discount", pc.discount, pc.discount, "0.75")});
    EXPECT_EQ(lrSweepOptions().defaultText(*lrSweepOptions().find("alphas")),
              "0.5,0.1,0.05,0.01,0.005");
}

TEST(ExperimentOptions, TargetAlignmentDefaultsAreTheEngines) {
    using S = TargetAlignmentSettings;
    const DeepNetConfig c;
    expectBindings(targetAlignmentOptions(),
                   {BIND(S, "depths", depths, S{}.depths, "2,4-6"),
                    BIND(S, "seeds", seeds, 27, "2"), BIND(S, "width", config.width, c.width, "8"),
                    BIND(S, "alpha", config.pc.alpha, c.pc.alpha, "0.5"),
                    BIND(S, "T", config.pc.iterations, c.pc.iterations, "7"),
                    BIND(S, "gamma0", config.pc.gamma0, c.pc.gamma0, "0.25"),
                    BIND(S, "discount", config.pc.discount, c.pc.discount, "0.75")});
    EXPECT_EQ(targetAlignmentOptions().defaultText(*targetAlignmentOptions().find("depths")),
              "1-25");
}

TEST(ExperimentOptions, TrajectoryDefaultsAreTheEngines) {
    using S = TrajectorySettings;
    const TrajectoryConfig c;
    expectBindings(
        trajectoryOptions(),
        {BIND(S, "trials", trials, 16, "5"), BIND(S, "bp-alpha", config.bpAlpha, c.bpAlpha, "0.5"),
         BIND(S, "pc-alpha", config.pc.alpha, c.pc.alpha, "0.5"),
         BIND(S, "T", config.pc.iterations, c.pc.iterations, "7"),
         BIND(S, "gamma0", config.pc.gamma0, c.pc.gamma0, "0.25"),
         BIND(S, "discount", config.pc.discount, c.pc.discount, "0.75")});
}

TEST(ExperimentOptions, ProspectiveIndexDefaultsAreTheEngines) {
    using S = ProspectiveIndexSettings;
    const DeepNetConfig c;
    // The figure uses T = 128, not DeepNetConfig's 512 (target alignment's).
    expectBindings(prospectiveIndexOptions(),
                   {BIND(S, "depth", depth, 6, "3"), BIND(S, "width", config.width, c.width, "8"),
                    BIND(S, "seeds", seeds, 3, "2"),
                    BIND(S, "activation", config.activation, c.activation, "tanh"),
                    BIND(S, "alpha", config.pc.alpha, c.pc.alpha, "0.5"),
                    BIND(S, "T", config.pc.iterations, 128, "7"),
                    BIND(S, "gamma0", config.pc.gamma0, c.pc.gamma0, "0.25"),
                    BIND(S, "discount", config.pc.discount, c.pc.discount, "0.75")});
}

TEST(ExperimentOptions, FearDefaultsAreTheEngines) {
    using S = FearSettings;
    const FearConfig c;
    expectBindings(fearOptions(),
                   {BIND(S, "seeds", seeds, 8, "2"),
                    BIND(S, "lr-perception", config.lrPerception, c.lrPerception, "0.5"),
                    BIND(S, "lr-light", config.lrLight, c.lrLight, "0.5"),
                    BIND(S, "lr-noise", config.lrNoise, c.lrNoise, "0.5"),
                    BIND(S, "init-mean", config.initMean, c.initMean, "-0.5"),
                    BIND(S, "init-std", config.initStd, c.initStd, "0.5"),
                    BIND(S, "trials", config.trialsPerPhase, c.trialsPerPhase, "5"),
                    BIND(S, "T", config.pc.iterations, c.pc.iterations, "7"),
                    BIND(S, "gamma0", config.pc.gamma0, c.pc.gamma0, "0.25"),
                    BIND(S, "discount", config.pc.discount, c.pc.discount, "0.75")});
}

TEST(ExperimentOptions, ReversalDefaultsAreTheEngines) {
    using S = ReversalSettings;
    const ReversalConfig c;
    expectBindings(
        reversalOptions(),
        // The authors' per-rule settings: 40 seeds and init std 0.1 for BP, 22 and 0.05 for PC.
        {BIND(S, "bp-seeds", bpSeeds, 40, "2"), BIND(S, "pc-seeds", pcSeeds, 22, "3"),
         BIND(S, "trials", config.trials, c.trials, "5"),
         BIND(S, "alpha", config.pc.alpha, c.pc.alpha, "0.5"),
         BIND(S, "bp-init-std", config.bpInitStd, 0.1, "0.5"),
         BIND(S, "pc-init-std", config.pcInitStd, 0.05, "0.5"),
         BIND(S, "beta", config.task.inverseTemperature, c.task.inverseTemperature, "2"),
         BIND(S, "summary-after", summaryAfter, 64, "0"),
         BIND(S, "T", config.pc.iterations, c.pc.iterations, "7"),
         BIND(S, "gamma0", config.pc.gamma0, c.pc.gamma0, "0.25"),
         BIND(S, "discount", config.pc.discount, c.pc.discount, "0.75")});
}

TEST(ExperimentOptions, SensorimotorDefaultsAreTheEngines) {
    using S = SensorimotorSettings;
    const SensorimotorConfig c;
    expectBindings(
        sensorimotorOptions(),
        // The authors' fits: PC init std 0.1, rates 5e-5 and 0.01; BP 1e-5, 0.1 and 0.001.
        {BIND(S, "seeds", seeds, 24, "2"),
         BIND(S, "pc-init-std", config.pcSetting.initStd, 0.1, "0.5"),
         BIND(S, "pc-lr", config.pcSetting.lr, 5e-5, "0.5"),
         BIND(S, "pc-memory-lr", config.pcSetting.memoryLr, 0.01, "0.5"),
         BIND(S, "bp-init-std", config.bpSetting.initStd, 1e-5, "0.5"),
         BIND(S, "bp-lr", config.bpSetting.lr, 0.1, "0.5"),
         BIND(S, "bp-memory-lr", config.bpSetting.memoryLr, 0.001, "0.5"),
         BIND(S, "shared-setting", config.sharedSetting, false, "1"),
         BIND(S, "training-triplets", config.trainingTriplets, false, "1"),
         BIND(S, "training-blocks", config.trainingBlocks, c.trainingBlocks, "0"),
         BIND(S, "test-blocks", config.testBlocks, c.testBlocks, "1"),
         BIND(S, "T", config.pc.iterations, c.pc.iterations, "7"),
         BIND(S, "gamma0", config.pc.gamma0, c.pc.gamma0, "0.25"),
         BIND(S, "discount", config.pc.discount, c.pc.discount, "0.75")});
}

TEST(ExperimentOptions, ErraticDefaultsAreTheEngines) {
    using S = ErraticSettings;
    const ErraticConfig c;
    expectBindings(
        erraticOptions(),
        {BIND(S, "seeds", seeds, 99, "2"), BIND(S, "trials", config.trials, c.trials, "5"),
         BIND(S, "alphas-pc", alphasPc, S{}.alphasPc, "0.5"),
         BIND(S, "alphas-bp", alphasBp, S{}.alphasBp, "0.3,0.4"),
         BIND(S, "width", config.width, c.width, "4"),
         BIND(S, "sample-std", config.sampleStd, c.sampleStd, "0.5"),
         BIND(S, "T", config.pc.iterations, c.pc.iterations, "7"),
         BIND(S, "gamma0", config.pc.gamma0, c.pc.gamma0, "0.25"),
         BIND(S, "discount", config.pc.discount, c.pc.discount, "0.75")});
    EXPECT_EQ(erraticOptions().defaultText(*erraticOptions().find("alphas-bp")),
              "0.336,0.35,0.364,0.378");
}

TEST(ExperimentOptions, RulesOptionsComeAfterTheExperiments) {
    // The command line puts --threads between the two groups; the help lists them in order.
    const auto& options = fearOptions().options;
    ASSERT_GE(options.size(), 3u);
    EXPECT_EQ(options[options.size() - 3].name, "T");
    for (std::size_t i = 0; i < options.size(); ++i)
        EXPECT_EQ(options[i].group,
                  i + 3 < options.size() ? OptionGroup::Experiment : OptionGroup::Rules)
            << options[i].name;
}

TEST(ExperimentOptions, ReadSettingsNamesEveryBadFieldAndChecksTheWhole) {
    std::map<std::string, std::string> given{{"seeds", "0"}, {"lr-light", "x"}};
    auto textOf = [&](const std::string& name) {
        const auto it = given.find(name);
        return it != given.end() ? it->second
                                 : fearOptions().defaultText(*fearOptions().find(name));
    };
    FearSettings s;
    EXPECT_EQ(readSettings(fearOptions(), textOf, "--", s),
              (std::vector<std::string>{"--seeds: 0 is out of range (1..100000)",
                                        "--lr-light: 'x' is not a finite number"}));
    // Every field fine: the whole is checked (PcConfig::validate()).
    given = {{"discount", "2"}};
    EXPECT_EQ(readSettings(fearOptions(), textOf, "", s),
              (std::vector<std::string>{"discount must be in (0, 1]"}));
    // Too large a network for the deepest depth asked for.
    TargetAlignmentSettings t;
    const auto problems = readSettings(
        targetAlignmentOptions(),
        [](const std::string& name) {
            if (name == "depths")
                return std::string("1,3");
            if (name == "width")
                return std::string("2048");
            return targetAlignmentOptions().defaultText(*targetAlignmentOptions().find(name));
        },
        "--", t);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("network too large"), std::string::npos) << problems[0];
}

TEST(ExperimentOptions, FlagsAreOffByDefaultAndOnWhenGiven) {
    struct Quick {
        bool quick = false;
    };
    OptionTable<Quick> t;
    t.flag(
        "quick", "a short run", [](auto& s) -> auto& { return s.quick; });
    ASSERT_EQ(t.options.size(), 1u);
    EXPECT_TRUE(t.options[0].flag);
    EXPECT_EQ(t.defaultText(t.options[0]), "");
    Quick q;
    ASSERT_FALSE(t.options[0].read("1", q).has_value());
    EXPECT_TRUE(q.quick);
    EXPECT_EQ(t.options[0].text(q), "1");
    EXPECT_EQ(*t.options[0].read("yes", q), "takes no value");
}

TEST(ReadValues, NumbersMustBeWholeAndFinite) {
    EXPECT_EQ(parseReal("1e-3"), 1e-3);
    EXPECT_FALSE(parseReal("1.5x").has_value());
    EXPECT_FALSE(parseReal("").has_value());
    EXPECT_FALSE(parseReal("inf").has_value());
    EXPECT_FALSE(parseReal("nan").has_value());
    EXPECT_EQ(parseInteger("-12"), -12);
    EXPECT_FALSE(parseInteger("3.0").has_value());
    EXPECT_FALSE(parseInteger("99999999999999999999").has_value());
    long long n = 0;
    EXPECT_EQ(*readInteger("5", 1, 4, n), "5 is out of range (1..4)");
    EXPECT_EQ(*readInteger("five", 1, 4, n), "'five' is not a whole number");
    EXPECT_FALSE(readInteger(" 3 ", 1, 4, n).has_value());  // a field's spaces do not matter
    EXPECT_EQ(n, 3);
    double x = 0.0;
    EXPECT_EQ(*readReal("-1", true, x), "must be >= 0, got -1");
    EXPECT_FALSE(readReal("-1", false, x).has_value());
    EXPECT_EQ(x, -1.0);
}

TEST(ReadValues, ListsWithRangesAndRates) {
    std::vector<long long> d;
    ASSERT_FALSE(readIntegerList("1,4-6, 9", 1, 10, d).has_value());
    EXPECT_EQ(d, (std::vector<long long>{1, 4, 5, 6, 9}));
    EXPECT_EQ(*readIntegerList("5-2", 1, 10, d), "'5-2' is not a range like 1-25");
    EXPECT_EQ(*readIntegerList("1,x", 1, 10, d), "'x' in '1,x' is not a whole number");
    EXPECT_EQ(*readIntegerList("3,11", 1, 10, d), "11 is out of range (1..10)");
    EXPECT_EQ(*readIntegerList("1-200000", 1, 1'000'000, d), "at most 100000 values");
    EXPECT_EQ(*readIntegerList("", 1, 10, d), "'' in '' is not a whole number");
    EXPECT_EQ(d, (std::vector<long long>{1, 4, 5, 6, 9}));  // a refused value changes nothing
    std::vector<double> r;
    ASSERT_FALSE(readRates("0.5, 0.25", r).has_value());
    EXPECT_EQ(r, (std::vector<double>{0.5, 0.25}));
    EXPECT_EQ(*readRates(" ", r), "give at least one learning rate");
    EXPECT_EQ(*readRates("0.1,-2", r), "learning rates must be >= 0, got -2");
    EXPECT_EQ(*readRates("0.1,x", r), "'x' in '0.1,x' is not a finite number");
    EXPECT_EQ(*readRates(std::string(1000, ','), r), "at most 1000 values");
    Activation a = Activation::Identity;
    EXPECT_EQ(*readActivation("softmax", a),
              "'softmax' is not one of identity, tanh, sigmoid, relu, leaky-relu");
    ASSERT_FALSE(readActivation("relu", a).has_value());
    EXPECT_EQ(a, Activation::Relu);
}

TEST(ReadValues, ListsAsTextReadBackExactly) {
    EXPECT_EQ(integerListText({1, 2, 3, 4}), "1-4");
    EXPECT_EQ(integerListText({1, 3, 4, 5, 9, 10}), "1,3-5,9-10");
    EXPECT_EQ(integerListText({5, 4}), "5,4");
    EXPECT_EQ(integerListText({}), "");
    std::vector<long long> back;
    ASSERT_FALSE(readIntegerList(integerListText({1, 3, 4, 5, 9, 10}), 1, 10, back).has_value());
    EXPECT_EQ(back, (std::vector<long long>{1, 3, 4, 5, 9, 10}));
    const std::vector<double> rates{0.476, 1.0 / 3.0, 1e-7};
    std::vector<double> rates2;
    ASSERT_FALSE(readRates(ratesText(rates), rates2).has_value());
    EXPECT_EQ(rates2, rates);
}
