#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/csv.h"

using namespace app;

TEST(Csv, NumbersRoundTripExactly) {
    for (double v : {0.1, 1.0 / 3.0, -2.5e-300, 123456789.125, 0.0}) {
        const std::string s = formatNumber(v);
        EXPECT_EQ(std::stod(s), v) << s;
    }
    EXPECT_EQ(formatNumber(0.2), "0.2");
    EXPECT_EQ(formatNumber(1.0), "1");
}

TEST(Csv, TableTextQuotesOnlyWhatNeedsIt) {
    CsvTable t;
    t.header = {"rule", "note"};
    t.rows = {{"BP", "plain"}, {"PC", "a,b \"c\""}};
    EXPECT_EQ(t.text(), "rule,note\nBP,plain\nPC,\"a,b \"\"c\"\"\"\n");
}

TEST(Csv, AtomicWriteReplacesAndFailsCleanly) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "prospect_csv_test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string file = (dir / "out.csv").string();
    EXPECT_FALSE(writeFileAtomically(file, "old\n").has_value());
    EXPECT_FALSE(writeFileAtomically(file, "new\n").has_value());
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), "new\n");
    // Into a missing folder: a clear error, and nothing half-written anywhere.
    const auto error = writeFileAtomically((dir / "missing" / "x.csv").string(), "data");
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("cannot write"), std::string::npos);
    EXPECT_NE(error->find("missing/x.csv"), std::string::npos);
    // Onto a directory.
    EXPECT_TRUE(writeFileAtomically(dir.string(), "data").has_value());
    size_t files = 0;
    for (const auto& entry : fs::directory_iterator(dir))
        files += entry.is_regular_file();
    EXPECT_EQ(files, 1u);
    fs::remove_all(dir);
}
