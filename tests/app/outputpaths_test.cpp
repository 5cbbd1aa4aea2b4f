// The commands' output files: special files are written in place, links are followed, modes
// are kept, read-only files are refused, and a file that happens to be named like a temporary
// is never touched.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "clirun.h"
#include "tempdir.h"

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> BearRun = {"run", "--preset", "bear", "--trials", "3", "--csv"};

CliResult bearTo(const std::string& path) {
    std::vector<std::string> args = BearRun;
    args.push_back(path);
    return runCli(args);
}

mode_t modeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
    return st.st_mode;
}

std::size_t entryCount(const fs::path& dir) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST(OutputPaths, AFifoGivenAsTheCsvReceivesTheRowsAndStaysAFifo) {
    const TempDir dir;
    const std::string fifo = dir.file("rows.csv");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // The reading end is open before the command runs (so its open does not wait), and the few
    // rows fit in the pipe's buffer; they are read once the command is done.
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    ASSERT_GE(reader, 0);
    const CliResult r = bearTo(fifo);
    std::string received;
    char buffer[4096];
    for (ssize_t n; (n = ::read(reader, buffer, sizeof buffer)) > 0;)
        received.append(buffer, size_t(n));
    ::close(reader);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(S_ISFIFO(modeOf(fifo)));
    EXPECT_EQ(received.rfind("rule,trial,loss,", 0), 0u) << received;
    EXPECT_EQ(entryCount(dir.path()), 1u);
}

TEST(OutputPaths, ASymbolicLinkIsFollowedAndTheModeOfTheFileKept) {
    const TempDir dir;
    const std::string target = dir.file("real.csv"), link = dir.file("link.csv");
    writeText(target, "old\n");
    ASSERT_EQ(::chmod(target.c_str(), 0600), 0);
    fs::create_symlink("real.csv", link);
    const CliResult r = bearTo(link);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(S_ISLNK(modeOf(link)));
    EXPECT_EQ(fileText(target).rfind("rule,trial,loss,", 0), 0u);
    EXPECT_EQ(modeOf(target) & 0777, 0600u);
    EXPECT_EQ(entryCount(dir.path()), 2u);
}

TEST(OutputPaths, AReadOnlyFileIsRefusedWithAMessage) {
    const TempDir dir;
    const std::string file = dir.file("locked.csv");
    writeText(file, "keep\n");
    ASSERT_EQ(::chmod(file.c_str(), 0444), 0);
    const CliResult r = bearTo(file);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("the file is read-only"), std::string::npos) << r.err;
    EXPECT_EQ(fileText(file), "keep\n");
}

TEST(OutputPaths, AFileNamedLikeATemporaryIsNotDestroyed) {
    const TempDir dir;
    const std::string file = dir.file("k.csv");
    writeText(file + ".tmp-prospect", "unrelated\n");
    const CliResult r = bearTo(file);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(fileText(file + ".tmp-prospect"), "unrelated\n");
}

TEST(OutputPaths, ADashWritesTheCsvToStandardOutputAndTheSummaryToStandardError) {
    int pipeEnds[2];
    ASSERT_EQ(::pipe(pipeEnds), 0);
    std::fflush(stdout);
    const int saved = ::dup(STDOUT_FILENO);
    ::dup2(pipeEnds[1], STDOUT_FILENO);
    ::close(pipeEnds[1]);
    const CliResult r = bearTo("-");
    ::dup2(saved, STDOUT_FILENO);
    ::close(saved);
    std::string piped;
    char buffer[4096];
    for (ssize_t n; (n = ::read(pipeEnds[0], buffer, sizeof buffer)) > 0;)
        piped.append(buffer, size_t(n));
    ::close(pipeEnds[0]);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(piped.rfind("rule,trial,loss,", 0), 0u) << piped;
    EXPECT_EQ(std::count(piped.begin(), piped.end(), '\n'), 7);  // header + 3 trials x 2 rules
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find("Scenario: Bear and river"), std::string::npos) << r.err;
}
