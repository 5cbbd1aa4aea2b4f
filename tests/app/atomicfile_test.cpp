#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/atomicfile.h"
#include "tempdir.h"

using namespace app;

TEST(AtomicFile, ReplacesAndFailsCleanly) {
    namespace fs = std::filesystem;
    const TempDir temp;
    const fs::path dir = temp.path();
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
}
