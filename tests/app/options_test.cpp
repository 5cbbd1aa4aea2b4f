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
    EXPECT_EQ(o.text("depths"), "1-3");
    EXPECT_EQ(o.text("csv"), "");
}

TEST(Options, EqualsForm) {
    Options o = make();
    ASSERT_FALSE(o.parse({"--depths=1,4-6,9", "--alpha=0.25"}).has_value());
    EXPECT_EQ(o.text("depths"), "1,4-6,9");
    double a = 0;
    EXPECT_FALSE(o.real("alpha", a).has_value());
    EXPECT_EQ(a, 0.25);
    Options p = make();
    EXPECT_EQ(*p.parse({"--quiet=1"}), "option '--quiet' takes no value");
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
    long long d = 0;
    EXPECT_EQ(*q.integer("depths", d), "--depths: '5-2' is not a whole number");
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
