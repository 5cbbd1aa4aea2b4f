#include "ui/media/tracescsv.h"

#include <array>
#include <charconv>
#include <cmath>

namespace ui {

namespace {

std::string number(double v) {
    if (std::isnan(v))
        return "NA";
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
    return std::string(buffer.data(), result.ptr);
}

}  // namespace

TracesCsvWriter::TracesCsvWriter(const RunLook& look, Sink sink) : m_sink(std::move(sink)) {
    for (const auto& [l, i, j] : trackedSynapses(*look.initial))
        m_weightNames.push_back("w" + std::to_string(l) + "_" + std::to_string(i) + "_" +
                                std::to_string(j));
    m_sink("rule,trial,iteration,quantity,value\n");
}

void TracesCsvWriter::addRecord(const TrialRecord& record) {
    m_pending[record.trial].record = record;
}

void TracesCsvWriter::addEnergy(const FramePtr& frame) {
    if (frame->pc->trial < 1 || frame->pc->energyTrace.rows() == 0)
        return;
    FramePtr& best = m_pending[frame->pc->trial].energy;
    if (!best || frame->pc->energyTrace.rows() >= best->pc->energyTrace.rows())
        best = frame;
}

void TracesCsvWriter::addFrame(const FramePtr& frame) {
    for (const TrialRecord& r : frame->newTrials)
        addRecord(r);
    addEnergy(frame);
    // A run's frames come in trial order: nothing of an earlier trial follows.
    writeBefore(frame->pc->trial);
}

void TracesCsvWriter::finish() {
    for (const auto& [trial, pending] : m_pending)
        writeTrial(trial, pending);
    m_pending.clear();
}

void TracesCsvWriter::writeBefore(std::int64_t trial) {
    auto end = m_pending.lower_bound(trial);
    for (auto it = m_pending.begin(); it != end; ++it)
        writeTrial(it->first, it->second);
    m_pending.erase(m_pending.begin(), end);
}

void TracesCsvWriter::row(const char* rule, std::int64_t trial, const std::string& iteration,
                          const std::string& quantity, double value) {
    m_text += rule;
    m_text +=
        ',' + std::to_string(trial) + ',' + iteration + ',' + quantity + ',' + number(value) + '\n';
    ++m_rows;
}

void TracesCsvWriter::writeTrial(std::int64_t trial, const Pending& pending) {
    m_text.clear();
    if (pending.record) {
        const TrialRecord& r = *pending.record;
        for (int rule = 0; rule < 2; ++rule) {
            const char* name = rule == 0 ? "BP" : "PC";
            row(name, trial, "", "loss", r.loss[rule]);
            for (std::size_t i = 0; i < r.output[rule].size(); ++i)
                row(name, trial, "", "output_" + std::to_string(i), r.output[rule][i]);
            for (std::size_t i = 0; i < r.target.size(); ++i)
                if (!std::isnan(r.target[i]))
                    row(name, trial, "", "target_" + std::to_string(i), r.target[i]);
            for (std::size_t w = 0; w < r.weights[rule].size() && w < m_weightNames.size(); ++w)
                row(name, trial, "", m_weightNames[w], r.weights[rule][w]);
            row(name, trial, "", "target_alignment", r.alignment[rule]);
        }
    }
    if (pending.energy) {
        const engine::Matrix& trace = pending.energy->pc->energyTrace;
        for (engine::Index k = 0; k < trace.rows(); ++k)
            for (engine::Index c = 0; c < trace.cols(); ++c)
                row("PC", trial, std::to_string(k),
                    c == 0 ? std::string("energy_total") : "energy_" + std::to_string(c),
                    trace(k, c));
    }
    if (!m_text.empty())
        m_sink(m_text);
}

}  // namespace ui
