#pragma once

// The settings of every experiment, each as one table: a setting's name, its help line, its
// default (read from the settings struct, never written a second time), and how a text value is
// read and checked. The command line (app/) and the results window (ui/results/) both build their
// options and fields from these tables, so a default, a range or a message exists once.
//
// A new experiment declares a settings struct (defaults in its members), a table that binds each
// option to a member, and a function returning the table; the command line and a results tab
// then take it as it is.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/core/activation.h"
#include "engine/experiments/experiments.h"
#include "engine/experiments/learningexperiments.h"
#include "engine/report/format.h"

namespace engine::experiments {

// ---- reading values -----------------------------------------------------------------------------

/// Why a value was refused, without the option's name (callers prefix "--name: " or "name: "),
/// or nothing when it was taken.
using OptionError = std::optional<std::string>;

/// The whole of `text` as a finite double (no spaces, no sign "+").
std::optional<double> parseReal(std::string_view text);
/// The whole of `text` as a decimal integer (no spaces, no sign "+").
std::optional<long long> parseInteger(std::string_view text);

/// A whole number within [lo, hi].
OptionError readInteger(std::string_view text, long long lo, long long hi, long long& out);
/// A finite number; with `nonNegative`, also >= 0.
OptionError readReal(std::string_view text, bool nonNegative, double& out);
/// Comma-separated learning rates: at least one, at most 1000, each finite and >= 0.
OptionError readRates(std::string_view text, std::vector<double>& out);
/// Comma-separated whole numbers and ranges ("1-25", "1,2,5-7"), at least one, each within
/// [lo, hi].
OptionError readIntegerList(std::string_view text, long long lo, long long hi,
                            std::vector<long long>& out);
/// An activation by name (activationName()'s), or why not.
OptionError readActivation(std::string_view text, Activation& out);

/// Rates as text that readRates() reads back exactly ("0.5,0.1").
std::string ratesText(const std::vector<double>& values);
/// Whole numbers as text that readIntegerList() reads back, runs as ranges ("1-25", "1,3-5").
std::string integerListText(const std::vector<int>& values);

// ---- the table ----------------------------------------------------------------------------------

/// What an option sets: the experiment itself, or the learning rules' hyper-parameters (listed
/// after the experiment's; the command line puts its --threads in between).
enum class OptionGroup { Experiment, Rules };

/// One setting of an experiment whose settings are an `S`.
template <typename S>
struct Option {
    std::string name;  ///< Command-line name without dashes; the results window's field name.
    std::string help;  ///< One line (the command line's help, the field's tooltip).
    OptionGroup group = OptionGroup::Experiment;
    bool flag = false;  ///< Takes no value: "1" when given, "" (off) by default.
    /// The value in `s` as text that read() takes back (the default is text(S{})).
    std::function<std::string(const S&)> text;
    /// Reads `text` into `s`, or says why it is refused.
    std::function<OptionError(std::string_view text, S& s)> read;
    /// The only values it takes, when there is a fixed few (the window offers them in a list).
    std::vector<std::string> choices{};
};

/// Every setting of one experiment, in the order the help lists them. A field is named by a
/// callable that returns a reference to the member, e.g. [](auto& s) -> auto& { return s.seeds; },
/// so the same binding reads defaults and writes values.
template <typename S>
struct OptionTable {
    std::vector<Option<S>> options;
    /// Problems of the settings as a whole, once every option was read (full sentences).
    std::function<std::vector<std::string>(const S&)> check;

    /// The text of an option's default.
    std::string defaultText(const Option<S>& o) const { return o.text(S{}); }
    /// The option called `name`, or nullptr.
    const Option<S>* find(std::string_view name) const {
        for (const Option<S>& o : options)
            if (o.name == name)
                return &o;
        return nullptr;
    }

    /// A whole number within [lo, hi].
    template <typename Field>
    OptionTable& integer(std::string name, std::string help, Field field, long long lo,
                         long long hi, OptionGroup group = OptionGroup::Experiment) {
        return add(
            std::move(name), std::move(help), group,
            [field](const S& s) { return std::to_string(field(s)); },
            [field, lo, hi](std::string_view text, S& s) -> OptionError {
                long long v = 0;
                if (OptionError e = readInteger(text, lo, hi, v))
                    return e;
                field(s) = static_cast<std::remove_reference_t<decltype(field(s))>>(v);
                return std::nullopt;
            });
    }
    /// A finite number; with `nonNegative`, also >= 0.
    template <typename Field>
    OptionTable& real(std::string name, std::string help, Field field, bool nonNegative,
                      OptionGroup group = OptionGroup::Experiment) {
        return add(
            std::move(name), std::move(help), group,
            [field](const S& s) { return report::formatNumber(field(s)); },
            [field, nonNegative](std::string_view text, S& s) -> OptionError {
                return readReal(text, nonNegative, field(s));
            });
    }
    /// Comma-separated learning rates (see readRates()).
    template <typename Field>
    OptionTable& rates(std::string name, std::string help, Field field) {
        return add(
            std::move(name), std::move(help), OptionGroup::Experiment,
            [field](const S& s) { return ratesText(field(s)); },
            [field](std::string_view text, S& s) { return readRates(text, field(s)); });
    }
    /// Comma-separated whole numbers and ranges within [lo, hi] (see readIntegerList()).
    template <typename Field>
    OptionTable& integerList(std::string name, std::string help, Field field, long long lo,
                             long long hi) {
        return add(
            std::move(name), std::move(help), OptionGroup::Experiment,
            [field](const S& s) { return integerListText(field(s)); },
            [field, lo, hi](std::string_view text, S& s) -> OptionError {
                std::vector<long long> v;
                if (OptionError e = readIntegerList(text, lo, hi, v))
                    return e;
                field(s).assign(v.begin(), v.end());
                return std::nullopt;
            });
    }
    /// A hidden-layer activation by name (identity, tanh, sigmoid, relu, leaky-relu).
    template <typename Field>
    OptionTable& activation(std::string name, std::string help, Field field) {
        return add(
            std::move(name), std::move(help), OptionGroup::Experiment,
            [field](const S& s) { return std::string(activationName(field(s))); },
            [field](std::string_view text, S& s) { return readActivation(text, field(s)); });
    }
    /// On when given (a bool that is false by default).
    template <typename Field>
    OptionTable& flag(std::string name, std::string help, Field field) {
        add(
            std::move(name), std::move(help), OptionGroup::Experiment,
            [field](const S& s) { return std::string(field(s) ? "1" : ""); },
            [field](std::string_view text, S& s) -> OptionError {
                if (text != "" && text != "1")
                    return "takes no value";
                field(s) = text == "1";
                return std::nullopt;
            });
        options.back().flag = true;
        return *this;
    }
    /// --T, --gamma0 and --discount of the PcConfig `field` (checked as a whole by check()).
    template <typename Field>
    OptionTable& pc(Field field) {
        integer(
            "T", "PC inference iterations per trial",
            [field](auto& s) -> auto& { return field(s).iterations; }, 1, 1'000'000,
            OptionGroup::Rules);
        real(
            "gamma0",
            "PC initial inference step size", [field](auto& s) -> auto& { return field(s).gamma0; },
            false, OptionGroup::Rules);
        return real(
            "discount", "PC step-size discount when the energy does not fall (1 = off)",
            [field](auto& s) -> auto& { return field(s).discount; }, false, OptionGroup::Rules);
    }

private:
    OptionTable& add(std::string name, std::string help, OptionGroup group,
                     std::function<std::string(const S&)> text,
                     std::function<OptionError(std::string_view, S&)> read) {
        options.push_back(
            {std::move(name), std::move(help), group, false, std::move(text), std::move(read), {}});
        return *this;
    }
};

/// Reads every option of `table` from textOf(name) into `settings`, then checks the whole (only
/// when every option was read). Returns the problems, each as prefix + name + ": " + reason
/// (prefix "--" for the command line, "" for the results window); empty when all is well.
template <typename S>
std::vector<std::string> readSettings(const OptionTable<S>& table,
                                      const std::function<std::string(const std::string&)>& textOf,
                                      const std::string& prefix, S& settings) {
    std::vector<std::string> problems;
    for (const Option<S>& o : table.options)
        if (OptionError e = o.read(textOf(o.name), settings))
            problems.push_back(prefix + o.name + ": " + *e);
    if (problems.empty() && table.check)
        problems = table.check(settings);
    return problems;
}

// ---- the experiments' settings and tables -------------------------------------------------------

/// Bear and river (Fig. 1 / 3a). pc.alpha is both rules' learning rate.
struct InterferenceSettings {
    int trials = 64;
    PcConfig pc{0.2, 128, 0.1, 0.5};
};
/// The bear net at several learning rates (Fig. 3d); pc.alpha is not used. The authors' 2048
/// trials, so that the smallest rate converges too.
struct LrSweepSettings {
    std::vector<Scalar> alphas{0.5, 0.1, 0.05, 0.01, 0.005};
    int trials = 2048;
    PcConfig pc;
};
/// Target alignment against depth (Fig. 3e), seeds 0..seeds-1 at each depth.
struct TargetAlignmentSettings {
    std::vector<int> depths{1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13,
                            14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25};
    int seeds = 27;
    DeepNetConfig config;
};
/// The 1-2-2 net's weight trajectories.
struct TrajectorySettings {
    int trials = 16;
    TrajectoryConfig config;
};
/// PC's prospective index per layer.
struct ProspectiveIndexSettings {
    int depth = 6;
    int seeds = 3;
    DeepNetConfig config = figureConfig();

private:
    /// DeepNetConfig's defaults with the figure's T of 128.
    static DeepNetConfig figureConfig() {
        DeepNetConfig c;
        c.pc.iterations = 128;
        return c;
    }
};
/// Rat fear conditioning, seeds 0..seeds-1 for every rule and group.
struct FearSettings {
    int seeds = 8;
    FearConfig config;
};
/// Human reversal learning, seeds 0..N-1 per rule (the authors' counts); the summary counts
/// the punished trials whose next trial comes after `summaryAfter`.
struct ReversalSettings {
    int bpSeeds = 40;
    int pcSeeds = 22;
    int summaryAfter = 64;
    ReversalConfig config;
};
/// Human sensorimotor learning.
struct SensorimotorSettings {
    int seeds = 24;
    SensorimotorConfig config;
};
/// Less erratic learning at each rule's learning rates.
struct ErraticSettings {
    int seeds = 99;
    std::vector<Scalar> alphasPc{0.476, 0.5, 0.524, 0.548, 0.572};
    std::vector<Scalar> alphasBp{0.336, 0.35, 0.364, 0.378};
    ErraticConfig config;
};

/// The option table of each experiment (built once).
const OptionTable<InterferenceSettings>& interferenceOptions();
const OptionTable<LrSweepSettings>& lrSweepOptions();
const OptionTable<TargetAlignmentSettings>& targetAlignmentOptions();
const OptionTable<TrajectorySettings>& trajectoryOptions();
const OptionTable<ProspectiveIndexSettings>& prospectiveIndexOptions();
const OptionTable<FearSettings>& fearOptions();
const OptionTable<ReversalSettings>& reversalOptions();
const OptionTable<SensorimotorSettings>& sensorimotorOptions();
const OptionTable<ErraticSettings>& erraticOptions();

}  // namespace engine::experiments
