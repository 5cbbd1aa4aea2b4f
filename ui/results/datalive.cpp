#include "ui/results/datalive.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/experiments/dataoptions.h"

namespace ui {

namespace ex = engine::experiments;

namespace {

/// The continual plan's configuration (the protocol's when the plan does not name one).
ex::ContinualConfiguration continualConfiguration(const ex::DataPlan& plan) {
    ex::ContinualConfiguration c = ex::ContinualConfiguration::Protocol;
    (void)ex::readContinualConfiguration(plan.option("configuration"), c);
    return c;
}

}  // namespace

void LiveGrid::setErrors(std::size_t cell, const std::vector<std::vector<double>>& errors) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_cells[cell].errors = errors;
    ++m_version;
}

void LiveGrid::setPredictions(std::size_t cell, std::vector<int> units) {
    std::lock_guard<std::mutex> lock(m_mutex);
    Cell& c = m_cells[cell];
    c.predicted = std::move(units);
    c.predictedEpoch = c.errors.empty() ? 0 : static_cast<int>(c.errors.front().size());
    ++m_version;
}

void LiveGrid::setDone(std::size_t cell) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_cells[cell].done = true;
    ++m_version;
}

std::vector<LiveGrid::Cell> LiveGrid::snapshot() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_cells;
}

std::uint64_t LiveGrid::version() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_version;
}

QString shortClassName(int c) {
    static const char* const names[] = {"T-shirt", "Trouser", "Pullover", "Dress", "Coat",
                                        "Sandal",  "Shirt",   "Sneaker",  "Bag",   "Boot"};
    if (c < 0 || c >= engine::data::ClassCount)
        return QStringLiteral("none");
    return QString::fromLatin1(names[c]);
}

std::vector<engine::Index> stripImages(const ex::DataPlan& plan,
                                       const engine::data::Dataset& data) {
    std::vector<int> classes = ex::allClasses();
    if (plan.protocol == ex::DataProtocol::Continual && !plan.cells.empty()) {
        const ex::ContinualTasks tasks =
            ex::continualTasks(plan.cells.front().seed, continualConfiguration(plan));
        classes = tasks.classes[0];
        classes.insert(classes.end(), tasks.classes[1].begin(), tasks.classes[1].end());
    }
    std::vector<engine::Index> images;
    for (int c : classes)
        for (engine::Index i = 0; i < data.test.size(); ++i)
            if (data.test.label(i) == c) {
                images.push_back(i);
                break;
            }
    return images;
}

int predictedClass(const ex::DataPlan& plan, const ex::DataCell& cell, int epoch, int trueClass,
                   int unit) {
    if (plan.protocol == ex::DataProtocol::Continual) {
        // The unit stands for a class of the image's own task: its position in the task (the
        // protocol), or (the authors' configuration) the class itself when they share the unit,
        // else the first class of the task on it, else none (-1).
        const ex::ContinualTasks tasks =
            ex::continualTasks(cell.seed, continualConfiguration(plan));
        if (tasks.units[static_cast<size_t>(trueClass)] == unit)
            return trueClass;
        const std::vector<int>& own =
            tasks.classes[std::count(tasks.classes[0].begin(), tasks.classes[0].end(), trueClass)
                              ? 0
                              : 1];
        for (int c : own)
            if (tasks.units[static_cast<size_t>(c)] == unit)
                return c;
        return -1;
    }
    if (plan.protocol == ex::DataProtocol::Drift && plan.driftPeriod > 0) {
        // The unit is a label; in this period it stands for the class mapped to it.
        const std::vector<int> mapping =
            ex::driftMapping(cell.seed, std::max(0, epoch - 1) / plan.driftPeriod);
        const auto it = std::find(mapping.begin(), mapping.end(), unit);
        return it == mapping.end() ? unit : static_cast<int>(it - mapping.begin());
    }
    return unit;
}

std::vector<std::int64_t> classConfusion(const ex::DataPlan& plan, const ex::DataCell& cell,
                                         const ex::DataCellResult& result) {
    constexpr int N = engine::data::ClassCount;
    if (result.confusion.empty())
        return {};
    // The authors' continual units do not each name one class of a task: no class confusion.
    if (plan.protocol == ex::DataProtocol::Continual &&
        continualConfiguration(plan) == ex::ContinualConfiguration::Authors)
        return {};
    const int epoch = result.epochs();
    std::vector<std::int64_t> out(N * N, plan.protocol == ex::DataProtocol::Continual ? -1 : 0);
    const std::vector<int> order = plan.protocol == ex::DataProtocol::Continual
                                       ? ex::continualClassOrder(cell.seed)
                                       : ex::allClasses();
    for (std::size_t task = 0; task < result.confusion.size(); ++task) {
        const engine::experiments::Confusion& c = result.confusion[task];
        for (int target = 0; target < c.units; ++target) {
            // The true class of a target unit: its position in the task (continual), the class
            // whose label it is (drift), or itself.
            const int offset = static_cast<int>(task) * c.units;
            const int trueClass = plan.protocol == ex::DataProtocol::Continual
                                      ? order[static_cast<size_t>(offset + target)]
                                      : predictedClass(plan, cell, epoch, target, target);
            for (int unit = 0; unit < c.units; ++unit) {
                const int predicted = predictedClass(plan, cell, epoch, trueClass, unit);
                std::int64_t& slot = out[static_cast<size_t>(trueClass * N + predicted)];
                slot = std::max<std::int64_t>(slot, 0) + c.at(target, unit);
            }
        }
    }
    return out;
}

std::vector<std::size_t> cellsAt(const ex::DataPlan& plan, int setting) {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < plan.cells.size(); ++k)
        if (plan.cells[k].setting == setting)
            out.push_back(k);
    return out;
}

int bestLiveCell(const ex::DataPlan& plan, const std::vector<LiveGrid::Cell>& cells,
                 const std::vector<std::size_t>& candidates, engine::Rule rule) {
    int best = -1;
    double bestError = std::numeric_limits<double>::infinity();
    for (std::size_t k : candidates) {
        if (plan.cells[k].rule != rule || cells[k].errors.empty() || cells[k].errors[0].empty() ||
            cells[k].predicted.empty())
            continue;
        double sum = 0.0;
        for (const std::vector<double>& task : cells[k].errors)
            sum += task.back();
        const double error = sum / static_cast<double>(cells[k].errors.size());
        if (std::isfinite(error) && error < bestError) {
            bestError = error;
            best = static_cast<int>(k);
        }
    }
    return best;
}

std::vector<std::vector<double>> meanCurve(const ex::DataPlan& plan,
                                           const std::vector<ex::DataCellResult>& results,
                                           engine::Rule rule, int setting, double alpha) {
    std::vector<std::vector<double>> sum, count;
    for (std::size_t k = 0; k < plan.cells.size() && k < results.size(); ++k) {
        const ex::DataCell& c = plan.cells[k];
        if (c.rule != rule || c.setting != setting || c.alpha != alpha || results[k].cancelled)
            continue;
        const auto& errors = results[k].errors;
        sum.resize(errors.size());
        count.resize(errors.size());
        for (std::size_t t = 0; t < errors.size(); ++t)
            for (std::size_t e = 0; e < errors[t].size(); ++e) {
                if (sum[t].size() <= e) {
                    sum[t].resize(e + 1, 0.0);
                    count[t].resize(e + 1, 0.0);
                }
                if (std::isfinite(errors[t][e])) {
                    sum[t][e] += errors[t][e];
                    count[t][e] += 1.0;
                }
            }
    }
    for (std::size_t t = 0; t < sum.size(); ++t)
        for (std::size_t e = 0; e < sum[t].size(); ++e)
            sum[t][e] = count[t][e] > 0 ? sum[t][e] / count[t][e]
                                        : std::numeric_limits<double>::quiet_NaN();
    return sum;
}

}  // namespace ui
