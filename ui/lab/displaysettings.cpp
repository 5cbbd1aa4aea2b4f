#include "ui/lab/displaysettings.h"

#include <QSettings>
#include <algorithm>
#include <cmath>

namespace ui {

namespace {

double validZoom(double z) {
    return std::isfinite(z) ? std::clamp(z, Look::MinZoom, Look::MaxZoom) : 1.0;
}

/// A stored zoom: within the zoom's range, 1 where it is not a number at all.
double storedZoom(const QSettings& settings, const QString& key) {
    bool ok = false;
    const double z = settings.value(key, 1.0).toDouble(&ok);
    return ok ? validZoom(z) : 1.0;
}

}  // namespace

DisplaySettings::DisplaySettings(QObject* parent) : QObject(parent) {}

void DisplaySettings::remember() {
    m_remember = true;
    QSettings settings;
    const bool presentation = settings.value("display/presentation", false).toBool();
    const double zoom = storedZoom(settings, "display/zoom");
    const double presentationZoom = storedZoom(settings, "display/presentationZoom");
    if (presentation == m_presentation && zoom == m_zoom && presentationZoom == m_presentationZoom)
        return;
    m_presentation = presentation;
    m_zoom = zoom;
    m_presentationZoom = presentationZoom;
    emit changed();
}

void DisplaySettings::setPresentation(bool on) {
    if (on == m_presentation)
        return;
    m_presentation = on;
    store();
    emit changed();
}

void DisplaySettings::setZoom(double zoom) {
    zoom = validZoom(zoom);
    double& current = m_presentation ? m_presentationZoom : m_zoom;
    if (zoom == current)
        return;
    current = zoom;
    store();
    emit changed();
}

Look DisplaySettings::look(const QFont& base, int windowHeight) const {
    return m_presentation ? Look::presentation(base, windowHeight, m_presentationZoom)
                          : Look::normal(base, m_zoom);
}

void DisplaySettings::store() const {
    if (!m_remember)
        return;
    QSettings settings;
    settings.setValue("display/presentation", m_presentation);
    settings.setValue("display/zoom", m_zoom);
    settings.setValue("display/presentationZoom", m_presentationZoom);
}

}  // namespace ui
