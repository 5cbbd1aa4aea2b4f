#pragma once

// Numbers as text, one rule each, for every table, summary and file the program writes.

#include <cstddef>
#include <string>
#include <string_view>

namespace engine::report {

/// Shortest text that reads back as exactly the same double ("0.1", "1e-05", "nan", "-inf").
std::string formatNumber(double v);
/// `v` with `digits` digits after the point ("0.1235"); "nan", "inf" or "-inf" when not finite.
std::string fixed(double v, int digits = 4);
/// `v` in scientific notation with `digits` digits after the point ("1.93e-03"); "nan", "inf"
/// or "-inf" when not finite.
std::string scientific(double v, int digits = 2);
/// fixed(v, digits), or "n/a" when `v` is not finite (a ratio or mean that has no value).
std::string fixedOrNa(double v, int digits = 4);
/// scientific(v, digits) with a sign always ("+6.92e-03", "-4.70e-02"), or "n/a" when `v` is
/// not finite.
std::string signedScientificOrNa(double v, int digits = 2);

/// Longest user text that messages echo in full (EchoedCharacters).
inline constexpr std::size_t EchoedCharacters = 60;

/// User text echoed in a message: in single quotes, control characters shown as '?', and text
/// longer than EchoedCharacters cut after 50 characters as "'abc...' (N characters)", so a huge
/// value never floods a message. Characters are UTF-8 code points; a cut never splits one.
std::string echoed(std::string_view text);

}  // namespace engine::report
