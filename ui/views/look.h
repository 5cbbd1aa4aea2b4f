#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QString>

namespace ui {

/// How the lab draws itself: the text sizes, line widths and colours that every view reads. One
/// value, made by the window from the zoom and the presentation mode and handed to each view's
/// setLook(); a view never decides on its own that it is "in presentation mode".
///
/// Normal mode: the platform's font times the zoom, strokes times the zoom, the usual colours.
/// Presentation mode: text sized to the window's height (the body text is BodyPxAt1080 pixels
/// high in a 1080-pixel-high window, and never smaller than in normal mode), thicker strokes, a
/// white background with black text and dark, saturated line colours that survive a washed-out
/// projector. The zoom applies on top in both modes.
class Look {
public:
    /// The three text sizes. Small is the smallest text anything draws (legends, labels under
    /// neurons, tick labels).
    enum class Text { Small, Body, Title };

    /// Body text of presentation mode in a window 1080 logical pixels high; the Small text is
    /// SmallRatioPresentation of it, so at least 18 px.
    static constexpr double BodyPxAt1080 = 24.0;
    static constexpr double SmallRatioNormal = 0.85;
    static constexpr double SmallRatioPresentation = 0.8;
    /// The zoom steps of Ctrl++ and Ctrl+-.
    static constexpr double MinZoom = 0.7;
    static constexpr double MaxZoom = 3.0;

    /// Normal mode at zoom 1 on the application's font.
    Look();
    /// Normal mode at `zoom` (1 = the platform's font) on `base`, the application's font.
    static Look normal(const QFont& base, double zoom = 1.0);
    /// Presentation mode for a window `windowHeight` logical pixels high.
    static Look presentation(const QFont& base, int windowHeight, double zoom = 1.0);

    /// The next zoom step above or below `zoom` (clamped to MinZoom..MaxZoom).
    static double zoomIn(double zoom);
    static double zoomOut(double zoom);

    bool isPresentation() const { return m_presentation; }
    double zoom() const { return m_zoom; }
    /// Factor of text (and of everything sized by text) relative to the base font.
    double scale() const { return m_scale; }
    /// Pixel size (logical) of a text role, and a font of that size (Title is bold).
    double pixelSize(Text role = Text::Body) const;
    QFont font(Text role = Text::Body) const;
    /// A length that grows with the text (margins, minimum sizes), in logical pixels.
    int px(double normalPixels) const;
    /// A line width: `width` as drawn in normal mode at zoom 1, scaled, and thicker still in
    /// presentation mode.
    double stroke(double width) const;

    /// Text and background of the views (high contrast in presentation mode).
    QColor text() const;
    QColor background() const;
    /// The widget palette for the window: `base` in normal mode; white, black and strong
    /// accents in presentation mode.
    QPalette widgetPalette(const QPalette& base) const;
    /// Line colours: the two rules (0 BP, 1 PC) and a series (layers, outputs, weights). In
    /// presentation mode no series colour is pale (contrast with white at least 3:1).
    QColor ruleColor(int rule) const;
    QColor seriesColor(int i) const;
    /// A weight change: the flash on a changed synapse and rod, the plots' update mark.
    QColor plasticityColor() const;
    /// A synapse's colour for weight w on a symmetric range: the diverging map, steeper in
    /// presentation mode so that weak weights are not drawn in near-white.
    QColor synapseColor(double w, double range) const;

    bool operator==(const Look& other) const;
    bool operator!=(const Look& other) const { return !(*this == other); }

private:
    Look(const QFont& base, double scale, double zoom, bool presentation);
    QFont m_base;
    double m_basePx = 12.0;
    double m_scale = 1.0;
    double m_zoom = 1.0;
    bool m_presentation = false;
};

/// WCAG contrast ratio of two colours (1 to 21).
double contrastRatio(const QColor& a, const QColor& b);

}  // namespace ui
