#pragma once

#include <optional>
#include <string_view>

#include "engine/core/types.h"

namespace engine {

/// Element-wise non-linearity f applied to a layer's (pre-activation) value nodes.
enum class Activation { Identity, Tanh, Sigmoid, Relu, LeakyRelu };

/// Slope of LeakyRelu for negative inputs (PyTorch's default).
constexpr Scalar LeakyReluSlope = 0.01;

/// Lower-case name used in files and on the command line ("identity", "tanh", ...).
const char* activationName(Activation a);

/// Parses a name written by activationName(); also accepts "linear" for identity.
std::optional<Activation> parseActivation(std::string_view name);

/// out = f(x), element-wise. out may alias x.
void applyActivation(Activation a, const Matrix& x, Matrix& out);

/// out = f'(x), element-wise.
void applyDerivative(Activation a, const Matrix& x, Matrix& out);

/// f(x) for one number.
Scalar activate(Activation a, Scalar x);

/// f'(x) for one number.
Scalar derivative(Activation a, Scalar x);

}  // namespace engine
