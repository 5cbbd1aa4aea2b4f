#include "app/options.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace app {

std::optional<double> parseReal(const std::string& text) {
    double v = 0.0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || text.empty() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<long long> parseInteger(const std::string& text) {
    long long v = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || text.empty())
        return std::nullopt;
    return v;
}

std::optional<std::string> Options::parse(const std::vector<std::string>& args) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            m_help = true;
            continue;
        }
        if (a.rfind("--", 0) != 0)
            return "unexpected argument '" + a + "'";
        std::string name = a.substr(2), value;
        const size_t eq = name.find('=');
        const bool inlineValue = eq != std::string::npos;
        if (inlineValue) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const OptionSpec* spec = nullptr;
        for (const OptionSpec& s : m_specs)
            if (s.name == name)
                spec = &s;
        if (!spec)
            return "unknown option '--" + name + "' (see --help)";
        if (spec->flag) {
            if (inlineValue)
                return "option '--" + name + "' takes no value";
            m_values[name] = "1";
            continue;
        }
        if (!inlineValue) {
            if (i + 1 >= args.size())
                return "option '--" + name + "' needs a value";
            value = args[++i];
        }
        m_values[name] = value;
    }
    return std::nullopt;
}

std::string Options::helpText() const {
    std::ostringstream out;
    size_t width = 0;
    for (const OptionSpec& s : m_specs)
        width = std::max(width, s.name.size() + (s.flag ? 0 : 6));
    for (const OptionSpec& s : m_specs) {
        std::string left = "--" + s.name + (s.flag ? "" : " VALUE");
        out << "  " << left << std::string(width + 4 - left.size() + 2, ' ') << s.help;
        if (!s.defaultValue.empty())
            out << " (default " << s.defaultValue << ")";
        out << "\n";
    }
    return out.str();
}

std::string Options::text(const std::string& name) const {
    auto it = m_values.find(name);
    if (it != m_values.end())
        return it->second;
    for (const OptionSpec& s : m_specs)
        if (s.name == name)
            return s.defaultValue;
    return {};
}

std::optional<std::string> Options::real(const std::string& name, double& out) const {
    const std::string t = text(name);
    auto v = parseReal(t);
    if (!v)
        return "--" + name + ": '" + t + "' is not a finite number";
    out = *v;
    return std::nullopt;
}

std::optional<std::string> Options::integer(const std::string& name, long long& out) const {
    const std::string t = text(name);
    auto v = parseInteger(t);
    if (!v)
        return "--" + name + ": '" + t + "' is not a whole number";
    out = *v;
    return std::nullopt;
}

namespace {

std::vector<std::string> splitCommas(const std::string& t) {
    std::vector<std::string> parts;
    std::string cur;
    for (char c : t) {
        if (c == ',') {
            parts.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    parts.push_back(cur);
    return parts;
}

}  // namespace

std::optional<std::string> Options::realList(const std::string& name,
                                             std::vector<double>& out) const {
    const std::string t = text(name);
    out.clear();
    for (const std::string& part : splitCommas(t)) {
        auto v = parseReal(part);
        if (!v)
            return "--" + name + ": '" + part + "' in '" + t + "' is not a finite number";
        out.push_back(*v);
    }
    return std::nullopt;
}

std::optional<std::string> Options::integerList(const std::string& name,
                                                std::vector<long long>& out) const {
    const std::string t = text(name);
    out.clear();
    for (const std::string& part : splitCommas(t)) {
        const size_t dash = part.find('-', 1);
        if (dash == std::string::npos) {
            auto v = parseInteger(part);
            if (!v)
                return "--" + name + ": '" + part + "' in '" + t + "' is not a whole number";
            out.push_back(*v);
            continue;
        }
        auto lo = parseInteger(part.substr(0, dash));
        auto hi = parseInteger(part.substr(dash + 1));
        if (!lo || !hi || *hi < *lo)
            return "--" + name + ": '" + part + "' is not a range like 1-25";
        if (*hi - *lo > 100000)
            return "--" + name + ": range '" + part + "' is too long";
        for (long long v = *lo; v <= *hi; ++v)
            out.push_back(v);
    }
    return std::nullopt;
}

}  // namespace app
