#include "ui/views/palette.h"

#include <algorithm>
#include <cmath>

namespace ui::palette {

namespace {

// Anchor colours of the diverging map (in sRGB): a blue and a red of equal lightness, and a
// light neutral grey at zero. Interpolating linear-light values between them keeps the ramp
// smooth; the lightness falls evenly from the grey to either end.
struct Rgb {
    double r, g, b;
};
constexpr Rgb Negative{0.23, 0.40, 0.75};
constexpr Rgb Neutral{0.88, 0.88, 0.88};
constexpr Rgb Positive{0.78, 0.25, 0.20};

double toLinear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double toSrgb(double c) {
    return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055;
}

}  // namespace

QColor diverging(double value, double range) {
    if (!std::isfinite(value))
        return QColor(255, 0, 255);  // impossible to miss
    const double t = range > 0 ? std::clamp(value / range, -1.0, 1.0) : 0.0;
    const Rgb& end = t < 0 ? Negative : Positive;
    const double a = std::abs(t);
    auto mix = [a](double n, double e) { return toSrgb((1 - a) * toLinear(n) + a * toLinear(e)); };
    return QColor::fromRgbF(static_cast<float>(mix(Neutral.r, end.r)),
                            static_cast<float>(mix(Neutral.g, end.g)),
                            static_cast<float>(mix(Neutral.b, end.b)));
}

QColor textOn(const QColor& bg) {
    // Relative luminance (sRGB coefficients).
    const double y = 0.2126 * toLinear(bg.redF()) + 0.7152 * toLinear(bg.greenF()) +
                     0.0722 * toLinear(bg.blueF());
    return y > 0.25 ? QColor(20, 20, 20) : QColor(250, 250, 250);
}

double synapseWidth(double w, double range, double minWidth, double maxWidth) {
    if (!std::isfinite(w) || range <= 0)
        return minWidth;
    const double a = std::clamp(std::abs(w) / range, 0.0, 1.0);
    return minWidth + a * (maxWidth - minWidth);
}

double niceRange(double maxAbs) {
    if (!std::isfinite(maxAbs) || maxAbs <= 0)
        return 1.0;
    const double p = std::pow(10.0, std::floor(std::log10(maxAbs)));
    for (double m : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
        if (m * p >= maxAbs)
            return m * p;
    return 10 * p;
}

ColourRanges colourRanges(const engine::Network& network,
                          const std::vector<engine::Trial>& trials) {
    double activity = 0.0, weight = 0.0;
    for (const engine::Trial& t : trials) {
        for (const engine::Matrix& x : network.forward(t.input))
            activity = std::max(activity, x.cwiseAbs().maxCoeff());
        for (engine::Index i = 0; i < t.target.size(); ++i)
            if (std::isfinite(t.target(i)))
                activity = std::max(activity, std::abs(t.target(i)));
    }
    for (engine::Index l = 1; l <= network.depth(); ++l)
        weight = std::max(weight, network.weight(l).cwiseAbs().maxCoeff());
    return {niceRange(activity), niceRange(weight)};
}

QColor phaseColor(engine::Phase phase) {
    switch (phase) {
        case engine::Phase::Idle:
            return QColor(255, 255, 255);
        case engine::Phase::Initialise:
        case engine::Phase::Forward:
            return QColor(232, 245, 233);  // green: activity flows forward
        case engine::Phase::Relax:
            return QColor(227, 238, 250);  // blue: activity settles
        case engine::Phase::Backward:
            return QColor(255, 243, 224);  // orange: errors flow back
        case engine::Phase::Update:
            return QColor(252, 228, 236);  // pink: weights change
    }
    return QColor(255, 255, 255);
}

QColor ruleColor(int ruleIndex) {
    return ruleIndex == 0 ? QColor(214, 96, 0) : QColor(0, 107, 164);
}

QColor seriesColor(int i) {
    // No blue or orange: those are the rules' colours (ruleColor) and mean nothing else.
    static const QColor colors[] = {
        QColor(44, 160, 44), QColor(148, 103, 189), QColor(110, 110, 110), QColor(150, 150, 20),
        QColor(0, 150, 100), QColor(20, 90, 50),    QColor(60, 60, 60),    QColor(190, 150, 220)};
    return colors[static_cast<unsigned>(i) % 8];
}

QColor plasticityColor() {
    return QColor(200, 40, 90);
}

}  // namespace ui::palette
