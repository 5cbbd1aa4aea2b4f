#pragma once

// The engine's numeric vocabulary. Every quantity is double precision.
// Activities are stored as matrices of shape (neurons x samples): one column per sample of a
// batch, so a single sample is an (n x 1) matrix. Weight matrix W^l is (n_l x n_{l-1}), i.e.
// "post x pre": W(i, j) is the synapse from neuron j of layer l-1 to neuron i of layer l.

#include <Eigen/Core>
#include <cstdint>

namespace engine {

using Scalar = double;
using Index = Eigen::Index;
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

/// Learning rule of a simulation.
enum class Rule { BP, PC };

/// "BP" or "PC".
const char* ruleName(Rule rule);

}  // namespace engine
