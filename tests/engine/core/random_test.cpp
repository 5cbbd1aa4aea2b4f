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

TEST(Random, FirstDrawsArePinned) {
    // The expected values were computed apart from this code: mt19937_64 transcribed from the
    // standard's definition (checked against its 10000th output for the default seed, which the
    // standard gives), uniform = top 53 bits * 2^-53, normal = Box-Muller on (1 - u1, u2),
    // cosine first, sine second.
    std::mt19937_64 reference;
    reference.discard(9999);
    EXPECT_EQ(reference(), 9981545732273789042ULL);
    // The uniform draw is integer arithmetic and an exact scaling: the same everywhere.
    EXPECT_EQ(Random(1).uniform(), 0x1.122deafddb434p-3);
    EXPECT_EQ(Random(1).uniform(0.5, 2.5), 0.5 + 2.0 * 0x1.122deafddb434p-3);
    // The normal draws also go through std::log, std::cos and std::sin, which the standard does
    // not require to be correctly rounded: these are glibc's (Debian's) values, and another C
    // math library may differ in the last bits (see random.h).
    Random n(1);
    EXPECT_EQ(n.normal(), 0x1.676a93ccea500p-2);
    EXPECT_EQ(n.normal(), 0x1.9f046476d2cc8p-2);
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
