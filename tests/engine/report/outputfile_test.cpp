// Output files: atomic replacement of regular files, special files written in place, links
// followed, modes kept, read-only files refused, unique temporaries, and the signal handler's
// list of temporaries.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "engine/report/outputfile.h"
#include "tempdir.h"

using engine::report::OutputFile;
using engine::report::writeOutputFile;
namespace fs = std::filesystem;

namespace {

std::string text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void put(const std::string& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
}

mode_t modeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
    return st.st_mode;
}

/// Names of the entries of a folder, sorted.
std::vector<std::string> entries(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST(OutputFile, ANewFileGetsTheUsualModeAndAnExistingFileKeepsItsOwn) {
    const TempDir dir;
    const std::string fresh = dir.file("new.csv"), kept = dir.file("kept.csv");
    const mode_t mask = ::umask(022);
    ASSERT_FALSE(writeOutputFile(fresh, "a\n").has_value());
    EXPECT_EQ(modeOf(fresh) & 0777, 0644u);
    put(kept, "old\n");
    ASSERT_EQ(::chmod(kept.c_str(), 0600), 0);
    ASSERT_FALSE(writeOutputFile(kept, "new\n").has_value());
    ::umask(mask);
    EXPECT_EQ(text(kept), "new\n");
    EXPECT_EQ(modeOf(kept) & 0777, 0600u);
    EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"kept.csv", "new.csv"}));
}

TEST(OutputFile, ASymbolicLinkStaysALinkAndItsTargetIsReplaced) {
    const TempDir dir;
    fs::create_directory(dir.path() / "data");
    const std::string target = dir.file("data/real.csv"), link = dir.file("link.csv");
    put(target, "old\n");
    fs::create_symlink("data/real.csv", link);
    ASSERT_FALSE(writeOutputFile(link, "new\n").has_value());
    EXPECT_TRUE(S_ISLNK(modeOf(link)));
    EXPECT_EQ(text(target), "new\n");
    EXPECT_EQ(entries(dir.path() / "data"), (std::vector<std::string>{"real.csv"}));
    // A link to a file that does not exist yet creates that file.
    const std::string dangling = dir.file("dangling.csv");
    fs::create_symlink("data/later.csv", dangling);
    ASSERT_FALSE(writeOutputFile(dangling, "later\n").has_value());
    EXPECT_TRUE(S_ISLNK(modeOf(dangling)));
    EXPECT_EQ(text(dir.file("data/later.csv")), "later\n");
}

TEST(OutputFile, AFifoIsWrittenInPlace) {
    const TempDir dir;
    const std::string fifo = dir.file("pipe.csv");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string received;
    std::thread reader([&] { received = text(fifo); });
    const auto error = writeOutputFile(fifo, "through the pipe\n");
    reader.join();
    EXPECT_FALSE(error.has_value()) << *error;
    EXPECT_EQ(received, "through the pipe\n");
    EXPECT_TRUE(S_ISFIFO(modeOf(fifo)));
    EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"pipe.csv"}));
}

TEST(OutputFile, DevicesAreWrittenInPlaceAndAFullOneIsAnError) {
    ASSERT_FALSE(writeOutputFile("/dev/null", "nothing\n").has_value());
    EXPECT_TRUE(S_ISCHR(modeOf("/dev/null")));
    const auto full = writeOutputFile("/dev/full", std::string(100000, 'x'));
    ASSERT_TRUE(full.has_value());
    EXPECT_EQ(*full, "cannot write '/dev/full': No space left on device");
    EXPECT_TRUE(S_ISCHR(modeOf("/dev/full")));
}

TEST(OutputFile, StandardOutputIsWrittenInPlace) {
    EXPECT_TRUE(engine::report::isStandardOutput("-"));
    int pipeEnds[2];
    ASSERT_EQ(::pipe(pipeEnds), 0);
    std::fflush(stdout);
    const int saved = ::dup(STDOUT_FILENO);
    ::dup2(pipeEnds[1], STDOUT_FILENO);
    ::close(pipeEnds[1]);
    const bool devStdout = engine::report::isStandardOutput("/dev/stdout");
    const auto dash = writeOutputFile("-", "dash\n");
    const auto named = writeOutputFile("/dev/stdout", "named\n");
    ::dup2(saved, STDOUT_FILENO);
    ::close(saved);
    char buffer[64] = {};
    const ssize_t n = ::read(pipeEnds[0], buffer, sizeof buffer - 1);
    ::close(pipeEnds[0]);
    EXPECT_TRUE(devStdout);
    EXPECT_FALSE(dash.has_value());
    EXPECT_FALSE(named.has_value());
    EXPECT_EQ(std::string(buffer, size_t(std::max<ssize_t>(n, 0))), "dash\nnamed\n");
}

TEST(OutputFile, AReadOnlyFileIsRefusedAndLeftAsItIs) {
    const TempDir dir;
    const std::string file = dir.file("locked.csv");
    put(file, "keep me\n");
    ASSERT_EQ(::chmod(file.c_str(), 0444), 0);
    const auto error = writeOutputFile(file, "new\n");
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(*error, "cannot write '" + file + "': the file is read-only; it was left as it is");
    EXPECT_EQ(text(file), "keep me\n");
    EXPECT_EQ(modeOf(file) & 0777, 0444u);
    EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"locked.csv"}));
}

TEST(OutputFile, TemporariesHaveUniqueNamesAndAnUnrelatedFileIsNeverTouched) {
    const TempDir dir;
    const std::string file = dir.file("k.csv");
    put(file + ".tmp-prospect", "someone else's\n");
    OutputFile a, b;
    ASSERT_FALSE(a.open(file).has_value());
    ASSERT_FALSE(b.open(file).has_value());
    EXPECT_NE(a.writePath(), b.writePath());
    EXPECT_EQ(fs::path(a.writePath()).parent_path(), dir.path());
    a.write("from a\n");
    b.write("from b\n");
    EXPECT_FALSE(a.commit().has_value());
    EXPECT_FALSE(b.commit().has_value());
    EXPECT_EQ(text(file), "from b\n");
    EXPECT_EQ(text(file + ".tmp-prospect"), "someone else's\n");
    EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"k.csv", "k.csv.tmp-prospect"}));
}

TEST(OutputFile, BadPathsAreRefusedWithTheirReason) {
    const TempDir dir;
    EXPECT_EQ(writeOutputFile("", "x"), std::string("no output file name given"));
    EXPECT_EQ(writeOutputFile(dir.path().string(), "x"),
              "cannot write '" + dir.path().string() + "': it is a folder");
    const std::string missing = dir.file("missing/x.csv");
    EXPECT_EQ(writeOutputFile(missing, "x"), "cannot write '" + missing + "': the folder '" +
                                                 dir.file("missing") + "' does not exist");
    EXPECT_TRUE(entries(dir.path()).empty());
}

TEST(OutputFile, ADiscardedOrUnfinishedFileLeavesThePreviousOneAndNoTemporary) {
    const TempDir dir;
    const std::string file = dir.file("out.csv");
    put(file, "previous\n");
    {
        OutputFile f;
        ASSERT_FALSE(f.open(file).has_value());
        f.write("half of it");
        EXPECT_TRUE(fs::exists(f.writePath()));
    }  // never committed
    EXPECT_EQ(text(file), "previous\n");
    OutputFile g;
    ASSERT_FALSE(g.open(file).has_value());
    g.write("half");
    g.discard();
    EXPECT_FALSE(g.isOpen());
    EXPECT_EQ(text(file), "previous\n");
    EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"out.csv"}));
}

TEST(OutputFile, TheSignalHandlersListRemovesTemporariesInProgress) {
    const TempDir dir;
    const std::string file = dir.file("out.csv");
    put(file, "previous\n");
    OutputFile f;
    ASSERT_FALSE(f.open(file).has_value());
    f.write("in progress");
    const std::string temporary = f.writePath();
    ASSERT_TRUE(fs::exists(temporary));
    engine::report::removeTemporariesNow();
    EXPECT_FALSE(fs::exists(temporary));
    EXPECT_EQ(text(file), "previous\n");
    // A committed file is off the list: removing temporaries later leaves it alone.
    OutputFile g;
    ASSERT_FALSE(g.open(file).has_value());
    g.write("done\n");
    ASSERT_FALSE(g.commit().has_value());
    engine::report::removeTemporariesNow();
    EXPECT_EQ(text(file), "done\n");
}
