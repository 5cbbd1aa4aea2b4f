#include <gtest/gtest.h>

#include "engine/core/activation.h"

using namespace engine;

namespace {
const Activation All[] = {Activation::Identity, Activation::Tanh, Activation::Sigmoid,
                          Activation::Relu, Activation::LeakyRelu};
}

TEST(Activation, DerivativeMatchesFiniteDifferences) {
    const double h = 1e-6;
    for (Activation a : All) {
        for (double x : {-2.3, -0.7, -0.01, 0.02, 0.5, 1.9}) {
            const double numeric = (activate(a, x + h) - activate(a, x - h)) / (2 * h);
            EXPECT_NEAR(derivative(a, x), numeric, 1e-7) << activationName(a) << " at " << x;
        }
    }
}

TEST(Activation, KnownValues) {
    EXPECT_DOUBLE_EQ(activate(Activation::Sigmoid, 0.0), 0.5);
    EXPECT_DOUBLE_EQ(derivative(Activation::Sigmoid, 0.0), 0.25);
    EXPECT_DOUBLE_EQ(activate(Activation::Relu, -3.0), 0.0);
    EXPECT_DOUBLE_EQ(activate(Activation::LeakyRelu, -2.0), -2.0 * LeakyReluSlope);
    EXPECT_DOUBLE_EQ(activate(Activation::Tanh, 0.3), std::tanh(0.3));
    EXPECT_DOUBLE_EQ(derivative(Activation::Relu, 0.0), 0.0);  // left slope at the kink
}

TEST(Activation, MatrixFormsAgreeWithScalarForms) {
    Matrix x(2, 3);
    x << -1.5, -0.2, 0.0, 0.3, 1.1, 4.0;
    for (Activation a : All) {
        Matrix f, d;
        applyActivation(a, x, f);
        applyDerivative(a, x, d);
        for (Index i = 0; i < x.size(); ++i) {
            EXPECT_DOUBLE_EQ(f(i), activate(a, x(i)));
            EXPECT_DOUBLE_EQ(d(i), derivative(a, x(i)));
        }
    }
}

TEST(Activation, NamesRoundTrip) {
    for (Activation a : All)
        EXPECT_EQ(parseActivation(activationName(a)), a);
    EXPECT_EQ(parseActivation("linear"), Activation::Identity);
    EXPECT_FALSE(parseActivation("softmax").has_value());
}
