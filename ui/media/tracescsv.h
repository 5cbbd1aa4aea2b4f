#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/media/recording.h"
#include "ui/simulation/frame.h"

namespace ui {

/// The rows of tracesCsv() (export.h), written as the trials come: a trial's rows go to the
/// sink once a later trial has started, so a run of any length holds one or two trials. Fed
/// either a whole History (tracesCsv()) or a run's frames one by one (`prospect export --csv`);
/// both give the same text.
class TracesCsvWriter {
public:
    /// Receives the text in pieces, the header first.
    using Sink = std::function<void(std::string_view)>;
    TracesCsvWriter(const RunLook& look, Sink sink);

    /// A finished trial's record (a later record of the same trial replaces it).
    void addRecord(const TrialRecord& record);
    /// A frame's PC energy trace: the longest one of each trial is written.
    void addEnergy(const FramePtr& frame);
    /// A frame of a run in order: its new trial records and its energy trace; then every trial
    /// before the frame's PC trial is written.
    void addFrame(const FramePtr& frame);
    /// Writes every trial still held, in order.
    void finish();
    /// Data rows written so far.
    std::int64_t rows() const { return m_rows; }
    /// Trials received but not written yet.
    std::size_t heldTrials() const { return m_pending.size(); }

private:
    struct Pending {
        std::optional<TrialRecord> record;
        FramePtr energy;
    };
    void writeBefore(std::int64_t trial);
    void writeTrial(std::int64_t trial, const Pending& pending);
    void row(const char* rule, std::int64_t trial, const std::string& iteration,
             const std::string& quantity, double value);

    Sink m_sink;
    std::vector<std::string> m_weightNames;
    std::map<std::int64_t, Pending> m_pending;
    std::string m_text;  // the rows of the trial being written
    std::int64_t m_rows = 0;
};

}  // namespace ui
