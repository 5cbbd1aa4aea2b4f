#pragma once

#include <QDialog>
#include <memory>

#include "engine/scenario/scenario.h"
#include "ui/media/recording.h"
#include "ui/simulation/history.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace ui {

class WrappedLabel;

/// File > Export image or CSV: the step the timeline shows as PNG or SVG of any view, PDF of a
/// single plot (QCustomPlot's vector export), or every trace recorded so far as CSV. PNGs can
/// be drawn at 2x or 3x for high-DPI screens and print.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const engine::Scenario& scenario, const History& history, std::size_t shown,
                 QWidget* parent = nullptr);

    void setPath(const QString& path);
    void setView(RecordView view);
    void setFrameSize(QSize size);
    void setScale(double scale);
    /// Writes the file with the current fields; returns "" or the error.
    QString exportNow();

private:
    void browse();

    RunLook m_look;
    History m_history;
    std::size_t m_shown = 0;
    QComboBox* m_view = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QDoubleSpinBox* m_scale = nullptr;
    QCheckBox* m_caption = nullptr;
    QLineEdit* m_title = nullptr;
    QLineEdit* m_path = nullptr;
    WrappedLabel* m_note = nullptr;
};

}  // namespace ui
