#include "ui/views/synapseplan.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace ui {

namespace {

int presentSynapses(const engine::NetworkSpec& spec) {
    int n = 0;
    for (engine::Index l = 1; l <= spec.depth(); ++l) {
        const engine::Matrix& mask = spec.weight(l).mask;
        n += mask.size() != 0 ? int(mask.sum())
                              : int(spec.sizes[size_t(l)] * spec.sizes[size_t(l - 1)]);
    }
    return n;
}

/// Very dense layers show only their strongest synapses (a hairball of thousands of lines is
/// unreadable and slow): the share of MaxDrawnSynapses this layer is due. Returns the smallest
/// |w| drawn (-1: all of them).
double strongestThreshold(const engine::Matrix& w, int total) {
    const long count = long(w.size());
    if (total <= SynapsePlan::MaxDrawnSynapses)
        return -1.0;
    const long keep =
        std::max(1L, long(double(SynapsePlan::MaxDrawnSynapses) * double(count) / total));
    if (keep >= count)
        return -1.0;
    std::vector<double> magnitudes(static_cast<size_t>(count));
    for (long k = 0; k < count; ++k)
        magnitudes[size_t(k)] = std::abs(w(k));
    std::nth_element(magnitudes.begin(), magnitudes.begin() + (count - keep), magnitudes.end());
    return magnitudes[size_t(count - keep)];
}

/// Whether W^layer[post, pre] belongs to the selection (the synapse, or one of the neuron's).
bool involved(const Selection& selection, int layer, int post, int pre) {
    if (selection.synapse)
        return *selection.synapse == SynapseId{layer, post, pre};
    if (selection.neuron) {
        const NeuronId n = *selection.neuron;
        return (n.layer == layer && n.index == post) || (n.layer == layer - 1 && n.index == pre);
    }
    return false;
}

}  // namespace

SynapsePlan planSynapses(const engine::NetworkSpec& spec,
                         const std::vector<engine::Matrix>& weights, const NetworkLayout& layout,
                         const Selection& selection, double weightRange) {
    SynapsePlan plan;
    plan.total = presentSynapses(spec);
    plan.dense = plan.total > SynapsePlan::DenseSynapses;
    // Bucket key: level << 2 | negative | fixed << 1, in drawing order.
    std::map<int, SynapsePlan::Bucket> buckets;
    for (int l = 1; l <= int(spec.depth()); ++l) {
        const engine::Matrix& w = weights[size_t(l)];
        const engine::WeightLayerSpec& ws = spec.weight(l);
        const double threshold = plan.dense ? strongestThreshold(w, plan.total) : -1.0;
        for (int i = 0; i < int(spec.sizes[size_t(l)]); ++i)
            for (int j = 0; j < int(spec.sizes[size_t(l - 1)]); ++j) {
                if (ws.mask.size() != 0 && ws.mask(i, j) == 0.0)
                    continue;  // absent synapse
                const double v = w(i, j);
                const bool hit = involved(selection, l, i, j);
                if (!hit && std::abs(v) < threshold)
                    continue;
                ++plan.drawn;
                const SynapsePlan::Line line{QLineF(layout.centre(l - 1, j), layout.centre(l, i)),
                                             v, !ws.trainable};
                if (hit) {
                    plan.highlighted.push_back(line);
                    continue;
                }
                if (line.fixed)
                    plan.fixedMarks.push_back(line.line);
                if (!plan.dense) {
                    plan.lines.push_back(line);
                    continue;
                }
                const int level =
                    std::isfinite(v)
                        ? std::clamp(
                              int(std::lround(std::abs(v) / weightRange * SynapsePlan::Levels)), 0,
                              SynapsePlan::Levels)
                        : SynapsePlan::Levels;
                SynapsePlan::Bucket& b =
                    buckets[(level << 2) | (v < 0 ? 1 : 0) | (line.fixed ? 2 : 0)];
                b.level = level;
                b.negative = v < 0;
                b.fixed = line.fixed;
                b.lines.push_back(line.line);
            }
    }
    for (auto& [key, bucket] : buckets)
        plan.buckets.push_back(std::move(bucket));
    return plan;
}

std::vector<SynapseChange> synapseChanges(const engine::Snapshot& s,
                                          const engine::NetworkSpec& spec,
                                          const NetworkLayout& layout) {
    std::vector<SynapseChange> changes;
    if (s.phase != engine::Phase::Update || layout.layerCount() != int(spec.sizes.size()))
        return changes;
    for (int l = 1; l <= int(spec.depth()) && size_t(l) < s.weightChange.size(); ++l) {
        const engine::Matrix& dw = s.weightChange[size_t(l)];
        const engine::Matrix& mask = spec.weight(l).mask;
        for (int i = 0; i < int(dw.rows()); ++i)
            for (int j = 0; j < int(dw.cols()); ++j) {
                const bool absent = mask.size() != 0 && mask(i, j) == 0.0;
                if (absent || !(std::abs(dw(i, j)) > 1e-12))
                    continue;
                changes.push_back({SynapseId{l, i, j},
                                   QLineF(layout.centre(l - 1, j), layout.centre(l, i)), dw(i, j)});
            }
    }
    std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) {
        return std::abs(a.delta) > std::abs(b.delta);
    });
    if (changes.size() > size_t(MaxFlashedChanges))
        changes.resize(size_t(MaxFlashedChanges));
    return changes;
}

}  // namespace ui
