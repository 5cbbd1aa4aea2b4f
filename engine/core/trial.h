#pragma once

#include <string>
#include <vector>

#include "engine/core/network.h"
#include "engine/core/types.h"

namespace engine {

/// One trial = one batch: inputs (n_0 x B), targets (n_L x B) and a target mask (n_L x B,
/// 1 = supervised, 0 = this output gets no error). An empty mask means every output is supervised.
struct Trial {
    Matrix input;
    Matrix target;
    Matrix mask;

    /// Number of samples B.
    Index batchSize() const { return input.cols(); }

    /// A single-sample trial from two vectors.
    static Trial single(const Vector& input, const Vector& target);
};

/// Every problem with using `trial` on a network of `spec` (shapes, masks, non-finite numbers),
/// one readable sentence each; empty when usable.
std::vector<std::string> validateTrial(const Trial& trial, const NetworkSpec& spec);

/// Loss 1/2 sum ||mask (.) (y - predict(x))||^2 of the network's feed-forward prediction, summed
/// over the batch.
Scalar trialLoss(const Network& net, const Trial& trial);

}  // namespace engine
