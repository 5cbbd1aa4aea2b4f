#include <gtest/gtest.h>

#include "engine/core/blockedproduct.h"
#include "engine/core/random.h"

using namespace engine;

namespace {

// A random matrix with about a third of its entries exactly 0 (as input pixels are).
Matrix sparseRandom(Index rows, Index cols, std::uint64_t seed) {
    Random rng(seed);
    Matrix m = rng.normalMatrix(rows, cols);
    for (Index i = 0; i < m.size(); ++i)
        if (rng.uniform() < 0.33)
            m(i) = 0.0;
    return m;
}

}  // namespace

TEST(BlockedProduct, KernelsMatchEigenForEveryShape) {
    for (Index m : {1, 2, 3, 7, 8, 10, 16, 17, 32, 33}) {
        for (Index k : {1, 2, 5, 32, 113}) {
            const Matrix a = sparseRandom(m, k, 3 + m * 100 + k);
            const Matrix x = sparseRandom(k, 1, 5 + m + k);
            const Matrix xt = sparseRandom(m, 1, 7 + m + k);
            Matrix y = sparseRandom(m, 1, 11);
            Matrix expected = y + 0.75 * a * x;
            matrixVector(m, k, a.data(), m, x.data(), y.data(), 0.75);
            EXPECT_LT((y - expected).cwiseAbs().maxCoeff(), 1e-13) << m << " x " << k;
            Matrix z = sparseRandom(k, 1, 13);
            expected = z - 1.5 * a.transpose() * xt;
            matrixTransposeVector(m, k, a.data(), m, xt.data(), z.data(), -1.5);
            EXPECT_LT((z - expected).cwiseAbs().maxCoeff(), 1e-13) << m << " x " << k;
            Matrix w = sparseRandom(m, k, 17);
            expected = w + 0.1 * xt * x.transpose();
            addOuterProduct(m, k, xt.data(), x.data(), 1, 0.1, w.data(), m);
            EXPECT_LT((w - expected).cwiseAbs().maxCoeff(), 1e-13) << m << " x " << k;
        }
    }
}

TEST(BlockedProduct, EveryPathMatchesEigen) {
    // Batch 1 (our kernels), outer products and blocked products larger than a block.
    for (Index n : {1, 3, 60, 130}) {
        const Matrix w = sparseRandom(40, 250, 1);
        const Matrix x = sparseRandom(250, n, 2);
        Matrix y(40, n);
        blockedProduct(y, w, x, 1.0, false);
        EXPECT_LT((y - w * x).cwiseAbs().maxCoeff(), 1e-12) << n;
        const Matrix e = sparseRandom(40, n, 3);
        Matrix back(250, n);
        blockedProduct(back, w.transpose(), e, 1.0, false);
        EXPECT_LT((back - w.transpose() * e).cwiseAbs().maxCoeff(), 1e-12) << n;
        Matrix u = w;
        blockedProduct(u, e, x.transpose(), 0.01, true);
        EXPECT_LT((u - (w + 0.01 * e * x.transpose())).cwiseAbs().maxCoeff(), 1e-12) << n;
        Matrix v = y;
        blockedProduct(v, w, x, -1.0, true);
        EXPECT_LT(v.cwiseAbs().maxCoeff(), 1e-12) << n;
    }
}

TEST(BlockedProduct, SameBitsWhateverTheBatchSplit) {
    // A column's result does not depend on the other columns of the batch: the sum over k runs
    // in the same fixed chunks for a batch of 1 as for a batch of many (within the blocked path).
    const Matrix w = sparseRandom(20, 300, 4);
    const Matrix x = sparseRandom(300, 9, 5);
    Matrix all(20, 9), part(20, 4);
    blockedProduct(all, w, x, 1.0, false);
    blockedProduct(part, w, x.leftCols(4), 1.0, false);
    EXPECT_EQ(all.leftCols(4), part);
}
