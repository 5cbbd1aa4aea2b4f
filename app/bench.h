#pragma once

#include <ostream>

namespace app {

/// Measures engine throughput (PC inference iterations and trials per second, BP trials per
/// second) on the 1-1-2 bear net and a width-64, depth-10 net, spending about `seconds` on each
/// figure, and prints a table.
void runBench(double seconds, std::ostream& out);

}  // namespace app
