#pragma once

// A temporary folder of one's own for a test, so that tests can run in parallel (ctest -j,
// several build trees) without writing to the same files.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

/// A new, empty folder under the system's temporary folder, named after the running test
/// ("prospect-Suite.Name-XXXXXX"), removed with everything in it when the object goes.
class TempDir {
public:
    TempDir() {
        const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
        std::string name = "prospect-";
        if (test)
            name += std::string(test->test_suite_name()) + "." + test->name() + "-";
        std::string pattern = (std::filesystem::temp_directory_path() / (name + "XXXXXX")).string();
        if (mkdtemp(pattern.data()))
            m_path = pattern;
        else
            ADD_FAILURE() << "cannot create a temporary folder like " << pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        if (!m_path.empty())
            std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    /// The path of `name` inside the folder, as text.
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};
