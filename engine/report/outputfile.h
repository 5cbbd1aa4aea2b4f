#pragma once

// Writing the files the program makes (CSV, images, videos) so that nothing is lost: a regular
// file is written under a unique temporary name next to it and renamed into place only when
// complete, keeping the old file's mode; a device, a FIFO or standard output ("-") is written
// directly; a symbolic link is followed and its target replaced. Temporaries in progress are
// listed where a signal handler can remove them (removeTemporariesNow()). POSIX.

#include <optional>
#include <string>
#include <string_view>

namespace engine::report {

/// One output file being written. Not copyable; the destructor discards what was not
/// committed (the previous file stays as it was).
class OutputFile {
public:
    OutputFile() = default;
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    /// Starts writing `path`. "-" is standard output. A device, FIFO or socket (also through a
    /// symbolic link) is opened and written directly. A regular file, new or existing, also
    /// through symbolic links, gets a new temporary (mkstemp) in the final target's folder.
    /// Refused with a message naming the path: an empty path, a folder, a missing folder, a
    /// read-only file. Returns the problem, or nothing when open.
    std::optional<std::string> open(const std::string& path);
    /// Appends `data` (buffered); false after a write error (commit() then reports it).
    bool write(std::string_view data);
    /// The name a library that opens files by name should write to: the temporary, or the
    /// special file itself when written directly (for "-", /dev/stdout). Empty when not open.
    const std::string& writePath() const { return m_writePath; }
    /// True when the file is written in place (a device, FIFO or standard output).
    bool direct() const { return m_direct; }
    /// True between open() and commit() or discard().
    bool isOpen() const { return m_open; }
    /// Finishes: everything written reaches the disk, the temporary takes the old file's mode
    /// (or 0666 minus the umask for a new file) and is renamed over the target. On a problem the
    /// temporary is removed, the previous file is untouched, and the message says why.
    std::optional<std::string> commit();
    /// Drops what was written: the temporary is removed (a special file keeps what it got).
    void discard();

private:
    std::optional<std::string> openDirect(const std::string& shown, const std::string& target);
    std::optional<std::string> openTemporary(const std::string& target, int oldMode);
    std::string problem(const std::string& what) const;
    bool flush();
    void release();

    std::string m_path;       // as given, for messages
    std::string m_target;     // the file renamed over (symbolic links followed)
    std::string m_writePath;  // the temporary, or the special file
    int m_fd = -1;
    int m_mode = -1;  // the old file's permission bits, or -1 for a new file
    int m_slot = -1;  // this temporary's entry in the signal handler's list
    bool m_direct = false;
    bool m_ownsFd = false;  // false for standard output
    bool m_open = false;
    int m_writeError = 0;  // errno of the first failed write
    std::string m_buffer;  // written by flush() in large pieces
};

/// Writes `contents` to `path` in one go through an OutputFile. Returns the problem or nothing.
std::optional<std::string> writeOutputFile(const std::string& path, std::string_view contents);

/// True when `path` names standard output ("-", or a name for the same open file as fd 1, such
/// as /dev/stdout), so that a command can print its summary elsewhere.
bool isStandardOutput(const std::string& path);

/// Removes the temporaries of every OutputFile still being written. Async-signal-safe (only
/// unlink()): for a handler of SIGINT, SIGTERM or SIGHUP that then ends the process.
void removeTemporariesNow() noexcept;

}  // namespace engine::report
