#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QLabel;

namespace ui {

/// A library Prospect runs on and its version.
struct LibraryVersion {
    QString name;
    QString version;
};

/// Help > About: the version, the licence, the paper the lab follows and the versions of the
/// libraries in use. Modal or not as the caller likes; Close closes it.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    /// Prospect's version (the project's version in CMake).
    static QString version();
    /// Qt and FFmpeg as loaded at run time; Eigen, QCustomPlot and giflib as compiled in.
    static QList<LibraryVersion> libraryVersions();
    /// One line per library ("Qt 6.4.2"), as copied by the Copy button for bug reports.
    static QString versionsText();

    /// The rich text on show (tests read it).
    QString text() const;
    /// The label that shows it (its links open in the browser).
    QLabel* label() const { return m_label; }

private:
    QLabel* m_label = nullptr;
};

}  // namespace ui
