#include "engine/experiments/datatraining.h"

#include "engine/report/format.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "engine/core/blockedproduct.h"
#include "engine/experiments/learningsummaries.h"

namespace engine::experiments {

std::uint64_t dataSeed(int seed, std::uint64_t stream) {
    // SplitMix64 of the seed and the stream: independent, well-mixed 64-bit seeds.
    std::uint64_t z = static_cast<std::uint64_t>(seed) * 0x9E3779B97F4A7C15ULL +
                      (stream + 1) * 0xD1B54A32D192ED03ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::vector<int> allClasses() {
    std::vector<int> classes(data::ClassCount);
    for (int c = 0; c < data::ClassCount; ++c)
        classes[static_cast<size_t>(c)] = c;
    return classes;
}

LabelledSet drawPerClass(const data::ImageSet& set, int perClass, const std::vector<int>& classes,
                         const std::vector<int>& units, Random& rng) {
    std::vector<std::vector<Index>> byClass(data::ClassCount);
    for (Index i = 0; i < set.size(); ++i)
        byClass[static_cast<size_t>(set.label(i))].push_back(i);
    LabelledSet out;
    for (int c : classes) {
        std::vector<Index>& pool = byClass[static_cast<size_t>(c)];
        const Index n = static_cast<Index>(pool.size());
        const Index take = perClass <= 0 ? n : std::min<Index>(perClass, n);
        // Partial Fisher-Yates: the first `take` entries are a uniform sample without replacement.
        for (Index k = 0; k < take; ++k) {
            const auto j = k + static_cast<Index>(rng.below(static_cast<std::uint64_t>(n - k)));
            std::swap(pool[static_cast<size_t>(k)], pool[static_cast<size_t>(j)]);
            out.images.push_back(pool[static_cast<size_t>(k)]);
            out.units.push_back(units.empty() ? c : units[static_cast<size_t>(c)]);
        }
    }
    return out;
}

void shuffle(std::vector<Index>& order, Random& rng) {
    for (size_t k = order.size(); k > 1; --k) {
        const auto j = static_cast<size_t>(rng.below(k));
        std::swap(order[k - 1], order[j]);
    }
}

std::vector<Index> identityOrder(Index n) {
    std::vector<Index> order(static_cast<size_t>(n));
    for (Index k = 0; k < n; ++k)
        order[static_cast<size_t>(k)] = k;
    return order;
}

BatchBuffers::BatchBuffers(Index inputs, Index outputs, Index maxBatch)
    : m_input(Matrix::Zero(inputs, maxBatch)), m_target(Matrix::Zero(outputs, maxBatch)) {}

void BatchBuffers::fill(const data::ImageSet& images, const LabelledSet& set,
                        const std::vector<Index>& order, Index start, Index count) {
    assert(count <= m_input.cols());
    const Index pixels = images.imageSize();
    assert(pixels == m_input.rows());
    for (Index k = 0; k < count; ++k) {
        const auto at = static_cast<size_t>(order[static_cast<size_t>(start + k)]);
        const float* image = images.image(set.images[at]);
        for (Index p = 0; p < pixels; ++p)
            m_input(p, k) = static_cast<Scalar>(image[p]);
        m_target.col(k).setZero();
        m_target(set.units[at], k) = 1.0;
    }
}

namespace {
constexpr Index EvaluationChunk = 256;  // test images per feed-forward pass
}

Evaluator::Evaluator(const BatchTrainer& trainer) {
    for (Index l = 0; l <= trainer.depth(); ++l)
        m_layers.push_back(Matrix::Zero(trainer.size(l), EvaluationChunk));
}

const Matrix& Evaluator::forward(const BatchTrainer& trainer, const data::ImageSet& images,
                                 const std::vector<Index>& indices, Index start, Index count) {
    const Index L = trainer.depth();
    const Index pixels = images.imageSize();
    assert(pixels == m_layers[0].rows() && count <= EvaluationChunk);
    Matrix& x0 = m_layers[0];
    for (Index k = 0; k < count; ++k) {
        const float* image = images.image(indices[static_cast<size_t>(start + k)]);
        for (Index p = 0; p < pixels; ++p)
            x0(p, k) = static_cast<Scalar>(image[p]);
    }
    // Feed-forward: mu^l = W^l f(x^{l-1}), f applied in place to hidden layers.
    for (Index l = 1; l <= L; ++l) {
        auto out = m_layers[static_cast<size_t>(l)].leftCols(count);
        blockedProduct(out, trainer.weight(l), m_layers[static_cast<size_t>(l - 1)].leftCols(count),
                       1.0, false);
        if (l < L)
            activateBatch(trainer.activation(l), out, out);
    }
    return m_layers[static_cast<size_t>(L)];
}

namespace {

/// The first largest output of column k.
int predictedUnit(const Matrix& y, Index k) {
    Index best = 0;
    for (Index i = 1; i < y.rows(); ++i)
        if (y(i, k) > y(best, k))
            best = i;
    return static_cast<int>(best);
}

}  // namespace

Scalar Evaluator::error(const BatchTrainer& trainer, const data::ImageSet& images,
                        const LabelledSet& set, Confusion* confusion) {
    const int units = static_cast<int>(trainer.size(trainer.depth()));
    if (confusion) {
        confusion->units = units;
        confusion->counts.assign(static_cast<size_t>(units * units), 0);
    }
    if (set.size() == 0)
        return std::numeric_limits<Scalar>::quiet_NaN();
    Index wrong = 0;
    for (Index start = 0; start < set.size(); start += EvaluationChunk) {
        const Index count = std::min(EvaluationChunk, set.size() - start);
        const Matrix& y = forward(trainer, images, set.images, start, count);
        for (Index k = 0; k < count; ++k) {
            const int target = set.units[static_cast<size_t>(start + k)];
            const int predicted = predictedUnit(y, k);
            if (predicted != target)
                ++wrong;
            if (confusion)
                ++confusion->counts[static_cast<size_t>(target * units + predicted)];
        }
    }
    return static_cast<Scalar>(wrong) / static_cast<Scalar>(set.size());
}

std::vector<int> Evaluator::predict(const BatchTrainer& trainer, const data::ImageSet& images,
                                    const std::vector<Index>& indices) {
    std::vector<int> out;
    const Index n = static_cast<Index>(indices.size());
    for (Index start = 0; start < n; start += EvaluationChunk) {
        const Index count = std::min(EvaluationChunk, n - start);
        const Matrix& y = forward(trainer, images, indices, start, count);
        for (Index k = 0; k < count; ++k)
            out.push_back(predictedUnit(y, k));
    }
    return out;
}

std::string describeCell(const DataCell& cell, const char* settingName) {
    std::string s = std::string(ruleName(cell.rule)) + ", alpha " +
                    report::formatNumber(cell.alpha) + ", seed " + std::to_string(cell.seed);
    if (settingName && *settingName)
        s += ", " + std::string(settingName) + " " + std::to_string(cell.setting);
    return s;
}

CellRun::CellRun(const DataCell& cell, const char* settingName, const Network& net,
                 const PcConfig& pc, Index maxBatch, int tasks, const DataHooks& hooks)
    : m_cell(cell),
      m_label(describeCell(cell, settingName)),
      m_trainer(cell.rule, net, PcConfig{cell.alpha, pc.iterations, pc.gamma0, pc.discount},
                maxBatch),
      m_buffers(net.size(0), net.size(net.depth()), maxBatch),
      m_evaluator(m_trainer),
      m_hooks(hooks) {
    m_result.errors.assign(static_cast<size_t>(tasks), {});
}

void CellRun::diverge(const std::string& why) {
    if (m_result.diverged)
        return;
    m_result.diverged = true;
    m_result.problem = m_label + ": diverged in epoch " + std::to_string(m_epoch + 1) + ": " + why;
    // Every task's row ends with NaN at this epoch.
    for (std::vector<Scalar>& row : m_result.errors)
        if (static_cast<int>(row.size()) <= m_epoch)
            row.push_back(std::numeric_limits<Scalar>::quiet_NaN());
        else
            row[static_cast<size_t>(m_epoch)] = std::numeric_limits<Scalar>::quiet_NaN();
}

bool CellRun::train(const data::ImageSet& images, const LabelledSet& set,
                    const std::vector<Index>& order, Index count, Index batch) {
    for (Index start = 0; start < count; start += batch) {
        if (m_hooks.cancelled()) {
            m_result.cancelled = true;
            return false;
        }
        const Index b = std::min(batch, count - start);
        m_buffers.fill(images, set, order, start, b);
        if (!m_trainer.train(m_buffers.input(b), m_buffers.target(b))) {
            diverge(m_trainer.problem());
            return false;
        }
    }
    return true;
}

void CellRun::test(int task, const data::ImageSet& images, const LabelledSet& set) {
    if (m_result.diverged)
        return;
    if (!m_trainer.weightsFinite()) {
        diverge("a weight is no longer finite");
        return;
    }
    if (m_result.confusion.size() < m_result.errors.size())
        m_result.confusion.resize(m_result.errors.size());
    m_result.errors[static_cast<size_t>(task)].push_back(
        m_evaluator.error(m_trainer, images, set, &m_result.confusion[static_cast<size_t>(task)]));
}

bool CellRun::endEpoch() {
    if (m_result.cancelled)
        return false;
    if (m_hooks.onEpoch)
        m_hooks.onEpoch(m_result);
    if (m_hooks.onTrained && !m_result.diverged)
        m_hooks.onTrained(m_trainer);
    ++m_epoch;
    return !m_result.diverged;
}

}  // namespace engine::experiments
