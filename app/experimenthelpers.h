#pragma once

// Helpers shared by the experiment commands: option readers with clear messages, summary tables
// and progress lines.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/options.h"
#include "engine/core/simulation.h"
#include "engine/report/format.h"
#include "engine/report/table.h"

namespace app {

/// An error message for the user, or nothing.
using Error = std::optional<std::string>;

// Numbers and tables as text: one module for the whole program.
using engine::report::alignedText;
using engine::report::fixed;
using engine::report::formatNumber;
using engine::report::scientific;
using engine::report::TextTable;

/// Mean and sample standard deviation.
struct MeanSd {
    double mean = 0.0, sd = 0.0;
};
/// Mean and standard deviation of v (zeros when empty, sd 0 for one value).
MeanSd meanSd(const std::vector<double>& v);

/// The --csv option every experiment has.
OptionSpec csvOption();
/// --T, --gamma0 and --discount with the given defaults.
std::vector<OptionSpec> pcOptions(const std::string& T, const std::string& gamma0,
                                  const std::string& discount);
/// An integer option within [lo, hi].
Error intInRange(const Options& o, const std::string& name, long long lo, long long hi,
                 long long& out);
/// A finite number >= 0.
Error nonNegative(const Options& o, const std::string& name, double& out);
/// --T, --gamma0 and --discount into pc (validated).
Error readPc(const Options& o, engine::PcConfig& pc);
/// --threads (1..256).
Error readThreads(const Options& o, unsigned& threads);
/// "  done/total runs done" roughly every 10 %.
void progressLine(std::ostream& log, size_t done, size_t total);

}  // namespace app
