#include "ui/views/look.h"

#include <QFontInfo>
#include <algorithm>
#include <cmath>
#include <iterator>

#include "ui/views/palette.h"

namespace ui {

namespace {

constexpr double ZoomSteps[] = {0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0};
constexpr double TitleRatio = 1.15;
/// Strokes of presentation mode are this much thicker than the text scale alone makes them.
constexpr double PresentationStroke = 1.3;

double linear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor& c) {
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

}  // namespace

Look::Look() : Look(QFont(), 1.0, 1.0, false) {}

Look::Look(const QFont& base, double scale, double zoom, bool presentation)
    : m_base(base), m_scale(scale), m_zoom(zoom), m_presentation(presentation) {
    const int px = QFontInfo(base).pixelSize();
    m_basePx = px > 0 ? px : 12.0;
}

Look Look::normal(const QFont& base, double zoom) {
    zoom = std::clamp(zoom, MinZoom, MaxZoom);
    return Look(base, zoom, zoom, false);
}

Look Look::presentation(const QFont& base, int windowHeight, double zoom) {
    zoom = std::clamp(zoom, MinZoom, MaxZoom);
    const Look probe(base, 1.0, 1.0, true);
    // Text in proportion to the window's height, so that a projector at any resolution shows
    // the same picture; never smaller than normal mode's.
    const double fit = BodyPxAt1080 * std::max(windowHeight, 1) / 1080.0 / probe.m_basePx;
    return Look(base, std::max(1.0, fit) * zoom, zoom, true);
}

double Look::zoomIn(double zoom) {
    for (double step : ZoomSteps)
        if (step > zoom + 1e-9)
            return step;
    return MaxZoom;
}

double Look::zoomOut(double zoom) {
    for (auto it = std::rbegin(ZoomSteps); it != std::rend(ZoomSteps); ++it)
        if (*it < zoom - 1e-9)
            return *it;
    return MinZoom;
}

double Look::pixelSize(Text role) const {
    const double body = m_basePx * m_scale;
    switch (role) {
        case Text::Small:
            return body * (m_presentation ? SmallRatioPresentation : SmallRatioNormal);
        case Text::Title:
            return body * TitleRatio;
        case Text::Body:
            break;
    }
    return body;
}

QFont Look::font(Text role) const {
    QFont f = m_base;
    // Rounded up: the stated minimum sizes are minimums.
    f.setPixelSize(std::max(1, int(std::ceil(pixelSize(role) - 1e-6))));
    if (role == Text::Title)
        f.setBold(true);
    return f;
}

int Look::px(double normalPixels) const {
    return int(std::lround(normalPixels * m_scale));
}

double Look::stroke(double width) const {
    return width * m_scale * (m_presentation ? PresentationStroke : 1.0);
}

QColor Look::text() const {
    return m_presentation ? QColor(0, 0, 0) : QColor(20, 20, 20);
}

QColor Look::background() const {
    return QColor(255, 255, 255);
}

QPalette Look::widgetPalette(const QPalette& base) const {
    if (!m_presentation)
        return base;
    QPalette p = base;
    const QColor white(255, 255, 255), black(0, 0, 0), button(232, 232, 232);
    for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(g, QPalette::Window, white);
        p.setColor(g, QPalette::Base, white);
        p.setColor(g, QPalette::AlternateBase, QColor(242, 242, 242));
        p.setColor(g, QPalette::WindowText, black);
        p.setColor(g, QPalette::Text, black);
        p.setColor(g, QPalette::ButtonText, black);
        p.setColor(g, QPalette::Button, button);
        p.setColor(g, QPalette::PlaceholderText, QColor(60, 60, 60));
        p.setColor(g, QPalette::Highlight, QColor(0, 70, 160));
        p.setColor(g, QPalette::HighlightedText, white);
        p.setColor(g, QPalette::ToolTipBase, white);
        p.setColor(g, QPalette::ToolTipText, black);
    }
    // Disabled text stays readable: grey, not pale.
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(95, 95, 95));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(95, 95, 95));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(95, 95, 95));
    p.setColor(QPalette::Disabled, QPalette::Window, white);
    p.setColor(QPalette::Disabled, QPalette::Base, white);
    p.setColor(QPalette::Disabled, QPalette::Button, button);
    return p;
}

QColor Look::ruleColor(int rule) const {
    if (!m_presentation)
        return palette::ruleColor(rule);
    return rule == 0 ? QColor(190, 70, 0) : QColor(0, 80, 160);
}

QColor Look::seriesColor(int i) const {
    if (!m_presentation)
        return palette::seriesColor(i);
    // Dark, saturated and distinct; each at least 3:1 against white.
    // Neither blue nor orange, as in palette::seriesColor.
    static const QColor colors[] = {QColor(0, 120, 0),   QColor(100, 30, 170), QColor(60, 60, 60),
                                    QColor(110, 110, 0), QColor(0, 115, 80),   QColor(20, 80, 45),
                                    QColor(30, 30, 30),  QColor(130, 60, 160)};
    return colors[static_cast<unsigned>(i) % 8];
}

QColor Look::plasticityColor() const {
    return m_presentation ? QColor(170, 0, 60) : palette::plasticityColor();
}

QColor Look::synapseColor(double w, double range) const {
    if (!m_presentation || !std::isfinite(w) || range <= 0)
        return palette::diverging(w, range);
    // Square-root ramp: a tenth of the range is already a third of the way to full colour.
    const double t = std::clamp(std::abs(w) / range, 0.0, 1.0);
    return palette::diverging(std::copysign(std::sqrt(t) * range, w), range);
}

bool Look::operator==(const Look& other) const {
    return m_base == other.m_base && m_scale == other.m_scale && m_zoom == other.m_zoom &&
           m_presentation == other.m_presentation;
}

double contrastRatio(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace ui
