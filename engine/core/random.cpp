#include "engine/core/random.h"

#include <cmath>
#include <numbers>

namespace engine {

Scalar Random::uniform() {
    // Top 53 bits of a 64-bit draw, scaled by 2^-53: every double in [0, 1) on that grid.
    return static_cast<Scalar>(m_engine() >> 11) * 0x1.0p-53;
}

Scalar Random::normal() {
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    // u1 in (0, 1] so that log(u1) is finite.
    const Scalar u1 = 1.0 - uniform();
    const Scalar u2 = uniform();
    const Scalar radius = std::sqrt(-2.0 * std::log(u1));
    const Scalar angle = 2.0 * std::numbers::pi * u2;
    m_spare = radius * std::sin(angle);
    m_hasSpare = true;
    return radius * std::cos(angle);
}

std::uint64_t Random::below(std::uint64_t n) {
    // Rejection sampling keeps the draw unbiased.
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t r = m_engine();
    while (r >= limit)
        r = m_engine();
    return r % n;
}

Matrix Random::normalMatrix(Index rows, Index cols, Scalar mean, Scalar std) {
    Matrix m(rows, cols);
    for (Index i = 0; i < rows; ++i)
        for (Index j = 0; j < cols; ++j)
            m(i, j) = normal(mean, std);
    return m;
}

}  // namespace engine
