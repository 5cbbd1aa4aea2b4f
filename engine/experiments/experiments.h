#pragma once

// The paper's small experiments (science file, section 4) as plain functions. Each returns its
// observations; printing, CSV and spreading seeds over threads belong to the caller.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/lockstep.h"
#include "engine/core/network.h"
#include "engine/core/simulation.h"
#include "engine/core/trial.h"

namespace engine::experiments {

/// Bear and river (Fig. 1, 3a): linear 1 -> 1 -> 2, no bias, every weight 1.
NetworkSpec bearSpec();
/// Input (1), target (0, 1): the sound of the river is absent, the smell of salmon expected.
Trial bearTrial();

/// One rule's output observed before a trial.
struct OutputRow {
    Rule rule = Rule::BP;
    Scalar alpha = 0.0;
    int trial = 0;  ///< 1-based; the prediction is taken before this trial learns.
    Vector output;
};

/// Observations of a lockstep run; `problem` says why it stopped early (divergence), else empty.
template <typename Row>
struct Observations {
    std::vector<Row> rows;
    std::string problem;
};

/// Runs `trials` lockstep trials of the bear example with learning rate `alpha` for both rules
/// (PC: T, gamma0 and discount of `pc`, its alpha replaced) and returns the prediction before
/// every trial, BP rows first. A diverging run stops with the rows so far.
Observations<OutputRow> interference(Scalar alpha, int trials, const PcConfig& pc);

/// The 1-2-2 net: input -> two hidden units through trainable (w1, w2), initialised 0, then a
/// fixed diagonal (1, 2) to the two outputs.
NetworkSpec trajectorySpec();
/// Input (1), target (1, 1).
Trial trajectoryTrial();

/// Both trainable weights of one rule before a trial.
struct WeightRow {
    Rule rule = Rule::BP;
    int trial = 0;  ///< 1-based; weights before this trial.
    Scalar w1 = 0.0, w2 = 0.0;
};

/// Settings of the 1-2-2 trajectory experiment (the paper's values as defaults).
struct TrajectoryConfig {
    Scalar bpAlpha = 0.4;
    PcConfig pc{1.3969543147208123, 128, 0.1, 0.8};
};

/// Weights (w1, w2) before each of `trials` trials, BP rows first.
Observations<WeightRow> trajectories122(int trials, const TrajectoryConfig& config);

/// Settings of the deep-network experiments (target alignment, prospective index).
struct DeepNetConfig {
    Index width = 64;
    Activation activation = Activation::Identity;
    PcConfig pc{0.001, 512, 0.1, 0.5};  ///< alpha is used by both rules.
};

/// One random sample: input ~ N(0, 1)^inputs, target ~ N(0, targetStd^2)^outputs, drawn from a
/// stream derived from `seed` (so it does not depend on how the weights used that seed).
Trial randomSample(Index inputs, Index outputs, std::uint64_t seed, Scalar targetStd = 1.0);

/// A deep net of `depth` weight layers, all of `width` neurons, no bias, Xavier-uniform (gain 1).
NetworkSpec deepSpec(int depth, const DeepNetConfig& config);
/// The network and the single sample (input, target ~ N(0, 1)) drawn for one seed.
struct DeepSetup {
    Network net;
    Trial trial;
};
/// Builds the network (weights from `seed`) and its sample (from a stream derived from `seed`).
DeepSetup deepSetup(int depth, std::uint64_t seed, const DeepNetConfig& config);

/// Target alignment of one learning step of each rule on the same net and sample.
struct AlignmentResult {
    Scalar bp = 0.0;
    Scalar pc = 0.0;
    std::string problem;  ///< Set (and the values NaN) when a rule diverged.
};
/// One learning step of BP and of PC from the same start; their target alignments.
AlignmentResult targetAlignmentRun(int depth, std::uint64_t seed, const DeepNetConfig& config);

/// Prospective index of PC in every layer 1..L (element l-1) after one learning step; NaN
/// values and a problem when PC diverged.
Observations<Scalar> prospectiveIndexRun(int depth, std::uint64_t seed,
                                         const DeepNetConfig& config);

}  // namespace engine::experiments
