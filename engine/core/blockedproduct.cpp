#include "engine/core/blockedproduct.h"

#include <atomic>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if PROSPECT_AVX2_DISPATCH
#include <immintrin.h>
#endif

namespace engine {

namespace {

bool cpuHasAvx2() {
#if PROSPECT_AVX2_DISPATCH
    return __builtin_cpu_supports("avx2");
#else
    return false;
#endif
}

std::atomic<bool>& wideFlag() {
    static std::atomic<bool> on{cpuHasAvx2()};
    return on;
}

}  // namespace

bool wideKernels() {
    return wideFlag().load(std::memory_order_relaxed);
}

bool useWideKernels(bool on) {
    wideFlag().store(on && cpuHasAvx2(), std::memory_order_relaxed);
    return wideKernels();
}

#if PROSPECT_AVX2_DISPATCH
namespace {

// The AVX2 twins of sixteenRows() and eightRows() below: the same sums per row in the same
// order, four rows per register.
__attribute__((target("avx2"))) void addScaled4(Scalar* y, __m256d r, __m256d s) {
    _mm256_storeu_pd(y, _mm256_add_pd(_mm256_loadu_pd(y), _mm256_mul_pd(r, s)));
}

__attribute__((target("avx2"))) void sixteenRowsAvx2(Index k, const Scalar* a, Index lda,
                                                     const Scalar* x, Scalar* y, Scalar alpha) {
    __m256d r0 = _mm256_setzero_pd(), r1 = r0, r2 = r0, r3 = r0;
    for (Index j = 0; j < k; ++j) {
        if (x[j] == 0.0)
            continue;
        const __m256d xj = _mm256_set1_pd(x[j]);
        const Scalar* c = a + j * lda;
        r0 = _mm256_add_pd(r0, _mm256_mul_pd(_mm256_loadu_pd(c), xj));
        r1 = _mm256_add_pd(r1, _mm256_mul_pd(_mm256_loadu_pd(c + 4), xj));
        r2 = _mm256_add_pd(r2, _mm256_mul_pd(_mm256_loadu_pd(c + 8), xj));
        r3 = _mm256_add_pd(r3, _mm256_mul_pd(_mm256_loadu_pd(c + 12), xj));
    }
    const __m256d s = _mm256_set1_pd(alpha);
    addScaled4(y, r0, s);
    addScaled4(y + 4, r1, s);
    addScaled4(y + 8, r2, s);
    addScaled4(y + 12, r3, s);
}

__attribute__((target("avx2"))) void eightRowsAvx2(Index k, const Scalar* a, Index lda,
                                                   const Scalar* x, Scalar* y, Scalar alpha) {
    __m256d r0 = _mm256_setzero_pd(), r1 = r0;
    for (Index j = 0; j < k; ++j) {
        if (x[j] == 0.0)
            continue;
        const __m256d xj = _mm256_set1_pd(x[j]);
        const Scalar* c = a + j * lda;
        r0 = _mm256_add_pd(r0, _mm256_mul_pd(_mm256_loadu_pd(c), xj));
        r1 = _mm256_add_pd(r1, _mm256_mul_pd(_mm256_loadu_pd(c + 4), xj));
    }
    const __m256d s = _mm256_set1_pd(alpha);
    addScaled4(y, r0, s);
    addScaled4(y + 4, r1, s);
}

}  // namespace
#endif

#if defined(__SSE2__)
namespace {

// acc += A[rows, j] x_j over the columns j, for 16 rows held in eight registers (written out:
// a loop over the registers is not unrolled at -O2 and would keep them in memory). A column whose
// x_j is exactly 0 adds exactly 0 and is skipped: about half of FashionMNIST's pixels are 0.
inline void sixteenRows(Index k, const Scalar* a, Index lda, const Scalar* x, Scalar* y,
                        Scalar alpha) {
    __m128d r0 = _mm_setzero_pd(), r1 = r0, r2 = r0, r3 = r0, r4 = r0, r5 = r0, r6 = r0, r7 = r0;
    for (Index j = 0; j < k; ++j) {
        if (x[j] == 0.0)
            continue;  // adds exactly 0 (an input pixel that is 0)
        const __m128d xj = _mm_set1_pd(x[j]);
        const Scalar* c = a + j * lda;
        r0 = _mm_add_pd(r0, _mm_mul_pd(_mm_loadu_pd(c), xj));
        r1 = _mm_add_pd(r1, _mm_mul_pd(_mm_loadu_pd(c + 2), xj));
        r2 = _mm_add_pd(r2, _mm_mul_pd(_mm_loadu_pd(c + 4), xj));
        r3 = _mm_add_pd(r3, _mm_mul_pd(_mm_loadu_pd(c + 6), xj));
        r4 = _mm_add_pd(r4, _mm_mul_pd(_mm_loadu_pd(c + 8), xj));
        r5 = _mm_add_pd(r5, _mm_mul_pd(_mm_loadu_pd(c + 10), xj));
        r6 = _mm_add_pd(r6, _mm_mul_pd(_mm_loadu_pd(c + 12), xj));
        r7 = _mm_add_pd(r7, _mm_mul_pd(_mm_loadu_pd(c + 14), xj));
    }
    const __m128d s = _mm_set1_pd(alpha);
    const auto put = [&](int at, __m128d r) {
        _mm_storeu_pd(y + at, _mm_add_pd(_mm_loadu_pd(y + at), _mm_mul_pd(r, s)));
    };
    put(0, r0);
    put(2, r1);
    put(4, r2);
    put(6, r3);
    put(8, r4);
    put(10, r5);
    put(12, r6);
    put(14, r7);
}

// The same for 8 rows in four registers.
inline void eightRows(Index k, const Scalar* a, Index lda, const Scalar* x, Scalar* y,
                      Scalar alpha) {
    __m128d r0 = _mm_setzero_pd(), r1 = r0, r2 = r0, r3 = r0;
    for (Index j = 0; j < k; ++j) {
        if (x[j] == 0.0)
            continue;
        const __m128d xj = _mm_set1_pd(x[j]);
        const Scalar* c = a + j * lda;
        r0 = _mm_add_pd(r0, _mm_mul_pd(_mm_loadu_pd(c), xj));
        r1 = _mm_add_pd(r1, _mm_mul_pd(_mm_loadu_pd(c + 2), xj));
        r2 = _mm_add_pd(r2, _mm_mul_pd(_mm_loadu_pd(c + 4), xj));
        r3 = _mm_add_pd(r3, _mm_mul_pd(_mm_loadu_pd(c + 6), xj));
    }
    const __m128d s = _mm_set1_pd(alpha);
    const auto put = [&](int at, __m128d r) {
        _mm_storeu_pd(y + at, _mm_add_pd(_mm_loadu_pd(y + at), _mm_mul_pd(r, s)));
    };
    put(0, r0);
    put(2, r1);
    put(4, r2);
    put(6, r3);
}

}  // namespace
#endif

void matrixVector(Index m, Index k, const Scalar* a, Index lda, const Scalar* x, Scalar* y,
                  Scalar alpha) {
    Index i = 0;
#if PROSPECT_AVX2_DISPATCH
    if (wideKernels()) {
        for (; i + 16 <= m; i += 16)
            sixteenRowsAvx2(k, a + i, lda, x, y + i, alpha);
        for (; i + 8 <= m; i += 8)
            eightRowsAvx2(k, a + i, lda, x, y + i, alpha);
    }
#endif
#if defined(__SSE2__)
    for (; i + 16 <= m; i += 16)
        sixteenRows(k, a + i, lda, x, y + i, alpha);
    for (; i + 8 <= m; i += 8)
        eightRows(k, a + i, lda, x, y + i, alpha);
    for (; i + 2 <= m; i += 2) {
        __m128d acc = _mm_setzero_pd();
        for (Index j = 0; j < k; ++j)
            if (x[j] != 0.0)
                acc = _mm_add_pd(acc, _mm_mul_pd(_mm_loadu_pd(a + j * lda + i), _mm_set1_pd(x[j])));
        _mm_storeu_pd(y + i, _mm_add_pd(_mm_loadu_pd(y + i), _mm_mul_pd(acc, _mm_set1_pd(alpha))));
    }
#endif
    for (; i < m; ++i) {
        Scalar acc = 0.0;
        for (Index j = 0; j < k; ++j)
            if (x[j] != 0.0)
                acc += a[j * lda + i] * x[j];
        y[i] += acc * alpha;
    }
}

void matrixTransposeVector(Index m, Index k, const Scalar* a, Index lda, const Scalar* x, Scalar* y,
                           Scalar alpha) {
    // y_j += alpha (sum over even i of A_ij x_i + sum over odd i of A_ij x_i), each sum in order.
    const Index pairs = m / 2 * 2;
    const auto finish = [&](Index j, Scalar even, Scalar odd) {
        const Scalar* col = a + j * lda;
        if (pairs < m)
            even += col[m - 1] * x[m - 1];
        y[j] += (even + odd) * alpha;
    };
    Index j = 0;
#if defined(__SSE2__)
    const auto lanes = [](__m128d v, Scalar& lo, Scalar& hi) {
        lo = _mm_cvtsd_f64(v);
        hi = _mm_cvtsd_f64(_mm_unpackhi_pd(v, v));
    };
    // Two columns' (even, odd) sums -> (even + odd) of both, added to y[j], y[j + 1].
    const auto finishTwo = [&](Index at, __m128d u, __m128d v) {
        if (pairs < m) {
            const __m128d last = _mm_set_pd(0.0, x[m - 1]);
            u = _mm_add_pd(u, _mm_mul_pd(_mm_set_pd(0.0, a[at * lda + m - 1]), last));
            v = _mm_add_pd(v, _mm_mul_pd(_mm_set_pd(0.0, a[(at + 1) * lda + m - 1]), last));
        }
        const __m128d sum = _mm_add_pd(_mm_unpacklo_pd(u, v), _mm_unpackhi_pd(u, v));
        _mm_storeu_pd(y + at,
                      _mm_add_pd(_mm_loadu_pd(y + at), _mm_mul_pd(sum, _mm_set1_pd(alpha))));
    };
    // Four columns at once: four independent chains of additions.
    for (; j + 4 <= k; j += 4) {
        const Scalar* c = a + j * lda;
        __m128d s0 = _mm_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
        for (Index i = 0; i < pairs; i += 2) {
            const __m128d xi = _mm_loadu_pd(x + i);
            s0 = _mm_add_pd(s0, _mm_mul_pd(_mm_loadu_pd(c + i), xi));
            s1 = _mm_add_pd(s1, _mm_mul_pd(_mm_loadu_pd(c + lda + i), xi));
            s2 = _mm_add_pd(s2, _mm_mul_pd(_mm_loadu_pd(c + 2 * lda + i), xi));
            s3 = _mm_add_pd(s3, _mm_mul_pd(_mm_loadu_pd(c + 3 * lda + i), xi));
        }
        finishTwo(j, s0, s1);
        finishTwo(j + 2, s2, s3);
    }
    for (; j < k; ++j) {
        const Scalar* c = a + j * lda;
        __m128d s0 = _mm_setzero_pd();
        for (Index i = 0; i < pairs; i += 2)
            s0 = _mm_add_pd(s0, _mm_mul_pd(_mm_loadu_pd(c + i), _mm_loadu_pd(x + i)));
        Scalar e, o;
        lanes(s0, e, o);
        finish(j, e, o);
    }
#else
    for (; j < k; ++j) {
        const Scalar* c = a + j * lda;
        Scalar even = 0.0, odd = 0.0;
        for (Index i = 0; i < pairs; i += 2) {
            even += c[i] * x[i];
            odd += c[i + 1] * x[i + 1];
        }
        finish(j, even, odd);
    }
#endif
}

void addOuterProduct(Index m, Index n, const Scalar* a, const Scalar* b, Index bStride,
                     Scalar alpha, Scalar* w, Index ldw) {
    for (Index j = 0; j < n; ++j) {
        const Scalar f = alpha * b[j * bStride];
        if (f == 0.0)
            continue;  // adds exactly 0 (an input pixel that is 0)
        Scalar* c = w + j * ldw;
        Index i = 0;
#if defined(__SSE2__)
        const __m128d fj = _mm_set1_pd(f);
        for (; i + 2 <= m; i += 2)
            _mm_storeu_pd(c + i,
                          _mm_add_pd(_mm_loadu_pd(c + i), _mm_mul_pd(fj, _mm_loadu_pd(a + i))));
#endif
        for (; i < m; ++i)
            c[i] += f * a[i];
    }
}

}  // namespace engine
