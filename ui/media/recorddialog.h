#pragma once

#include <QDialog>
#include <memory>

#include "engine/scenario/scenario.h"
#include "ui/media/recording.h"
#include "ui/simulation/history.h"

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressDialog;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace ui {

class WrappedLabel;

class Recorder;

/// File > Record video or GIF: what to record (the window's recorded history, a range of its
/// steps, or the scenario re-simulated with one frame per inference iteration, phase or
/// trial), the view, size, frame rate, caption and title, and the file. Rendering is offscreen
/// from the frames, never a screen capture; a progress dialog can cancel, and the window keeps
/// running meanwhile.
class RecordDialog : public QDialog {
    Q_OBJECT
public:
    /// `history` is copied: the run may go on while recording. `shown` = index of the frame the
    /// timeline shows (the default end of the range).
    RecordDialog(const engine::Scenario& scenario, const History& history, std::size_t shown,
                 QWidget* parent = nullptr);
    ~RecordDialog() override;

    // For tests and scripting: the same as editing the fields.
    void setPath(const QString& path);
    void setView(RecordView view);
    void setFrameSize(QSize size);
    void setFps(int fps);
    void setFromHistory(bool history);
    void setRange(int first, int last);
    void setResimulation(int trials, Granularity every);
    /// Starts recording with the current fields; returns "" or why not.
    QString startRecording();
    Recorder* recorder() const { return m_recorder; }
    /// The warning shown when the window's history lacks micro-steps (thinned, or skipped
    /// between frames while playing fast); "" when it has every one.
    QString gapsNote() const { return m_gapsText; }
    /// "Re-simulate instead": picks a re-simulation of every inference iteration of as many
    /// trials as the run has done (null when the history has every step).
    QPushButton* resimulateButton() const { return m_resimulateButton; }

signals:
    /// A recording ended (ok, or cancelled / failed) with its message.
    void recordingFinished(bool ok, QString message);

private:
    /// What to record: the window's steps `first`..`last` (of `steps`, the last up to `shown`)
    /// or a re-simulation.
    void addSourceRows(QFormLayout* form, int steps, std::size_t shown);
    /// Says how many micro-steps the history lacks and offers a re-simulation instead.
    void addGapsRow(QFormLayout* form, const History& history);
    /// The view, size, frame rate and caption.
    void addPictureRows(QFormLayout* form);
    void connectRecorder();
    void browse();
    void updateEnabled();
    QSize chosenSize() const;

    engine::Scenario m_scenario;
    std::shared_ptr<Recording> m_history;  // the window's frames, copied
    Recorder* m_recorder = nullptr;
    QProgressDialog* m_progress = nullptr;
    QRadioButton* m_fromHistory = nullptr;
    QRadioButton* m_resimulate = nullptr;
    QSpinBox* m_first = nullptr;
    QSpinBox* m_last = nullptr;
    QSpinBox* m_trials = nullptr;
    QComboBox* m_every = nullptr;
    QComboBox* m_view = nullptr;
    QComboBox* m_size = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QSpinBox* m_fps = nullptr;
    QCheckBox* m_caption = nullptr;
    QLineEdit* m_title = nullptr;
    QLineEdit* m_path = nullptr;
    WrappedLabel* m_note = nullptr;
    QString m_gapsText;
    QPushButton* m_resimulateButton = nullptr;
};

}  // namespace ui
