#pragma once

// Matrix products in fixed blocks, for the batch trainer and the evaluation of test sets.
//
// Eigen's matrix product splits the inner dimension k into blocks whose size it derives from the
// CPU's cache sizes (read at run time), and the rounding of a sum depends on how it is split:
// the same binary could give different last bits on two x86-64 machines. Here the sum over k is
// always split into chunks of ProductChunk (the last one shorter), each of which fits in any
// cache Eigen assumes, so Eigen never splits it further and the result is the same everywhere.
// Rows and columns are blocked alike, which changes no arithmetic but keeps Eigen's packing
// buffers (at most ProductChunk^2 doubles = 100 KB) on the stack: no heap allocation. A matrix
// times a vector and an outer product (batch size 1) go to Eigen's blocking-free kernels.

#include "engine/core/types.h"

namespace engine {

/// Block size of blockedProduct() along every dimension.
constexpr Index ProductChunk = 112;

/// dst = alpha a b (accumulate = false) or dst += alpha a b (accumulate = true), blocked as
/// described above. dst must not alias a or b.
template <class Dst, class Lhs, class Rhs>
void blockedProduct(Dst&& dst, const Lhs& a, const Rhs& b, Scalar alpha, bool accumulate) {
    const Index m = a.rows(), k = a.cols(), n = b.cols();
    if (!accumulate)
        dst.setZero();
    if (n == 1) {
        // Matrix times vector: Eigen's kernel has fixed blocking and needs no buffer.
        dst.col(0).noalias() += alpha * a * b.col(0);
        return;
    }
    if (k == 1) {
        // Outer product, column by column; a column whose factor is exactly 0 (an input pixel
        // that is 0) would add exactly 0 and is skipped.
        for (Index j = 0; j < n; ++j) {
            const Scalar factor = alpha * b(0, j);
            if (factor != 0.0)
                dst.col(j).noalias() += factor * a.col(0);
        }
        return;
    }
    for (Index p = 0; p < k; p += ProductChunk) {
        const Index kp = std::min(ProductChunk, k - p);
        for (Index j = 0; j < n; j += ProductChunk) {
            const Index nj = std::min(ProductChunk, n - j);
            for (Index i = 0; i < m; i += ProductChunk) {
                const Index mi = std::min(ProductChunk, m - i);
                dst.block(i, j, mi, nj).noalias() +=
                    alpha * a.block(i, p, mi, kp) * b.block(p, j, kp, nj);
            }
        }
    }
}

}  // namespace engine
