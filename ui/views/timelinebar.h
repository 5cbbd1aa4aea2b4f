#pragma once

#include <QWidget>
#include <cstdint>
#include <vector>

class QSlider;
class QLabel;
class QToolButton;
class QPushButton;

namespace ui {

class ElidedLabel;
class SimulationController;

/// The timeline: a slider over the recorded micro-steps between VCR buttons (first, back 10,
/// back one | forward one, forward 10, live), the step on show, and "Resume from here", which
/// continues (branches) the run from the shown frame. The slider is linear in PC's micro-step
/// count (a position shows the newest recorded frame at or before its step, so fast play, which
/// records fewer frames per step, does not squeeze time); live edits are marked on it.
class TimelineBar : public QWidget {
    Q_OBJECT
public:
    explicit TimelineBar(SimulationController* controller, QWidget* parent = nullptr);

    /// Follows the controller's history and shown frame.
    void refresh();
    QSlider* slider() const { return m_slider; }
    QPushButton* resumeButton() const { return m_resume; }
    /// The micro-step a slider position stands for.
    std::int64_t stepAt(int value) const { return m_firstStep + std::int64_t(value) * m_scale; }
    /// The slider position of a micro-step.
    int valueAt(std::int64_t step) const { return int((step - m_firstStep) / m_scale); }
    /// Slider positions of the live edits' marks.
    const std::vector<int>& editMarks() const;

    /// Moves by `delta` frames (negative = back); pauses a running simulation.
    void move(int delta);
    void toStart();
    void toEnd();

private:
    SimulationController* m_controller;
    QSlider* m_slider = nullptr;
    ElidedLabel* m_label = nullptr;
    QPushButton* m_resume = nullptr;
    bool m_updating = false;
    std::int64_t m_firstStep = 0;
    std::int64_t m_scale = 1;  // micro-steps per slider position (the range must fit an int)
};

}  // namespace ui
