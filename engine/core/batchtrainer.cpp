#include "engine/core/batchtrainer.h"

#include <bit>
#include <cassert>
#include <cmath>
#include <limits>

#include "engine/core/blockedproduct.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if PROSPECT_AVX2_DISPATCH
#include <immintrin.h>
#endif

namespace engine {

std::vector<std::string> BatchTrainer::unsupported(const NetworkSpec& spec) {
    std::vector<std::string> problems;
    for (Index l = 1; l <= spec.depth(); ++l) {
        const WeightLayerSpec& w = spec.weight(l);
        const std::string name = "W" + std::to_string(l);
        if (w.bias)
            problems.push_back(name + " has a bias (the batch trainer has none)");
        if (w.mask.size() != 0)
            problems.push_back(name + " has a connectivity mask");
        if (!w.trainable)
            problems.push_back(name + " is fixed");
        if (w.learningRate || w.learningRates.size() != 0)
            problems.push_back(name + " has its own learning rate");
    }
    return problems;
}

BatchTrainer::BatchTrainer(Rule rule, const Network& net, const PcConfig& config, Index maxBatch)
    : m_rule(rule), m_config(config), m_start(net), m_maxBatch(maxBatch) {
    assert(unsupported(net.spec()).empty());
    assert(config.validate().empty());
    assert(maxBatch >= 1);
    if (rule == Rule::BP)
        m_config.iterations = 1;
    const Index L = net.depth();
    const auto n = static_cast<size_t>(L + 1);
    m_w.resize(n);
    m_x.resize(n);
    m_fx.resize(n);
    m_dfx.resize(n);
    m_eps.resize(n);
    m_back.resize(n);
    for (Index l = 0; l <= L; ++l) {
        m_sizes.push_back(net.size(l));
        m_act.push_back(net.activation(l));
    }
    for (Index l = 1; l <= L; ++l) {
        const auto k = static_cast<size_t>(l);
        m_w[k] = net.weight(l);
        m_x[k].setZero(size(l), maxBatch);
        m_fx[k].setZero(size(l), maxBatch);
        m_dfx[k].setZero(size(l), maxBatch);
        m_eps[k].setZero(size(l), maxBatch);
        m_back[k].setZero(size(l), maxBatch);
    }
    m_mu1.setZero(size(1), maxBatch);
    m_lossUnits = size(L);
}

void BatchTrainer::setLossUnits(Index n) {
    assert(n >= 1 && n <= size(depth()));
    m_lossUnits = n;
}

void BatchTrainer::leaveOut(Map eps) const {
    if (m_lossUnits < eps.rows())
        eps.bottomRows(eps.rows() - m_lossUnits).setZero();
}

Network BatchTrainer::network() const {
    Network net = m_start;
    for (Index l = 1; l <= depth(); ++l)
        net.setWeight(l, weight(l));
    return net;
}

bool BatchTrainer::weightsFinite() const {
    for (Index l = 1; l <= depth(); ++l)
        if (!weight(l).allFinite())
            return false;
    return true;
}

void BatchTrainer::fail(std::string problem) {
    m_status = Status::Diverged;
    m_problem = std::string(ruleName(m_rule)) + ", trial " + std::to_string(m_trials + 1) + ": " +
                std::move(problem);
}

namespace {

// sigmoid(x) = 1 / (1 + e^z), z = -x, with e^z = 2^n e^r: n = round(z log2(e)) (adding 1.5 * 2^52
// rounds to an integer), r = z - n ln 2 in two parts (Cody and Waite; n Ln2Hi is exact), e^r by
// its Taylor series up to r^12 (|r| <= 0.35: truncation below 2e-16 relative), 2^n from its bits.
// z is clamped to [-708, 708], where 2^n is a normal number; NaN stays NaN. The same IEEE
// operations in the same order on every x86-64 machine (SSE2, no FMA), so the results are too.
constexpr double Log2e = 1.4426950408889634;
constexpr double Ln2Hi = 6.93147180369123816490e-01;
constexpr double Ln2Lo = 1.90821492927058770002e-10;
constexpr double Shifter = 6755399441055744.0;  // 1.5 * 2^52
constexpr double ExpLimit = 708.0;
constexpr double InverseFactorial[13] = {
    1.0,        1.0,         1.0 / 2,      1.0 / 6,       1.0 / 24,       1.0 / 120,      1.0 / 720,
    1.0 / 5040, 1.0 / 40320, 1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600};

#if defined(__SSE2__)
inline __m128d sigmoid2(__m128d x) {
    __m128d z = _mm_sub_pd(_mm_setzero_pd(), x);
    // max(lo, z) and min(hi, z) return z when it is NaN.
    z = _mm_min_pd(_mm_set1_pd(ExpLimit), _mm_max_pd(_mm_set1_pd(-ExpLimit), z));
    const __m128d t = _mm_add_pd(_mm_mul_pd(z, _mm_set1_pd(Log2e)), _mm_set1_pd(Shifter));
    const __m128d n = _mm_sub_pd(t, _mm_set1_pd(Shifter));
    __m128d r = _mm_sub_pd(z, _mm_mul_pd(n, _mm_set1_pd(Ln2Hi)));
    r = _mm_sub_pd(r, _mm_mul_pd(n, _mm_set1_pd(Ln2Lo)));
    // Horner, written out so that the coefficients stay constants (a loop is not unrolled at -O2).
    const auto step = [&r](__m128d p, double c) {
        return _mm_add_pd(_mm_mul_pd(p, r), _mm_set1_pd(c));
    };
    __m128d p = _mm_set1_pd(InverseFactorial[12]);
    p = step(p, InverseFactorial[11]);
    p = step(p, InverseFactorial[10]);
    p = step(p, InverseFactorial[9]);
    p = step(p, InverseFactorial[8]);
    p = step(p, InverseFactorial[7]);
    p = step(p, InverseFactorial[6]);
    p = step(p, InverseFactorial[5]);
    p = step(p, InverseFactorial[4]);
    p = step(p, InverseFactorial[3]);
    p = step(p, InverseFactorial[2]);
    p = step(p, InverseFactorial[1]);
    p = step(p, InverseFactorial[0]);
    // The low bits of t hold n: (n + 1023) << 52 is the double 2^n.
    const __m128i bits =
        _mm_slli_epi64(_mm_add_epi64(_mm_castpd_si128(t), _mm_set1_epi64x(1023)), 52);
    const __m128d e = _mm_mul_pd(p, _mm_castsi128_pd(bits));
    return _mm_div_pd(_mm_set1_pd(1.0), _mm_add_pd(_mm_set1_pd(1.0), e));
}
#else
inline double sigmoid1(double x) {
    double z = 0.0 - x;
    z = -ExpLimit > z ? -ExpLimit : z;
    z = ExpLimit < z ? ExpLimit : z;
    const double t = z * Log2e + Shifter;
    const double n = t - Shifter;
    double r = z - n * Ln2Hi;
    r = r - n * Ln2Lo;
    double p = InverseFactorial[12];
    for (int k = 11; k >= 0; --k)
        p = p * r + InverseFactorial[k];
    const std::uint64_t bits = (std::bit_cast<std::uint64_t>(t) + 1023) << 52;
    return 1.0 / (1.0 + p * std::bit_cast<double>(bits));
}
#endif

#if PROSPECT_AVX2_DISPATCH
// sigmoid2()'s operations, four lanes at a time (the same bits per element).
__attribute__((target("avx2"))) __m256d horner4(__m256d p, __m256d r, double c) {
    return _mm256_add_pd(_mm256_mul_pd(p, r), _mm256_set1_pd(c));
}

__attribute__((target("avx2"))) __m256d sigmoid4(__m256d x) {
    __m256d z = _mm256_sub_pd(_mm256_setzero_pd(), x);
    z = _mm256_min_pd(_mm256_set1_pd(ExpLimit), _mm256_max_pd(_mm256_set1_pd(-ExpLimit), z));
    const __m256d t =
        _mm256_add_pd(_mm256_mul_pd(z, _mm256_set1_pd(Log2e)), _mm256_set1_pd(Shifter));
    const __m256d n = _mm256_sub_pd(t, _mm256_set1_pd(Shifter));
    __m256d r = _mm256_sub_pd(z, _mm256_mul_pd(n, _mm256_set1_pd(Ln2Hi)));
    r = _mm256_sub_pd(r, _mm256_mul_pd(n, _mm256_set1_pd(Ln2Lo)));
    __m256d p = _mm256_set1_pd(InverseFactorial[12]);
    p = horner4(p, r, InverseFactorial[11]);
    p = horner4(p, r, InverseFactorial[10]);
    p = horner4(p, r, InverseFactorial[9]);
    p = horner4(p, r, InverseFactorial[8]);
    p = horner4(p, r, InverseFactorial[7]);
    p = horner4(p, r, InverseFactorial[6]);
    p = horner4(p, r, InverseFactorial[5]);
    p = horner4(p, r, InverseFactorial[4]);
    p = horner4(p, r, InverseFactorial[3]);
    p = horner4(p, r, InverseFactorial[2]);
    p = horner4(p, r, InverseFactorial[1]);
    p = horner4(p, r, InverseFactorial[0]);
    const __m256i bits =
        _mm256_slli_epi64(_mm256_add_epi64(_mm256_castpd_si256(t), _mm256_set1_epi64x(1023)), 52);
    const __m256d e = _mm256_mul_pd(p, _mm256_castsi256_pd(bits));
    return _mm256_div_pd(_mm256_set1_pd(1.0), _mm256_add_pd(_mm256_set1_pd(1.0), e));
}

/// fastSigmoid() on the first n / 4 * 4 elements; returns how many it did.
__attribute__((target("avx2"))) Index fastSigmoidAvx2(const Scalar* x, Scalar* f, Scalar* df,
                                                      Index n) {
    Index i = 0;
    for (; i + 3 < n; i += 4) {
        const __m256d s = sigmoid4(_mm256_loadu_pd(x + i));
        _mm256_storeu_pd(f + i, s);
        if (df)
            _mm256_storeu_pd(df + i, _mm256_mul_pd(s, _mm256_sub_pd(_mm256_set1_pd(1.0), s)));
    }
    return i;
}
#endif

}  // namespace

void fastSigmoid(const Scalar* x, Scalar* f, Scalar* df, Index n) {
#if defined(__SSE2__)
    Index i = 0;
#if PROSPECT_AVX2_DISPATCH
    if (wideKernels())
        i = fastSigmoidAvx2(x, f, df, n);
#endif
    for (; i + 1 < n; i += 2) {
        const __m128d s = sigmoid2(_mm_loadu_pd(x + i));
        _mm_storeu_pd(f + i, s);
        if (df)
            _mm_storeu_pd(df + i, _mm_mul_pd(s, _mm_sub_pd(_mm_set1_pd(1.0), s)));
    }
    if (i < n) {
        // The last element alone, through the same code.
        const __m128d s = sigmoid2(_mm_set1_pd(x[i]));
        f[i] = _mm_cvtsd_f64(s);
        if (df)
            df[i] = _mm_cvtsd_f64(_mm_mul_pd(s, _mm_sub_pd(_mm_set1_pd(1.0), s)));
    }
#else
    for (Index i = 0; i < n; ++i) {
        const double s = sigmoid1(x[i]);
        f[i] = s;
        if (df)
            df[i] = s * (1.0 - s);
    }
#endif
}

void activateBatch(Activation a, const Eigen::Ref<const Matrix>& x, Eigen::Ref<Matrix> fx) {
    switch (a) {
        case Activation::Identity:
            fx = x;
            return;
        case Activation::Tanh:
            fx = x.array().tanh().matrix();
            return;
        case Activation::Sigmoid:
            for (Index j = 0; j < x.cols(); ++j)
                fastSigmoid(x.col(j).data(), fx.col(j).data(), nullptr, x.rows());
            return;
        case Activation::Relu:
            fx = x.cwiseMax(0.0);
            return;
        case Activation::LeakyRelu:
            fx = (x.array() > 0.0).select(x.array(), LeakyReluSlope * x.array()).matrix();
            return;
    }
}

void BatchTrainer::activate(Index l, Index batch) {
    // f(x^l) and f'(x^l) (f' at the pre-activation; for sigmoid and tanh from f itself).
    const Map x = view(m_x, l, batch);
    Map fx = view(m_fx, l, batch);
    Map dfx = view(m_dfx, l, batch);
    if (activation(l) == Activation::Sigmoid) {
        fastSigmoid(x.data(), fx.data(), dfx.data(), x.size());
        return;
    }
    activateBatch(activation(l), x, fx);
    switch (activation(l)) {
        case Activation::Identity:
            dfx.setOnes();
            return;
        case Activation::Sigmoid:  // done above
            return;
        case Activation::Tanh:
            dfx = 1.0 - fx.array().square();
            return;
        case Activation::Relu:
            dfx = (x.array() > 0.0).cast<Scalar>().matrix();
            return;
        case Activation::LeakyRelu:
            dfx = (x.array() > 0.0)
                      .select(Matrix::Ones(size(l), batch).array(), LeakyReluSlope)
                      .matrix();
            return;
    }
}

bool BatchTrainer::train(const Eigen::Ref<const Matrix>& input,
                         const Eigen::Ref<const Matrix>& target) {
    if (m_status != Status::Ok)
        return false;
    const Index B = input.cols();
    const Index L = depth();
    assert(B >= 1 && B <= m_maxBatch && input.rows() == size(0));
    assert(target.rows() == size(L) && target.cols() == B);

    // Feed-forward pass: mu^1 = W^1 x^0 (once per trial), x^l = mu^l = W^l f(x^{l-1}).
    Map mu1(m_mu1.data(), size(1), B);
    blockedProduct(mu1, m_w[1], input, 1.0, false);
    view(m_x, 1, B) = mu1;
    for (Index l = 1; l < L; ++l) {
        activate(l, B);
        blockedProduct(view(m_x, l + 1, B), m_w[static_cast<size_t>(l + 1)], view(m_fx, l, B), 1.0,
                       false);
    }
    // eps^L = y - mu^L; loss = 1/2 ||eps^L||^2 summed over the batch.
    Map epsL = view(m_eps, L, B);
    epsL = target - view(m_x, L, B);
    leaveOut(epsL);
    m_loss = 0.5 * epsL.squaredNorm();
    if (!std::isfinite(m_loss)) {
        fail("the loss of the feed-forward pass is not finite");
        return false;
    }
    if (m_rule == Rule::BP) {
        trainBp(input, B);
    } else if (!trainPc(input, target)) {
        return false;
    }
    ++m_trials;
    return true;
}

void BatchTrainer::trainBp(const Eigen::Ref<const Matrix>& input, Index B) {
    // delta^L = y - mu^L; delta^l = f'(x^l) (.) W^{l+1 T} delta^{l+1} (kept in the eps buffers).
    const Index L = depth();
    for (Index l = L - 1; l >= 1; --l) {
        const auto k = static_cast<size_t>(l);
        Map back = view(m_back, l, B);
        blockedProduct(back, m_w[k + 1].transpose(), view(m_eps, l + 1, B), 1.0, false);
        view(m_eps, l, B) = view(m_dfx, l, B).cwiseProduct(back);
    }
    // dW^l = alpha delta^l f(x^{l-1})^T, with f(x^0) = x^0.
    updateWeights(input, B);
}

void BatchTrainer::updateWeights(const Eigen::Ref<const Matrix>& input, Index B) {
    // W^l += alpha e^l f(x^{l-1})^T with e = eps (PC) or delta (BP), f(x^0) = x^0.
    const Scalar alpha = m_config.alpha;
    blockedProduct(m_w[1], view(m_eps, 1, B), input.transpose(), alpha, true);
    for (Index l = 2; l <= depth(); ++l)
        blockedProduct(m_w[static_cast<size_t>(l)], view(m_eps, l, B),
                       view(m_fx, l - 1, B).transpose(), alpha, true);
}

bool BatchTrainer::trainPc(const Eigen::Ref<const Matrix>& input,
                           const Eigen::Ref<const Matrix>& target) {
    const Index B = input.cols();
    const Index L = depth();
    const int T = m_config.iterations;
    const Map mu1(m_mu1.data(), size(1), B);
    // t = 0: x at the feed-forward values, so every hidden error is zero; F = the loss.
    for (Index l = 1; l < L; ++l)
        view(m_eps, l, B).setZero();
    Scalar F = m_loss;
    Scalar Fprev = std::numeric_limits<Scalar>::infinity();
    Scalar gamma = m_config.gamma0;
    for (int t = 0; t < T; ++t) {
        if (t == T - 1) {
            // Plasticity at the last iteration, from this state: dW^l = alpha eps^l f(x^{l-1})^T.
            updateWeights(input, B);
            break;
        }
        // x^l += gamma (-eps^l + f'(x^l) (.) W^{l+1 T} eps^{l+1}), all layers from this state.
        for (Index l = 1; l < L; ++l) {
            blockedProduct(view(m_back, l, B), m_w[static_cast<size_t>(l + 1)].transpose(),
                           view(m_eps, l + 1, B), 1.0, false);
        }
        for (Index l = 1; l < L; ++l)
            view(m_x, l, B).noalias() +=
                gamma * (view(m_dfx, l, B).cwiseProduct(view(m_back, l, B)) - view(m_eps, l, B));
        // Adaptive step: shrink gamma whenever the energy did not decrease.
        if (t >= 1 && !(F < Fprev))
            gamma *= m_config.discount;
        Fprev = F;
        // Errors and energy at the new state: eps^l = x^l - W^l f(x^{l-1}), eps^L = y - mu^L,
        // F = sum_l 1/2 ||eps^l||^2 (mu^1 = W^1 x^0 is fixed within the trial).
        F = 0.0;
        for (Index l = 1; l <= L; ++l) {
            Map eps = view(m_eps, l, B);
            if (l > 1)
                activate(l - 1, B);
            if (l == L && l == 1) {
                eps = target - mu1;
            } else if (l == 1) {
                eps = view(m_x, 1, B) - mu1;
            } else {
                if (l == L)
                    eps = target;
                else
                    eps = view(m_x, l, B);
                blockedProduct(eps, m_w[static_cast<size_t>(l)], view(m_fx, l - 1, B), -1.0, true);
            }
            if (l == L)
                leaveOut(eps);
            F += 0.5 * eps.squaredNorm();
        }
        if (!std::isfinite(F)) {
            fail("the energy is not finite at inference iteration " + std::to_string(t + 1));
            return false;
        }
    }
    return true;
}

}  // namespace engine
