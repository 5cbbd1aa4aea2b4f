#include "engine/experiments/datasummary.h"

#include "engine/report/format.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace engine::experiments {

namespace {
constexpr Scalar NaN = std::numeric_limits<Scalar>::quiet_NaN();
}

Scalar DataMetric::of(const DataCellResult& result) const {
    if (result.diverged || result.cancelled || result.epochs() == 0)
        return NaN;
    const int n = epochs > 0 ? std::min(epochs, result.epochs()) : result.epochs();
    Scalar mean = 0.0, lowest = std::numeric_limits<Scalar>::infinity();
    for (int e = 0; e < n; ++e) {
        // This epoch's error averaged over the tasks.
        Scalar sum = 0.0;
        for (const std::vector<Scalar>& task : result.errors)
            sum += task[static_cast<size_t>(e)];
        const Scalar v = sum / static_cast<Scalar>(result.errors.size());
        mean += v;
        lowest = std::min(lowest, v);
    }
    return kind == Kind::MeanOverEpochs ? mean / n : lowest;
}

std::string DataMetric::name() const {
    return kind == Kind::LowestOverEpochs ? "lowest test error" : "mean test error";
}

std::string DataMetric::describe(const char* epochWord) const {
    const std::string word = epochWord;
    if (kind == Kind::MeanOverEpochs && epochs > 0)
        return name() + " over the first " + std::to_string(epochs) + " " + word + "s";
    return name() + " over the " + word + "s";
}

std::vector<DataCell> shardCells(const std::vector<DataCell>& cells, int index, int count) {
    assert(count >= 1 && index >= 0 && index < count);
    std::vector<DataCell> shard;
    for (size_t k = static_cast<size_t>(index); k < cells.size(); k += static_cast<size_t>(count))
        shard.push_back(cells[k]);
    return shard;
}

const DataSummary::Row* DataSummary::row(Rule rule, int setting) const {
    for (const Row& r : rows)
        if (r.rule == rule && r.setting == setting)
            return &r;
    return nullptr;
}

DataSummary summariseData(const DataMetric& metric, const std::vector<DataCell>& cells,
                          const std::vector<DataCellResult>& results) {
    assert(cells.size() == results.size());
    // Rows keyed by (rule order, setting); rates in the order they first appear.
    struct Building {
        std::vector<Scalar> alphas;
        std::map<Scalar, std::vector<std::pair<int, Scalar>>> scores;  // alpha -> (seed, score)
        std::map<Scalar, int> diverged;
    };
    std::map<std::pair<int, int>, Building> building;
    DataSummary s;
    for (size_t k = 0; k < cells.size(); ++k) {
        const DataCell& c = cells[k];
        const DataCellResult& r = results[k];
        if (r.cancelled)
            continue;
        Building& b = building[{c.rule == Rule::BP ? 0 : 1, c.setting}];
        if (std::find(b.alphas.begin(), b.alphas.end(), c.alpha) == b.alphas.end())
            b.alphas.push_back(c.alpha);
        b.scores[c.alpha].push_back({c.seed, metric.of(r)});
        if (r.diverged) {
            ++b.diverged[c.alpha];
            s.problems.push_back(r.problem);
        }
    }
    for (auto& [key, b] : building) {
        DataSummary::Row row;
        row.rule = key.first == 0 ? Rule::BP : Rule::PC;
        row.setting = key.second;
        Scalar bestMean = std::numeric_limits<Scalar>::infinity();
        for (Scalar alpha : b.alphas) {
            DataSummary::Rate rate;
            rate.alpha = alpha;
            std::vector<std::pair<int, Scalar>> seeds = b.scores[alpha];
            std::sort(seeds.begin(), seeds.end());
            for (const auto& [seed, score] : seeds)
                rate.scores.push_back(score);
            rate.stats = seedStats(rate.scores);
            rate.diverged = b.diverged[alpha];
            if (rate.diverged == 0 && rate.stats.n > 0 && rate.stats.mean < bestMean) {
                bestMean = rate.stats.mean;
                row.best = static_cast<int>(row.rates.size());
            }
            row.rates.push_back(std::move(rate));
        }
        s.rows.push_back(std::move(row));
    }
    return s;
}

report::TextTable dataCsv(const std::vector<DataCell>& cells,
                          const std::vector<DataCellResult>& results, bool withTask) {
    assert(cells.size() == results.size());
    report::TextTable t;
    t.header = {"rule", "setting", "alpha", "seed", "epoch", "test_error"};
    if (withTask)
        t.header.push_back("task");
    for (size_t k = 0; k < cells.size(); ++k) {
        const DataCell& c = cells[k];
        const DataCellResult& r = results[k];
        if (r.cancelled)
            continue;
        for (int e = 0; e < r.epochs(); ++e)
            for (size_t task = 0; task < r.errors.size(); ++task) {
                std::vector<std::string> row = {
                    ruleName(c.rule),
                    std::to_string(c.setting),
                    report::formatNumber(c.alpha),
                    std::to_string(c.seed),
                    std::to_string(e + 1),
                    report::formatNumber(r.errors[task][static_cast<size_t>(e)])};
                if (withTask)
                    row.push_back(task == 0 ? "A" : "B");
                t.rows.push_back(std::move(row));
            }
    }
    return t;
}

}  // namespace engine::experiments
