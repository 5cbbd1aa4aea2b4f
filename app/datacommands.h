#pragma once

// The dataset experiments (FashionMNIST) on the command line: `prospect experiment depth|online|
// continual|drift|small-data` with their option tables (engine/experiments/dataoptions.h),
// --quick, --shard K/N and --threads; and `prospect merge OUT.csv SHARD.csv...`, which joins the
// shards of one grid and prints its summary as a single run would.

#include <ostream>
#include <string>
#include <vector>

#include "app/experimentcommands.h"

namespace app {

/// The five dataset experiments as commands (their options, then --csv added by the caller).
std::vector<Experiment> dataExperimentCommands();

/// `prospect merge OUT.csv SHARD.csv...`: 0, or 2 for bad input (a file that is not a shard, shards
/// of different grids, a missing or repeated shard), 1 when OUT.csv cannot be written.
int mergeCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace app
