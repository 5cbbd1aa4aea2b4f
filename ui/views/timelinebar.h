#pragma once

#include <QWidget>

class QSlider;
class QLabel;
class QToolButton;
class QPushButton;

namespace ui {

class ElidedLabel;
class SimulationController;

/// The timeline: a slider over every recorded frame between VCR buttons (first, back 10, back
/// one | forward one, forward 10, live), the step on show, and "Resume from here", which
/// continues (branches) the run from the shown frame.
class TimelineBar : public QWidget {
    Q_OBJECT
public:
    explicit TimelineBar(SimulationController* controller, QWidget* parent = nullptr);

    /// Follows the controller's history and shown frame.
    void refresh();
    QSlider* slider() const { return m_slider; }
    QPushButton* resumeButton() const { return m_resume; }

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
};

}  // namespace ui
