#include "app/options.h"

#include <algorithm>
#include <limits>
#include <sstream>

#include "engine/report/format.h"

namespace app {

std::optional<std::string> Options::parse(const std::vector<std::string>& args) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            m_help = true;
            continue;
        }
        if (a.rfind("--", 0) != 0)
            return "unexpected argument " + engine::report::echoed(a);
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
            return "unknown option " + engine::report::echoed("--" + name) + " (see --help)";
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
    if (auto e = engine::experiments::readReal(text(name), false, out))
        return "--" + name + ": " + *e;
    return std::nullopt;
}

std::optional<std::string> Options::integer(const std::string& name, long long& out) const {
    if (auto e = engine::experiments::readInteger(text(name), std::numeric_limits<long long>::min(),
                                                  std::numeric_limits<long long>::max(), out))
        return "--" + name + ": " + *e;
    return std::nullopt;
}

}  // namespace app
