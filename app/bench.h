#pragma once

#include <ostream>

namespace app {

/// Measures engine throughput (PC inference iterations and trials per second, BP trials per
/// second) on the 1-1-2 bear net and a width-64, depth-10 net, and trained samples per second of
/// both rules on the online net of the dataset experiments (784-32-32-10, batch 1, T 64, against
/// the authors' code), spending about `seconds` on each figure; prints the figures.
void runBench(double seconds, std::ostream& out);

}  // namespace app
