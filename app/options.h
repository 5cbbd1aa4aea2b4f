#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/experiments/experimentoptions.h"

namespace app {

/// One command-line option "--name VALUE" (or a flag "--name").
struct OptionSpec {
    std::string name;          ///< Without the leading dashes.
    std::string defaultValue;  ///< Shown in the help; empty for none.
    std::string help;          ///< One line.
    bool flag = false;         ///< Takes no value.
};

/// Parses "--name value" pairs against a fixed set of options and converts values with clear
/// error messages naming the option and the bad value.
class Options {
public:
    explicit Options(std::vector<OptionSpec> specs) : m_specs(std::move(specs)) {}

    /// Parses args (without the program and command names). Returns an error message, or
    /// nothing on success. "--help" sets helpRequested().
    std::optional<std::string> parse(const std::vector<std::string>& args);
    /// True when "--help" or "-h" was given.
    bool helpRequested() const { return m_help; }
    /// The option table for help texts.
    std::string helpText() const;

    /// The value given or the default.
    std::string text(const std::string& name) const;
    /// True when the option (or flag) was given on the command line.
    bool given(const std::string& name) const { return m_values.count(name) != 0; }

    /// Each of these converts text(name) or reports "--name: 'value' is not ...".
    std::optional<std::string> real(const std::string& name, double& out) const;
    std::optional<std::string> integer(const std::string& name, long long& out) const;

private:
    std::vector<OptionSpec> m_specs;
    std::map<std::string, std::string> m_values;
    bool m_help = false;
};

// Whole strings as a finite double or a decimal integer: the experiments' option tables' rules.
using engine::experiments::parseInteger;
using engine::experiments::parseReal;

}  // namespace app
