#include <gtest/gtest.h>

#include <cmath>

#include "engine/core/random.h"

using namespace engine;

TEST(Random, SameSeedSameNumbers) {
    Random a(42), b(42), c(43);
    bool anyDifferent = false;
    for (int i = 0; i < 100; ++i) {
        const double x = a.normal();
        EXPECT_EQ(x, b.normal());
        anyDifferent = anyDifferent || x != c.normal();
    }
    EXPECT_TRUE(anyDifferent);
}

TEST(Random, FirstDrawsAreStableAcrossBuilds) {
    // mt19937_64 is fully specified by the standard: its 10000th output for the default seed is
    // fixed, so our uniform draw derived from it is too.
    std::mt19937_64 reference;
    reference.discard(9999);
    EXPECT_EQ(reference(), 9981545732273789042ULL);
    Random r(5489);
    const double u = r.uniform();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
}

TEST(Random, DrawsFollowTheirDocumentedFormulas) {
    // Initial weights and samples of every seed depend on engine::Random's own transforms of
    // mt19937_64 (which the standard fixes): uniform = top 53 bits * 2^-53, normal = Box-Muller
    // on (1 - u1, u2), cosine first, sine second.
    std::mt19937_64 raw(1);
    const double expectedUniform = static_cast<double>(raw() >> 11) * 0x1.0p-53;
    Random r(1);
    EXPECT_EQ(r.uniform(), expectedUniform);
    Random n(1);
    std::mt19937_64 raw2(1);
    const double u1 = 1.0 - static_cast<double>(raw2() >> 11) * 0x1.0p-53;
    const double u2 = static_cast<double>(raw2() >> 11) * 0x1.0p-53;
    const double radius = std::sqrt(-2.0 * std::log(u1));
    EXPECT_EQ(n.normal(), radius * std::cos(2.0 * M_PI * u2));
    EXPECT_EQ(n.normal(), radius * std::sin(2.0 * M_PI * u2));
}

TEST(Random, MomentsOfDraws) {
    Random r(7);
    const int n = 200000;
    double su = 0, sn = 0, sn2 = 0;
    for (int i = 0; i < n; ++i) {
        const double u = r.uniform();
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
        su += u;
        const double z = r.normal();
        sn += z;
        sn2 += z * z;
    }
    EXPECT_NEAR(su / n, 0.5, 0.005);
    EXPECT_NEAR(sn / n, 0.0, 0.01);
    EXPECT_NEAR(sn2 / n, 1.0, 0.01);
}

TEST(Random, BelowStaysInRange) {
    Random r(3);
    int counts[5] = {};
    for (int i = 0; i < 5000; ++i) {
        const auto k = r.below(5);
        ASSERT_LT(k, 5u);
        ++counts[k];
    }
    for (int c : counts)
        EXPECT_GT(c, 800);
}
