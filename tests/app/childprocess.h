#pragma once

// Starting the real `prospect` executable from a test, waiting for it to be ready for a
// signal, signalling it and collecting how it ended. No step depends on how fast the machine
// is: waits poll a condition, with a generous limit that only guards against a hang.

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

/// A child process running `prospect`, its output going to files.
class ChildProcess {
public:
    /// Starts PROSPECT_EXECUTABLE with `args` in `folder`, stdout and stderr to
    /// folder/stdout.txt and folder/stderr.txt. `environment` entries ("NAME=value") are added.
    ChildProcess(const std::vector<std::string>& args, const std::string& folder,
                 const std::vector<std::string>& environment = {})
        : m_folder(folder) {
        m_pid = ::fork();
        if (m_pid == 0) {
            if (::chdir(folder.c_str()) != 0)
                ::_exit(127);
            const int out = ::open("stdout.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
            const int err = ::open("stderr.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(out, STDOUT_FILENO);
            ::dup2(err, STDERR_FILENO);
            for (const std::string& e : environment)
                ::putenv(const_cast<char*>(e.c_str()));
            std::vector<char*> argv{const_cast<char*>(PROSPECT_EXECUTABLE)};
            for (const std::string& a : args)
                argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::execv(PROSPECT_EXECUTABLE, argv.data());
            ::_exit(127);
        }
    }
    ~ChildProcess() {
        if (m_pid > 0 && !m_ended) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &m_status, 0);
        }
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return m_pid; }

    /// True once the process has a handler for `signal` (from /proc/PID/status, SigCgt).
    bool catches(int signal) const {
        std::ifstream status("/proc/" + std::to_string(m_pid) + "/status");
        for (std::string line; std::getline(status, line);)
            if (line.rfind("SigCgt:", 0) == 0)
                return (std::stoull(line.substr(7), nullptr, 16) >> (signal - 1)) & 1ULL;
        return false;
    }

    /// Polls `condition` every 10 ms until it holds (true) or `limitSeconds` pass or the process
    /// ends (false).
    bool waitUntil(const std::function<bool()>& condition, int limitSeconds = 120) {
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(limitSeconds);
        while (std::chrono::steady_clock::now() < end) {
            if (condition())
                return true;
            if (ended())
                return condition();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
    }

    /// True when the process has ended (and collects its status).
    bool ended() {
        struct rusage usage {};
        if (!m_ended && ::wait4(m_pid, &m_status, WNOHANG, &usage) == m_pid) {
            m_ended = true;
            m_peakKiB = usage.ru_maxrss;
        }
        return m_ended;
    }

    /// Waits for the end (killing the process after `limitSeconds`); false on that limit.
    bool finish(int limitSeconds = 120) {
        if (waitUntil([this] { return ended(); }, limitSeconds))
            return true;
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, &m_status, 0);
        m_ended = true;
        return false;
    }

    void signal(int signal) const { ::kill(m_pid, signal); }
    /// The exit code, or -1 when it ended by a signal.
    int exitCode() const { return WIFEXITED(m_status) ? WEXITSTATUS(m_status) : -1; }
    /// The signal that ended it, or 0.
    int endingSignal() const { return WIFSIGNALED(m_status) ? WTERMSIG(m_status) : 0; }
    /// The largest resident set size the process had, in KiB (once ended; from wait4()).
    long peakKiB() const { return m_peakKiB; }
    std::string output() const { return read("stdout.txt"); }
    std::string errors() const { return read("stderr.txt"); }

private:
    std::string read(const std::string& name) const {
        std::ifstream in(m_folder + "/" + name);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }

    std::string m_folder;
    pid_t m_pid = -1;
    int m_status = 0;
    bool m_ended = false;
    long m_peakKiB = 0;
};
