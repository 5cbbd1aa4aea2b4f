#include "engine/experiments/dataprotocolhelpers.h"

#include "engine/report/format.h"

#include <cmath>

#include "engine/experiments/learningsummaries.h"

namespace engine::experiments {

void Problems::count(const std::string& name, int value, int lo, int hi) {
    if (value < lo || value > hi)
        list.push_back(name + " must be between " + std::to_string(lo) + " and " +
                       std::to_string(hi) + " (got " + std::to_string(value) + ")");
}

void Problems::intList(const std::string& name, const std::vector<int>& values, int lo, int hi) {
    if (values.empty())
        list.push_back(name + ": at least one value is needed");
    for (size_t i = 0; i < values.size(); ++i) {
        count(name, values[i], lo, hi);
        for (size_t j = 0; j < i; ++j)
            if (values[i] == values[j]) {
                list.push_back(name + ": " + std::to_string(values[i]) + " is listed twice");
                break;
            }
    }
}

void Problems::rates(const std::string& name, const std::vector<Scalar>& values) {
    if (values.empty())
        list.push_back(name + ": at least one learning rate is needed");
    for (size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]) || values[i] <= 0.0)
            list.push_back(name + ": learning rates must be finite and > 0 (got " +
                           report::formatNumber(values[i]) + ")");
        for (size_t j = 0; j < i; ++j)
            if (values[i] == values[j]) {
                list.push_back(name + ": " + report::formatNumber(values[i]) + " is listed twice");
                break;
            }
    }
}

void Problems::pc(const PcConfig& config) {
    for (const std::string& p : config.validate())
        list.push_back("PC: " + p);
}

std::vector<DataCell> gridCells(const std::vector<int>& settings,
                                const std::function<std::vector<Scalar>(int)>& alphas, int seeds) {
    std::vector<DataCell> cells;
    for (Rule rule : LearningRules)
        for (int setting : settings)
            for (Scalar alpha : alphas(setting))
                for (int seed = 0; seed < seeds; ++seed)
                    cells.push_back({rule, setting, alpha, seed});
    return cells;
}

Network sigmoidNetwork(std::vector<Index> sizes, Initialiser init, int seed) {
    return Network(NetworkSpec::layered(std::move(sizes), Activation::Sigmoid, init),
                   dataSeed(seed, StreamInit));
}

bool trainEpoch(BatchTrainer& trainer, BatchBuffers& buffers, const data::ImageSet& images,
                const LabelledSet& set, const std::vector<Index>& order, Index batch,
                const DataHooks& hooks, std::string* problem) {
    for (Index start = 0; start < set.size(); start += batch) {
        if (hooks.cancelled())
            return false;
        const Index b = std::min(batch, set.size() - start);
        buffers.fill(images, set, order, start, b);
        if (!trainer.train(buffers.input(b), buffers.target(b))) {
            if (problem)
                *problem = trainer.problem();
            return false;
        }
    }
    return true;
}

}  // namespace engine::experiments
