#pragma once

#include <QList>
#include <QToolBar>
#include <cstdint>

class QAction;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace ui {

class SimulationController;

/// The run controls above the panes: reset and re-randomise with the seed, play and step with
/// how far a step goes, the speed, and "run until" a number of trials or a loss.
class RunToolBar : public QToolBar {
    Q_OBJECT
public:
    /// The window's actions the bar shows (they keep their window-wide shortcuts).
    struct Actions {
        QAction* reset;
        QAction* reseed;
        QAction* play;
        QAction* step;
    };
    RunToolBar(SimulationController* controller, const Actions& actions, QWidget* parent);

    /// Step (Right): as far as the granularity box says; `oneIteration` (Shift+Right) always
    /// one inference iteration.
    void step(bool oneIteration);
    /// Speed level 0..SpeedLevels-1 (the keys 0-5; 5 is the lecture speed).
    void setSpeed(int level);
    /// Shows the run's seed.
    void showSeed(std::uint64_t seed);
    /// Compact (presentation mode): only play, step with its granularity, and the speed; the
    /// rest stays on its keys (R, Shift+R) and comes back when compact is off.
    void setCompact(bool compact);
    bool compact() const { return m_compact; }

private:
    void addStepControls();
    void addSpeedControls();
    void addRunUntil();

    SimulationController* m_controller;
    Actions m_actions;
    bool m_compact = false;
    QList<QAction*> m_extras;  ///< the toolbar's own items that compact mode hides
    QLabel* m_seed = nullptr;
    QComboBox* m_granularity = nullptr;
    QSpinBox* m_stepCount = nullptr;
    QComboBox* m_speed = nullptr;
    QSpinBox* m_untilTrials = nullptr;
    QDoubleSpinBox* m_untilLoss = nullptr;
};

}  // namespace ui
