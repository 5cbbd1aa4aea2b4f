#pragma once

#include <QLabel>

#include "ui/simulation/frame.h"
#include "ui/simulation/simulationworker.h"
#include "ui/views/networklayout.h"

namespace ui {

/// Text for the selected neuron or synapse: its values for each rule and the update formula
/// with the current numbers plugged in. Widget-free so it can be tested.
QString inspectorText(const Selection& selection, const Frame& frame, const RunSetup& setup);
/// What the inspector says when nothing is selected.
QString inspectorHelpText();

/// Shows inspectorText() for the current selection and frame.
class Inspector : public QLabel {
    Q_OBJECT
public:
    explicit Inspector(QWidget* parent = nullptr);
    void setSetup(std::shared_ptr<const RunSetup> setup);
    /// What this run is about (a preset's title and description), shown while nothing is selected.
    void setLesson(const QString& title, const QString& text);
    void setSelection(const Selection& selection);
    const Selection& selection() const { return m_selection; }
    void setFrame(const FramePtr& frame);

private:
    void refresh();
    std::shared_ptr<const RunSetup> m_setup;
    Selection m_selection;
    FramePtr m_frame;
    QString m_lesson;
};

}  // namespace ui
