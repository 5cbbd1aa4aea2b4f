// The window's autosave on the real executable: an edit in a window that is then killed is
// offered at the next start, restored, and saved to the scenario's own file. Nothing waits for
// a fixed time: the test polls for the autosave file, with a limit that only guards a hang.
#ifdef PROSPECT_WITH_GUI
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <string>
#include <vector>

#include "childprocess.h"
#include "clirun.h"
#include "engine/scenario/scenariofile.h"
#include "tempdir.h"

namespace fs = std::filesystem;

namespace {

/// The names in `dir` that end with `suffix`.
std::vector<std::string> named(const fs::path& dir, const std::string& suffix) {
    std::vector<std::string> out;
    std::error_code ignored;
    for (const auto& e : fs::directory_iterator(dir, ignored)) {
        const std::string name = e.path().filename().string();
        if (name.size() >= suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            out.push_back(name);
    }
    return out;
}

std::uint64_t seedOf(const std::string& path) {
    const engine::ScenarioResult r = engine::readScenarioFile(path);
    EXPECT_TRUE(r.scenario) << r.error;
    return r.scenario ? r.scenario->seed : 0;
}

}  // namespace

TEST(WindowAutosave, AKilledWindowsEditIsRestoredAtTheNextStartAndSavedToItsFile) {
    const TempDir dir;
    const fs::path autosaves = dir.path() / "autosave";
    const std::string file = dir.file("mine.prospect.json");
    fs::copy_file(fs::path(PROSPECT_RESOURCES_DIR) / "scenarios" / "bear.json", file);
    const std::string original = fileText(file);
    const std::uint64_t seed = seedOf(file);
    const std::vector<std::string> environment{
        "QT_QPA_PLATFORM=offscreen", "XDG_RUNTIME_DIR=/tmp/runtime-prospect",
        "XDG_CONFIG_HOME=" + dir.file("config"), "PROSPECT_AUTOSAVE_DIR=" + autosaves.string()};

    // The first window re-randomises (an undoable edit, as Shift+R) and is killed once its
    // autosave is written.
    {
        std::vector<std::string> env = environment;
        env.push_back("PROSPECT_TEST_TRIGGER=reseedAction");
        ChildProcess first({file}, dir.path().string(), env);
        ASSERT_TRUE(first.waitUntil([&] { return !named(autosaves, ".autosave").empty(); }))
            << "no autosave appeared: " << first.errors();
        first.signal(SIGKILL);
        ASSERT_TRUE(first.finish());
        EXPECT_EQ(first.endingSignal(), SIGKILL);
    }
    EXPECT_EQ(fileText(file), original);  // the edit was never saved by the user
    ASSERT_EQ(named(autosaves, ".autosave").size(), 1u);

    // The next start restores it, and File > Save writes it to the scenario's own file.
    std::vector<std::string> env = environment;
    env.push_back("PROSPECT_TEST_TRIGGER=saveAction,quitAction");
    ChildProcess second({"--restore-autosave=yes"}, dir.path().string(), env);
    ASSERT_TRUE(second.finish()) << "the second window did not quit";
    EXPECT_EQ(second.exitCode(), 0) << second.errors();
    EXPECT_NE(second.output().find("Restored unsaved work from "), std::string::npos)
        << second.output();
    EXPECT_NE(second.output().find("(mine.prospect.json)"), std::string::npos) << second.output();
    EXPECT_EQ(seedOf(file), seed + 1);
    // Saved and closed: no autosave and no lock left.
    EXPECT_TRUE(named(autosaves, "").empty()) << named(autosaves, "").front();
}

TEST(WindowAutosave, ABadRestoreAnswerIsRefusedBeforeAnyWindow) {
    const TempDir dir;
    ChildProcess child({"--restore-autosave", "maybe"}, dir.path().string(),
                       {"QT_QPA_PLATFORM=offscreen"});
    ASSERT_TRUE(child.finish());
    EXPECT_EQ(child.exitCode(), 2);
    EXPECT_NE(child.errors().find("--restore-autosave must be ask, yes, no or later"),
              std::string::npos)
        << child.errors();
}
#endif
