#pragma once

#include <QFont>
#include <QObject>

#include "ui/views/look.h"

namespace ui {

/// The user's display choices: presentation mode on or off, and a zoom for each mode (Ctrl++,
/// Ctrl+-, Ctrl+0 change the zoom of the mode in use). Remembered in QSettings under "display/"
/// once remember() is on; look() turns them into the Look for a window.
class DisplaySettings : public QObject {
    Q_OBJECT
public:
    explicit DisplaySettings(QObject* parent = nullptr);

    /// Reads the stored choices and writes every later change (the window of a user's session;
    /// a screenshot or a test leaves the stored choices alone).
    void remember();
    bool remembering() const { return m_remember; }

    bool presentation() const { return m_presentation; }
    /// The zoom of the mode in use.
    double zoom() const { return m_presentation ? m_presentationZoom : m_zoom; }
    void setPresentation(bool on);
    void setZoom(double zoom);
    void zoomIn() { setZoom(Look::zoomIn(zoom())); }
    void zoomOut() { setZoom(Look::zoomOut(zoom())); }
    void resetZoom() { setZoom(1.0); }

    /// The look for a window `windowHeight` logical pixels high, on the application's font.
    Look look(const QFont& base, int windowHeight) const;

signals:
    void changed();

private:
    void store() const;

    bool m_remember = false;
    bool m_presentation = false;
    double m_zoom = 1.0;
    double m_presentationZoom = 1.0;
};

}  // namespace ui
