#include "app/experimenthelpers.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "app/parallel.h"

namespace app {

// ---- option helpers ---------------------------------------------------------------------------

OptionSpec csvOption() {
    return {"csv", "", "write the observations as CSV to this file"};
}

OptionSpec threadsOption() {
    // "0", not this machine's count: the manual page is written on the build machine.
    return {"threads", "0", "worker threads (0: one per core)"};
}

Error readThreads(const Options& o, unsigned& threads) {
    long long n = 0;
    if (auto e = engine::experiments::readInteger(o.text("threads"), 0, 256, n))
        return "--threads: " + *e;
    threads = n == 0 ? hardwareThreads() : static_cast<unsigned>(n);
    return std::nullopt;
}

bool runJobs(const std::string& name, std::size_t count, const RunContext& run,
             ExperimentResult& result, const std::function<void(std::size_t)>& job) {
    run.log << name << ": " << count << " runs on " << run.threads << " thread(s)\n" << std::flush;
    const auto failure = parallelFor(count, run.threads, job,
                                     [&](std::size_t done) { progressLine(run.log, done, count); });
    if (failure)
        result.failure = *failure;
    return !failure;
}

JobRows::JobRows(const ExperimentResult& result)
    : m_mode(result.csvSink    ? Mode::Spill
             : result.keepRows ? Mode::Keep
                               : Mode::Drop) {
    if (m_mode != Mode::Spill)
        return;
    const char* folder = std::getenv("TMPDIR");
    std::string pattern =
        std::string(folder && *folder ? folder : "/tmp") + "/prospect-rows-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        m_error = "cannot create a temporary file in " + engine::report::echoed(pattern) + ": " +
                  std::strerror(errno);
        return;
    }
    ::unlink(pattern.c_str());  // anonymous: gone when closed, or when the program ends
    m_file = ::fdopen(fd, "w+");
    if (!m_file) {
        ::close(fd);
        m_error = std::string("cannot open a temporary file: ") + std::strerror(errno);
    }
}

JobRows::~JobRows() {
    if (m_file)
        std::fclose(m_file);
}

JobRows::JobRows(JobRows&& other) noexcept
    : m_mode(other.m_mode),
      m_rows(std::move(other.m_rows)),
      m_file(std::exchange(other.m_file, nullptr)),
      m_count(other.m_count),
      m_error(std::move(other.m_error)) {}

void JobRows::add(const std::vector<std::string>& row) {
    ++m_count;
    if (m_mode == Mode::Keep) {
        m_rows.push_back(row);
    } else if (m_mode == Mode::Spill && m_file && !m_error) {
        const std::string line = engine::report::csvLine(row);
        if (std::fwrite(line.data(), 1, line.size(), m_file) != line.size())
            m_error = std::string("cannot write a temporary file: ") + std::strerror(errno);
    }
}

Error JobRows::handOver(ExperimentResult& result) {
    if (m_error)
        return m_error;
    if (m_mode == Mode::Keep) {
        for (auto& row : m_rows)
            result.csv.rows.push_back(std::move(row));
        m_rows.clear();
        return std::nullopt;
    }
    if (m_mode == Mode::Drop || !result.csvSink)
        return std::nullopt;
    if (std::fflush(m_file) != 0 || std::fseek(m_file, 0, SEEK_SET) != 0)
        return std::string("cannot read a temporary file back: ") + std::strerror(errno);
    std::vector<char> buffer(1 << 20);
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), m_file))
        result.csvSink(std::string_view(buffer.data(), n));
    if (std::ferror(m_file))
        return std::string("cannot read a temporary file back: ") + std::strerror(errno);
    result.rowsStreamed = std::max<std::int64_t>(0, result.rowsStreamed) + m_count;
    return std::nullopt;
}

bool handOverRows(const std::vector<std::string>& header, std::vector<JobRows>& rows,
                  ExperimentResult& result) {
    if (result.csvSink) {
        result.csvSink(engine::report::csvLine(header));
        result.rowsStreamed = 0;
    } else {
        result.csv.header = header;
    }
    for (JobRows& r : rows)
        if (Error e = r.handOver(result)) {
            result.failure = *e;
            return false;
        }
    return true;
}

void progressLine(std::ostream& log, size_t done, size_t total) {
    // Roughly every 10 %, so logs stay short.
    const size_t step = std::max<size_t>(1, total / 10);
    if (done % step == 0 || done == total)
        log << "  " << done << "/" << total << " runs done\n" << std::flush;
}

}  // namespace app
