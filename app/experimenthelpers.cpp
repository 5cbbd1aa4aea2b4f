#include "app/experimenthelpers.h"

#include <algorithm>
#include <cmath>

namespace app {

MeanSd meanSd(const std::vector<double>& v) {
    MeanSd m;
    if (v.empty())
        return m;
    for (double x : v)
        m.mean += x;
    m.mean /= static_cast<double>(v.size());
    if (v.size() > 1) {
        double ss = 0.0;
        for (double x : v)
            ss += (x - m.mean) * (x - m.mean);
        m.sd = std::sqrt(ss / static_cast<double>(v.size() - 1));
    }
    return m;
}

// ---- option helpers ---------------------------------------------------------------------------

OptionSpec csvOption() {
    return {"csv", "", "write the observations as CSV to this file"};
}

std::vector<OptionSpec> pcOptions(const std::string& T, const std::string& gamma0,
                                  const std::string& discount) {
    return {
        {"T", T, "PC inference iterations per trial"},
        {"gamma0", gamma0, "PC initial inference step size"},
        {"discount", discount, "PC step-size discount when the energy does not fall (1 = off)"}};
}

Error intInRange(const Options& o, const std::string& name, long long lo, long long hi,
                 long long& out) {
    if (Error e = o.integer(name, out))
        return e;
    if (out < lo || out > hi)
        return "--" + name + ": " + std::to_string(out) + " is out of range (" +
               std::to_string(lo) + ".." + std::to_string(hi) + ")";
    return std::nullopt;
}

Error nonNegative(const Options& o, const std::string& name, double& out) {
    if (Error e = o.real(name, out))
        return e;
    if (out < 0.0)
        return "--" + name + ": must be >= 0, got " + o.text(name);
    return std::nullopt;
}

Error readPc(const Options& o, engine::PcConfig& pc) {
    long long T = 0;
    if (Error e = intInRange(o, "T", 1, 1'000'000, T))
        return e;
    pc.iterations = static_cast<int>(T);
    if (Error e = o.real("gamma0", pc.gamma0))
        return e;
    if (Error e = o.real("discount", pc.discount))
        return e;
    const auto problems = pc.validate();
    if (!problems.empty())
        return problems.front();
    return std::nullopt;
}

Error readThreads(const Options& o, unsigned& threads) {
    long long n = 0;
    if (Error e = intInRange(o, "threads", 1, 256, n))
        return e;
    threads = static_cast<unsigned>(n);
    return std::nullopt;
}

void progressLine(std::ostream& log, size_t done, size_t total) {
    // Roughly every 10 %, so logs stay short.
    const size_t step = std::max<size_t>(1, total / 10);
    if (done % step == 0 || done == total)
        log << "  " << done << "/" << total << " runs done\n" << std::flush;
}

}  // namespace app
