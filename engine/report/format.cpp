#include "engine/report/format.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace engine::report {

namespace {

/// The text of a value that is not finite, the same whatever its sign bit ("nan", not "-nan").
std::string nonFinite(double v) {
    if (std::isnan(v))
        return "nan";
    return v > 0 ? "inf" : "-inf";
}

/// printf with a conversion like "%.*f" into a string.
std::string printed(const char* format, int digits, double v) {
    char buf[400];  // the longest %.*f of a double below 1e308 with up to 60 digits fits
    const int n = std::snprintf(buf, sizeof buf, format, digits, v);
    if (n < 0)
        return "nan";
    if (static_cast<std::size_t>(n) < sizeof buf)
        return std::string(buf, static_cast<std::size_t>(n));
    std::string big(static_cast<std::size_t>(n) + 1, '\0');
    std::snprintf(big.data(), big.size(), format, digits, v);
    big.resize(static_cast<std::size_t>(n));
    return big;
}

}  // namespace

std::string formatNumber(double v) {
    if (!std::isfinite(v))
        return nonFinite(v);
    char buf[64];
    const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
    if (ec != std::errc())
        return "nan";
    return std::string(buf, ptr);
}

std::string fixed(double v, int digits) {
    if (!std::isfinite(v))
        return nonFinite(v);
    return printed("%.*f", digits, v);
}

std::string scientific(double v, int digits) {
    if (!std::isfinite(v))
        return nonFinite(v);
    return printed("%.*e", digits, v);
}

std::string fixedOrNa(double v, int digits) {
    return std::isfinite(v) ? fixed(v, digits) : "n/a";
}

std::string signedScientificOrNa(double v, int digits) {
    if (!std::isfinite(v))
        return "n/a";
    return (v >= 0 ? "+" : "") + scientific(v, digits);
}

std::string echoed(std::string_view text) {
    // Characters are counted by where they start. A UTF-8 lead byte says how many continuation
    // bytes follow (0 to 3); any other byte (text that is not UTF-8) is a character of its own,
    // so a cut after 50 characters bounds the bytes too.
    auto isContinuation = [&](std::size_t i) {
        return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
    };
    std::size_t characters = 0, cutAt = text.size();
    for (std::size_t i = 0; i < text.size(); ++characters) {
        if (characters == 50)
            cutAt = i;
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t follow = lead >= 0xF0 && lead < 0xF8   ? 3
                                   : lead >= 0xE0 && lead < 0xF0 ? 2
                                   : lead >= 0xC0 && lead < 0xE0 ? 1
                                                                 : 0;
        ++i;
        for (std::size_t k = 0; k < follow && i < text.size() && isContinuation(i); ++k)
            ++i;
    }
    const bool cut = characters > EchoedCharacters;
    const std::string_view shown = cut ? text.substr(0, cutAt) : text;
    std::string out = "'";
    for (char c : shown) {
        const auto u = static_cast<unsigned char>(c);
        out += u < 0x20 || u == 0x7F ? '?' : c;
    }
    if (!cut)
        return out + "'";
    return out + "...' (" + std::to_string(characters) + " characters)";
}

}  // namespace engine::report
