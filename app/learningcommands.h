#pragma once

#include <vector>

#include "app/experimentcommands.h"

namespace app {

/// The learning-in-animals-and-humans experiments and the weight-path test (science file,
/// section 4, items 7-10): erratic, fear-conditioning, reversal-learning, sensorimotor-transfer.
std::vector<Experiment> learningExperiments();

}  // namespace app
