#include <gtest/gtest.h>

#include "app/options.h"

using namespace app;

namespace {
Options make() {
    return Options({{"alpha", "0.2", "rate"},
                    {"depths", "1-3", "depths"},
                    {"csv", "", "file"},
                    {"quiet", "", "q", true}});
}
}  // namespace

TEST(Options, DefaultsAndGivenValues) {
    Options o = make();
    ASSERT_FALSE(o.parse({"--alpha", "0.5", "--quiet"}).has_value());
    double a = 0;
    EXPECT_FALSE(o.real("alpha", a).has_value());
    EXPECT_EQ(a, 0.5);
    EXPECT_TRUE(o.given("quiet"));
    EXPECT_FALSE(o.given("csv"));
    std::vector<long long> d;
    EXPECT_FALSE(o.integerList("depths", d).has_value());
    EXPECT_EQ(d, (std::vector<long long>{1, 2, 3}));
}

TEST(Options, EqualsFormAndListsWithRanges) {
    Options o = make();
    ASSERT_FALSE(o.parse({"--depths=1,4-6,9"}).has_value());
    std::vector<long long> d;
    EXPECT_FALSE(o.integerList("depths", d).has_value());
    EXPECT_EQ(d, (std::vector<long long>{1, 4, 5, 6, 9}));
}

TEST(Options, ErrorsNameTheOptionAndValue) {
    Options o = make();
    EXPECT_EQ(*o.parse({"--beta", "1"}), "unknown option '--beta' (see --help)");
    Options p = make();
    EXPECT_EQ(*p.parse({"--alpha"}), "option '--alpha' needs a value");
    Options q = make();
    ASSERT_FALSE(q.parse({"--alpha", "nan", "--depths", "5-2"}).has_value());
    double a = 0;
    EXPECT_EQ(*q.real("alpha", a), "--alpha: 'nan' is not a finite number");
    std::vector<long long> d;
    EXPECT_EQ(*q.integerList("depths", d), "--depths: '5-2' is not a range like 1-25");
    Options r = make();
    EXPECT_EQ(*r.parse({"stray"}), "unexpected argument 'stray'");
}

TEST(Options, HelpListsEveryOptionWithDefault) {
    Options o = make();
    ASSERT_FALSE(o.parse({"--help"}).has_value());
    EXPECT_TRUE(o.helpRequested());
    const std::string help = o.helpText();
    EXPECT_NE(help.find("--alpha VALUE"), std::string::npos);
    EXPECT_NE(help.find("(default 0.2)"), std::string::npos);
    EXPECT_NE(help.find("--quiet"), std::string::npos);
}

TEST(Parse, NumbersMustBeWholeAndFinite) {
    EXPECT_EQ(parseReal("1e-3"), 1e-3);
    EXPECT_FALSE(parseReal("1.5x").has_value());
    EXPECT_FALSE(parseReal("").has_value());
    EXPECT_FALSE(parseReal("inf").has_value());
    EXPECT_EQ(parseInteger("-12"), -12);
    EXPECT_FALSE(parseInteger("3.0").has_value());
}
