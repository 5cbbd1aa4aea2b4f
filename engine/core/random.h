#pragma once

#include <cstdint>
#include <random>

#include "engine/core/types.h"

namespace engine {

/// Deterministic random numbers: std::mt19937_64 (fully specified by the standard) with our own
/// uniform and normal draws instead of the std distributions (whose algorithms differ between
/// standard libraries). What a seed fixes: next(), uniform() and below() are integer arithmetic
/// and exact scalings, the same numbers with every standard library and machine. normal() also
/// calls std::log, std::cos and std::sin, which the standard does not require to be correctly
/// rounded: its numbers are the same with the same C math library (glibc on Debian, which the
/// tests pin) and may differ in the last bits with another.
class Random {
public:
    /// A generator seeded with `seed`.
    explicit Random(std::uint64_t seed) : m_engine(seed) {}

    /// Uniform in [0, 1) with 53 random bits.
    Scalar uniform();
    /// Uniform in [lo, hi).
    Scalar uniform(Scalar lo, Scalar hi) { return lo + (hi - lo) * uniform(); }
    /// Standard normal N(0, 1) by the Box-Muller transform.
    Scalar normal();
    /// N(mean, std^2).
    Scalar normal(Scalar mean, Scalar std) { return mean + std * normal(); }
    /// Uniform integer in [0, n); n > 0.
    std::uint64_t below(std::uint64_t n);
    /// A raw 64-bit draw (used to derive independent seeds).
    std::uint64_t next() { return m_engine(); }
    /// Skips `n` raw draws (as if next() had been called n times); drops a spare normal.
    void discard(unsigned long long n) {
        m_engine.discard(n);
        m_hasSpare = false;
    }

    /// Matrix of N(mean, std^2) draws, filled row by row.
    Matrix normalMatrix(Index rows, Index cols, Scalar mean = 0.0, Scalar std = 1.0);

private:
    std::mt19937_64 m_engine;
    Scalar m_spare = 0.0;
    bool m_hasSpare = false;
};

}  // namespace engine
