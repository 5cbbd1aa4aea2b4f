#include "engine/report/outputfile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace engine::report {

namespace {

// ---- the temporaries a signal handler removes -------------------------------------------------

// A fixed table, so that the handler touches no lock and no heap: a slot is free (0), being
// filled (1) or names a temporary (2). More temporaries at once than slots are simply not
// listed (they are still removed by commit() and discard()).
constexpr int TemporarySlots = 64;
constexpr std::size_t SlotPathBytes = 4096;
/// What OutputFile::write() collects before it writes.
constexpr std::size_t BufferBytes = 1 << 16;

struct TemporarySlot {
    std::atomic<int> state{0};
    char path[SlotPathBytes];
};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs lock-free slots");

TemporarySlot g_temporaries[TemporarySlots];

int listTemporary(const std::string& path) {
    if (path.size() >= SlotPathBytes)
        return -1;
    for (int i = 0; i < TemporarySlots; ++i) {
        int expected = 0;
        if (g_temporaries[i].state.compare_exchange_strong(expected, 1)) {
            std::memcpy(g_temporaries[i].path, path.c_str(), path.size() + 1);
            g_temporaries[i].state.store(2);
            return i;
        }
    }
    return -1;
}

void unlistTemporary(int slot) {
    if (slot >= 0)
        g_temporaries[slot].state.store(0);
}

/// Six characters from the process id, a counter and the clock: different for every temporary
/// this process makes, and unlikely to be any other file's (O_EXCL settles the rest).
std::string uniqueSuffix() {
    static std::atomic<std::uint64_t> counter{0};
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const auto now =
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    std::uint64_t x = now ^ (static_cast<std::uint64_t>(::getpid()) << 40) ^
                      (counter.fetch_add(1) * 0x9E3779B97F4A7C15ULL);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 29;
    std::string out(6, '0');
    for (char& c : out) {
        c = digits[x % 62];
        x /= 62;
    }
    return out;
}

// ---- paths ------------------------------------------------------------------------------------

std::string folderOf(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string nameOf(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// Follows symbolic links from `path` to the file they end at (which may not exist yet).
/// False when the chain is too long or a link cannot be read (errno set).
bool followLinks(const std::string& path, std::string& target) {
    target = path;
    for (int depth = 0; depth < 40; ++depth) {
        struct stat st {};
        if (::lstat(target.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
            return true;  // the end of the chain (or a file that does not exist yet)
        std::string link(4096, '\0');
        const ssize_t n = ::readlink(target.c_str(), link.data(), link.size());
        if (n < 0 || static_cast<std::size_t>(n) >= link.size())
            return false;
        link.resize(static_cast<std::size_t>(n));
        target = link[0] == '/' ? link : folderOf(target) + "/" + link;
    }
    errno = ELOOP;
    return false;
}

/// The permissions a new file gets: 0666 minus the umask.
mode_t newFileMode() {
    // Reading the umask without changing it: /proc (Linux 4.7+), else set and restore it.
    if (std::FILE* f = std::fopen("/proc/self/status", "r")) {
        char line[256];
        unsigned mask = 0;
        bool found = false;
        while (!found && std::fgets(line, sizeof line, f))
            found = std::sscanf(line, "Umask: %o", &mask) == 1;
        std::fclose(f);
        if (found)
            return static_cast<mode_t>(0666 & ~mask);
    }
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
}

std::string errorText(int error) {
    return std::strerror(error);
}

}  // namespace

OutputFile::~OutputFile() {
    discard();
}

std::string OutputFile::problem(const std::string& what) const {
    return "cannot write '" + m_path + "': " + what;
}

std::optional<std::string> OutputFile::open(const std::string& path) {
    discard();
    m_path = path;
    m_writeError = 0;
    if (path.empty())
        return std::string("no output file name given");
    if (isStandardOutput(path)) {
        m_fd = STDOUT_FILENO;
        m_ownsFd = false;
        m_direct = m_open = true;
        m_writePath = "/dev/stdout";
        return std::nullopt;
    }
    std::string target;
    if (!followLinks(path, target))
        return problem(errorText(errno));
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0) {
        if (errno != ENOENT)
            return problem(errorText(errno));
        struct stat followed {};
        if (::stat(path.c_str(), &followed) == 0)  // a link the chain above cannot spell out
            return openDirect(path, path);
        const std::string folder = folderOf(target);
        struct stat dir {};
        if (::stat(folder.c_str(), &dir) != 0 || !S_ISDIR(dir.st_mode))
            return problem("the folder '" + folder + "' does not exist");
        return openTemporary(target, -1);
    }
    if (S_ISDIR(st.st_mode))
        return problem("it is a folder");
    if (!S_ISREG(st.st_mode))
        return openDirect(path, target);
    if ((st.st_mode & 0222) == 0 || ::access(target.c_str(), W_OK) != 0)
        return problem("the file is read-only; it was left as it is");
    return openTemporary(target, static_cast<int>(st.st_mode & 07777));
}

std::optional<std::string> OutputFile::openDirect(const std::string& shown,
                                                  const std::string& target) {
    // A device, FIFO or socket: written where it is (opening a FIFO waits for a reader).
    const int fd = ::open(target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return problem(errorText(errno));
    m_fd = fd;
    m_ownsFd = true;
    m_direct = m_open = true;
    m_target = target;
    m_writePath = shown;
    return std::nullopt;
}

std::optional<std::string> OutputFile::openTemporary(const std::string& target, int oldMode) {
    // The name is listed for the signal handler before the file exists (a signal in between
    // would otherwise leave it behind), so it is made here rather than by mkstemp, and created
    // with O_EXCL: an existing file of that name is not overwritten, another name is tried.
    const std::string folder = folderOf(target);
    int error = EEXIST;
    for (int attempt = 0; attempt < 100 && error == EEXIST; ++attempt) {
        const std::string name = folder + "/." + nameOf(target) + "." + uniqueSuffix();
        const int slot = listTemporary(name);
        const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            error = errno;
            unlistTemporary(slot);
            continue;
        }
        m_fd = fd;
        m_ownsFd = true;
        m_direct = false;
        m_open = true;
        m_target = target;
        m_writePath = name;
        m_mode = oldMode;
        m_slot = slot;
        return std::nullopt;
    }
    return problem("cannot create a file in '" + folder + "': " + errorText(error));
}

bool OutputFile::write(std::string_view data) {
    if (!m_open || m_writeError != 0)
        return false;
    m_buffer.append(data);
    return m_buffer.size() < BufferBytes || flush();
}

bool OutputFile::flush() {
    std::string_view data = m_buffer;
    while (!data.empty() && m_writeError == 0) {
        const ssize_t n = ::write(m_fd, data.data(), data.size());
        if (n < 0 && errno != EINTR)
            m_writeError = errno;
        else if (n > 0)
            data.remove_prefix(static_cast<std::size_t>(n));
    }
    m_buffer.clear();
    return m_writeError == 0;
}

std::optional<std::string> OutputFile::commit() {
    if (!m_open)
        return problem("the file is not open");
    flush();
    if (m_direct) {
        const int error = m_writeError;
        const bool closed = !m_ownsFd || ::close(m_fd) == 0;
        const int closeError = errno;
        m_fd = -1;
        m_open = false;
        if (error != 0)
            return problem(errorText(error));
        if (!closed)
            return problem(errorText(closeError));
        return std::nullopt;
    }
    // Everything on the disk before the rename, so that a full disk shows here, not later.
    int error = m_writeError;
    if (error == 0 && ::fsync(m_fd) != 0)
        error = errno;
    const mode_t mode = m_mode >= 0 ? static_cast<mode_t>(m_mode) : newFileMode();
    if (error == 0 && ::fchmod(m_fd, mode) != 0)
        error = errno;
    if (::close(m_fd) != 0 && error == 0)
        error = errno;
    m_fd = -1;
    if (error == 0 && std::rename(m_writePath.c_str(), m_target.c_str()) != 0)
        error = errno;
    if (error != 0) {
        ::unlink(m_writePath.c_str());
        release();
        return problem(errorText(error));
    }
    release();
    return std::nullopt;
}

void OutputFile::discard() {
    m_buffer.clear();
    if (!m_open)
        return;
    if (m_ownsFd && m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    if (!m_direct)
        ::unlink(m_writePath.c_str());
    release();
}

void OutputFile::release() {
    // Unlisted only now: a signal between the rename and here unlinks a name that is gone.
    unlistTemporary(m_slot);
    m_slot = -1;
    m_open = false;
    m_direct = false;
    m_mode = -1;
    m_writePath.clear();
}

std::optional<std::string> writeOutputFile(const std::string& path, std::string_view contents) {
    OutputFile file;
    if (auto error = file.open(path))
        return error;
    file.write(contents);
    return file.commit();
}

bool isStandardOutput(const std::string& path) {
    if (path == "-")
        return true;
    struct stat named {
    }, out{};
    return ::stat(path.c_str(), &named) == 0 && ::fstat(STDOUT_FILENO, &out) == 0 &&
           named.st_dev == out.st_dev && named.st_ino == out.st_ino;
}

void removeTemporariesNow() noexcept {
    for (TemporarySlot& slot : g_temporaries)
        if (slot.state.load() == 2)
            ::unlink(slot.path);
}

}  // namespace engine::report
