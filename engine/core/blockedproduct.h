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

#include <algorithm>
#include <type_traits>

#include "engine/core/types.h"

// x86-64 with GCC or Clang: AVX2 versions of two kernels, chosen at run time (wideKernels()).
#if defined(__x86_64__) && defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#define PROSPECT_AVX2_DISPATCH 1
#else
#define PROSPECT_AVX2_DISPATCH 0
#endif

namespace engine {

/// Whether matrixVector() and fastSigmoid() use their AVX2 versions (the other kernels have
/// none): on x86-64 CPUs that have AVX2 (checked at run time; the default build targets plain
/// x86-64). They do the same IEEE operations per element in the same order as the SSE2 versions
/// (no FMA), so they give the same bits, only four lanes at a time instead of two.
bool wideKernels();
/// Turns the AVX2 versions off, or back on where the CPU has them (tests compare the two);
/// returns whether they are now on.
bool useWideKernels(bool on);

/// Block size of blockedProduct() along every dimension.
constexpr Index ProductChunk = 112;

/// y += alpha A x for a column-major m x k matrix A (leading dimension lda) and contiguous x (k)
/// and y (m): the sum over columns runs in order j = 0, 1, ..., skipping x_j = 0 (SSE2, no FMA).
void matrixVector(Index m, Index k, const Scalar* a, Index lda, const Scalar* x, Scalar* y,
                  Scalar alpha);
/// W += alpha a b^T for a column-major m x n matrix W (leading dimension ldw), contiguous a (m)
/// and b (n entries, bStride apart); columns whose factor alpha b_j is exactly 0 are skipped.
void addOuterProduct(Index m, Index n, const Scalar* a, const Scalar* b, Index bStride,
                     Scalar alpha, Scalar* w, Index ldw);
/// y += alpha A^T x for a column-major m x k matrix A: y_j += alpha sum_i A_ij x_i, the sum over
/// even and odd i in order, then added (SSE2, no FMA).
void matrixTransposeVector(Index m, Index k, const Scalar* a, Index lda, const Scalar* x, Scalar* y,
                           Scalar alpha);

/// dst = alpha a b (accumulate = false) or dst += alpha a b (accumulate = true), blocked as
/// described above. dst must not alias a or b.
template <class Dst, class Lhs, class Rhs>
void blockedProduct(Dst&& dst, const Lhs& a, const Rhs& b, Scalar alpha, bool accumulate) {
    const Index m = a.rows(), k = a.cols(), n = b.cols();
    if (!accumulate)
        dst.setZero();
    if (n == 1) {
        // Matrix times vector (batch size 1, the inference loop's hot path): our own kernels for
        // a plain matrix or its transpose, Eigen's otherwise (fixed blocking, no buffer).
        using A = std::decay_t<Lhs>;
        if constexpr (std::is_same_v<A, Matrix>) {
            if (b.innerStride() == 1 && dst.innerStride() == 1) {
                matrixVector(m, k, a.data(), a.outerStride(), &b.coeffRef(0, 0),
                             &dst.coeffRef(0, 0), alpha);
                return;
            }
        } else if constexpr (std::is_same_v<A, Eigen::Transpose<Matrix>> ||
                             std::is_same_v<A, Eigen::Transpose<const Matrix>>) {
            if (b.innerStride() == 1 && dst.innerStride() == 1) {
                const Matrix& w = a.nestedExpression();
                matrixTransposeVector(w.rows(), w.cols(), w.data(), w.outerStride(),
                                      &b.coeffRef(0, 0), &dst.coeffRef(0, 0), alpha);
                return;
            }
        }
        dst.col(0).noalias() += alpha * a * b.col(0);
        return;
    }
    if (k == 1) {
        // Outer product (batch size 1), column by column; a column whose factor is exactly 0 (an
        // input pixel that is 0) would add exactly 0 and is skipped.
        if (accumulate && a.innerStride() == 1 && dst.innerStride() == 1) {
            addOuterProduct(m, n, &a.coeffRef(0, 0), &b.coeffRef(0, 0),
                            n > 1 ? &b.coeffRef(0, 1) - &b.coeffRef(0, 0) : 1, alpha,
                            &dst.coeffRef(0, 0), dst.outerStride());
            return;
        }
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
