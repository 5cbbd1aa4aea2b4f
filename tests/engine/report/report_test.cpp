// Numbers and tables as text: the one module the command line, the results window and the
// scenario writer share.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "engine/report/format.h"
#include "engine/report/table.h"

using namespace engine::report;

TEST(Format, NumbersRoundTripExactly) {
    for (double v : {0.1, 1.0 / 3.0, -2.5e-300, 123456789.125, 0.0, 1.3969543147208123}) {
        const std::string s = formatNumber(v);
        EXPECT_EQ(std::stod(s), v) << s;
    }
    EXPECT_EQ(formatNumber(0.2), "0.2");
    EXPECT_EQ(formatNumber(1.0), "1");
    EXPECT_EQ(formatNumber(1e-5), "1e-05");
}

TEST(Format, NonFiniteValuesHaveOneSpellingWhateverTheirSign) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    for (double v : {nan, -nan}) {
        EXPECT_EQ(formatNumber(v), "nan");
        EXPECT_EQ(fixed(v), "nan");
        EXPECT_EQ(scientific(v), "nan");
    }
    EXPECT_EQ(formatNumber(inf), "inf");
    EXPECT_EQ(formatNumber(-inf), "-inf");
    EXPECT_EQ(fixed(-inf, 2), "-inf");
    EXPECT_EQ(scientific(inf), "inf");
}

TEST(Format, FixedAndScientificDigits) {
    EXPECT_EQ(fixed(0.123456), "0.1235");
    EXPECT_EQ(fixed(2.0, 1), "2.0");
    EXPECT_EQ(fixed(-1.5, 0), "-2");
    EXPECT_EQ(fixed(1e300, 2).size(), 304u);  // longer than any fixed buffer would guess
    EXPECT_EQ(scientific(0.00193), "1.93e-03");
    EXPECT_EQ(scientific(-12345.0, 3), "-1.234e+04");
}

TEST(Format, MissingValuesReadNotAvailable) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(fixedOrNa(0.5, 3), "0.500");
    EXPECT_EQ(fixedOrNa(nan, 3), "n/a");
    EXPECT_EQ(signedScientificOrNa(0.00692), "+6.92e-03");
    EXPECT_EQ(signedScientificOrNa(-0.047), "-4.70e-02");
    EXPECT_EQ(signedScientificOrNa(0.0), "+0.00e+00");
    EXPECT_EQ(signedScientificOrNa(std::numeric_limits<double>::infinity()), "n/a");
}

TEST(Table, CsvQuotesOnlyWhatNeedsIt) {
    TextTable t;
    t.header = {"rule", "note"};
    t.rows = {{"BP", "plain"}, {"PC", "a,b \"c\""}, {"x", "two\nlines"}, {"y", "cr\r"}};
    EXPECT_EQ(csvText(t),
              "rule,note\nBP,plain\nPC,\"a,b \"\"c\"\"\"\nx,\"two\nlines\"\ny,\"cr\r\"\n");
}

TEST(Table, AlignedColumnsAreIndentedAndPadded) {
    EXPECT_EQ(alignedText({{"rule", "value"}, {"BP", "0.1"}, {"PC", "12.25"}}),
              "  rule  value\n  BP    0.1\n  PC    12.25\n");
    EXPECT_EQ(alignedText({}), "");
}

TEST(Format, EchoedTextIsCutByCharactersAndByBytes) {
    EXPECT_EQ(echoed("0.1,x"), "'0.1,x'");
    const std::string letters(200, 'a');
    EXPECT_EQ(echoed(letters), "'" + std::string(50, 'a') + "...' (200 characters)");
    // Valid UTF-8 is cut between code points: 70 two-byte characters keep 50 of them.
    std::string accents;
    for (int k = 0; k < 70; ++k)
        accents += "\xC3\xA9";
    EXPECT_EQ(echoed(accents).substr(0, 101), "'" + accents.substr(0, 100));
    // Bytes that are not UTF-8 (here 300 stray continuation bytes, found by fuzz_options) are
    // one character each, so they are cut too instead of flooding the message.
    const std::string stray = "88" + std::string(300, '\xB3');
    const std::string shown = echoed(stray);
    EXPECT_LE(shown.size(), 80u) << shown.size();
    EXPECT_NE(shown.find("(302 characters)"), std::string::npos) << shown;
}
