#include "engine/core/activation.h"

#include <cmath>

namespace engine {

const char* ruleName(Rule rule) {
    return rule == Rule::BP ? "BP" : "PC";
}

const char* activationName(Activation a) {
    switch (a) {
        case Activation::Identity:
            return "identity";
        case Activation::Tanh:
            return "tanh";
        case Activation::Sigmoid:
            return "sigmoid";
        case Activation::Relu:
            return "relu";
        case Activation::LeakyRelu:
            return "leaky-relu";
    }
    return "identity";
}

std::optional<Activation> parseActivation(std::string_view name) {
    if (name == "identity" || name == "linear")
        return Activation::Identity;
    if (name == "tanh")
        return Activation::Tanh;
    if (name == "sigmoid")
        return Activation::Sigmoid;
    if (name == "relu")
        return Activation::Relu;
    if (name == "leaky-relu" || name == "leaky_relu" || name == "leakyrelu")
        return Activation::LeakyRelu;
    return std::nullopt;
}

Scalar activate(Activation a, Scalar x) {
    switch (a) {
        case Activation::Identity:
            return x;
        case Activation::Tanh:
            return std::tanh(x);
        case Activation::Sigmoid:
            return 1.0 / (1.0 + std::exp(-x));
        case Activation::Relu:
            return x > 0.0 ? x : 0.0;
        case Activation::LeakyRelu:
            return x > 0.0 ? x : LeakyReluSlope * x;
    }
    return x;
}

Scalar derivative(Activation a, Scalar x) {
    switch (a) {
        case Activation::Identity:
            return 1.0;
        case Activation::Tanh: {
            const Scalar t = std::tanh(x);
            return 1.0 - t * t;
        }
        case Activation::Sigmoid: {
            const Scalar s = 1.0 / (1.0 + std::exp(-x));
            return s * (1.0 - s);
        }
        // The kink at 0 takes the left slope, as PyTorch's autograd does.
        case Activation::Relu:
            return x > 0.0 ? 1.0 : 0.0;
        case Activation::LeakyRelu:
            return x > 0.0 ? 1.0 : LeakyReluSlope;
    }
    return 1.0;
}

void applyActivation(Activation a, const Matrix& x, Matrix& out) {
    switch (a) {
        case Activation::Identity:
            out = x;
            return;
        case Activation::Tanh:
            out = x.array().tanh().matrix();
            return;
        case Activation::Sigmoid:
            out = x.unaryExpr([](Scalar v) { return activate(Activation::Sigmoid, v); });
            return;
        case Activation::Relu:
            out = x.cwiseMax(0.0);
            return;
        case Activation::LeakyRelu:
            out = x.unaryExpr([](Scalar v) { return activate(Activation::LeakyRelu, v); });
            return;
    }
}

void applyDerivative(Activation a, const Matrix& x, Matrix& out) {
    if (a == Activation::Identity) {
        out.setOnes(x.rows(), x.cols());
        return;
    }
    out = x.unaryExpr([a](Scalar v) { return derivative(a, v); });
}

}  // namespace engine
