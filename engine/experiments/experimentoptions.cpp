#include "engine/experiments/experimentoptions.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace engine::experiments {

// ---- reading values -----------------------------------------------------------------------------

namespace {

std::vector<std::string_view> splitCommas(std::string_view text) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || text[i] == ',') {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    return parts;
}

/// `text` without spaces at either end (list items may be written "0.1, 0.2").
std::string_view trimmed(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

std::string quoted(std::string_view text) {
    return report::echoed(text);
}

std::string outOfRange(long long v, long long lo, long long hi) {
    return std::to_string(v) + " is out of range (" + std::to_string(lo) + ".." +
           std::to_string(hi) + ")";
}

constexpr std::size_t MaxListValues = 1000;
constexpr long long MaxRangeLength = 100000;

}  // namespace

std::optional<double> parseReal(std::string_view text) {
    double v = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || text.empty() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<long long> parseInteger(std::string_view text) {
    long long v = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || text.empty())
        return std::nullopt;
    return v;
}

OptionError readInteger(std::string_view text, long long lo, long long hi, long long& out) {
    const auto v = parseInteger(trimmed(text));
    if (!v)
        return quoted(text) + " is not a whole number";
    if (*v < lo || *v > hi)
        return outOfRange(*v, lo, hi);
    out = *v;
    return std::nullopt;
}

OptionError readReal(std::string_view text, bool nonNegative, double& out) {
    const auto v = parseReal(trimmed(text));
    if (!v)
        return quoted(text) + " is not a finite number";
    if (nonNegative && *v < 0.0)
        return "must be >= 0, got " + std::string(trimmed(text));
    out = *v;
    return std::nullopt;
}

OptionError readRates(std::string_view text, std::vector<double>& out) {
    if (trimmed(text).empty())
        return std::string("give at least one learning rate");
    const std::vector<std::string_view> parts = splitCommas(text);
    if (parts.size() > MaxListValues)
        return "at most " + std::to_string(MaxListValues) + " values";
    std::vector<double> values;
    for (std::string_view part : parts) {
        const auto v = parseReal(trimmed(part));
        if (!v)
            return quoted(trimmed(part)) + " in " + quoted(text) + " is not a finite number";
        if (*v < 0.0)
            return "learning rates must be >= 0, got " + report::formatNumber(*v);
        values.push_back(*v);
    }
    out = std::move(values);
    return std::nullopt;
}

OptionError readIntegerList(std::string_view text, long long lo, long long hi,
                            std::vector<long long>& out) {
    std::vector<long long> values;
    for (std::string_view part : splitCommas(text)) {
        part = trimmed(part);
        const std::size_t dash = part.find('-', 1);
        if (dash == std::string_view::npos) {
            const auto v = parseInteger(part);
            if (!v)
                return quoted(part) + " in " + quoted(text) + " is not a whole number";
            values.push_back(*v);
            continue;
        }
        const auto first = parseInteger(part.substr(0, dash));
        const auto last = parseInteger(part.substr(dash + 1));
        if (!first || !last || *last < *first)
            return quoted(part) + " is not a range like 1-25";
        if (*first < lo || *last > hi)
            return outOfRange(*first < lo ? *first : *last, lo, hi);
        // Unsigned, so that the length of any range (last >= first) is exact, never an overflow.
        const unsigned long long length =
            static_cast<unsigned long long>(*last) - static_cast<unsigned long long>(*first) + 1;
        if (length > static_cast<unsigned long long>(MaxRangeLength) ||
            values.size() + length > static_cast<unsigned long long>(MaxRangeLength))
            return "at most " + std::to_string(MaxRangeLength) + " values";
        for (long long v = *first; v <= *last; ++v)
            values.push_back(v);
    }
    for (long long v : values)
        if (v < lo || v > hi)
            return outOfRange(v, lo, hi);
    out = std::move(values);
    return std::nullopt;
}

OptionError readActivation(std::string_view text, Activation& out) {
    const auto a = parseActivation(trimmed(text));
    if (!a)
        return quoted(text) + " is not one of identity, tanh, sigmoid, relu, leaky-relu";
    out = *a;
    return std::nullopt;
}

std::string ratesText(const std::vector<double>& values) {
    std::string text;
    for (std::size_t i = 0; i < values.size(); ++i)
        text += (i ? "," : "") + report::formatNumber(values[i]);
    return text;
}

std::string integerListText(const std::vector<int>& values) {
    std::string text;
    for (std::size_t i = 0; i < values.size();) {
        std::size_t j = i;  // values[i..j] counts up by one
        while (j + 1 < values.size() && values[j + 1] == values[j] + 1)
            ++j;
        text += (text.empty() ? "" : ",") + std::to_string(values[i]);
        if (j > i)
            text += "-" + std::to_string(values[j]);
        i = j + 1;
    }
    return text;
}

// ---- the tables ---------------------------------------------------------------------------------

// A setting's member, e.g. FIELD(config.lrLight): one binding both reads the default and takes
// the value.
#define FIELD(member)      \
    [](auto& s) -> auto& { \
        return s.member;   \
    }

namespace {

constexpr long long MaxSeeds = 100'000;
constexpr long long MaxTrials = 1'000'000;
constexpr long long MaxDepth = 200;

/// PcConfig::validate()'s problems.
template <typename S, typename Field>
std::function<std::vector<std::string>(const S&)> pcCheck(Field field) {
    return [field](const S& s) { return field(s).validate(); };
}

/// The PC settings, and the deepest network a run builds must respect the engine's limits.
std::vector<std::string> deepProblems(int depth, const DeepNetConfig& config) {
    std::vector<std::string> problems = config.pc.validate();
    if (problems.empty())
        problems = deepSpec(depth, config).validate();
    return problems;
}

}  // namespace

const OptionTable<InterferenceSettings>& interferenceOptions() {
    static const OptionTable<InterferenceSettings> table = [] {
        OptionTable<InterferenceSettings> t;
        t.real("alpha", "learning rate of both rules", FIELD(pc.alpha), true)
            .integer("trials", "number of trials", FIELD(trials), 1, MaxTrials)
            .pc(FIELD(pc));
        t.check = pcCheck<InterferenceSettings>(FIELD(pc));
        return t;
    }();
    return table;
}

const OptionTable<LrSweepSettings>& lrSweepOptions() {
    static const OptionTable<LrSweepSettings> table = [] {
        OptionTable<LrSweepSettings> t;
        t.rates("alphas", "comma-separated learning rates", FIELD(alphas))
            .integer("trials", "trials per learning rate", FIELD(trials), 1, MaxTrials)
            .pc(FIELD(pc));
        t.check = pcCheck<LrSweepSettings>(FIELD(pc));
        return t;
    }();
    return table;
}

const OptionTable<TargetAlignmentSettings>& targetAlignmentOptions() {
    static const OptionTable<TargetAlignmentSettings> table = [] {
        OptionTable<TargetAlignmentSettings> t;
        t.integerList("depths", "weight-layer counts, e.g. 1-25 or 1,2,4,8", FIELD(depths), 1,
                      MaxDepth)
            .integer("seeds", "seeds per depth (seeds 0..N-1)", FIELD(seeds), 1, MaxSeeds)
            .integer("width", "neurons per layer", FIELD(config.width), 1, 2048)
            .real("alpha", "learning rate of both rules", FIELD(config.pc.alpha), true)
            .pc(FIELD(config.pc));
        t.check = [](const TargetAlignmentSettings& s) {
            return deepProblems(*std::max_element(s.depths.begin(), s.depths.end()), s.config);
        };
        return t;
    }();
    return table;
}

const OptionTable<TrajectorySettings>& trajectoryOptions() {
    static const OptionTable<TrajectorySettings> table = [] {
        OptionTable<TrajectorySettings> t;
        t.integer("trials", "number of trials", FIELD(trials), 1, MaxTrials)
            .real("bp-alpha", "BP learning rate", FIELD(config.bpAlpha), true)
            .real("pc-alpha", "PC learning rate (first steps of equal length)",
                  FIELD(config.pc.alpha), true)
            .pc(FIELD(config.pc));
        t.check = pcCheck<TrajectorySettings>(FIELD(config.pc));
        return t;
    }();
    return table;
}

const OptionTable<ProspectiveIndexSettings>& prospectiveIndexOptions() {
    static const OptionTable<ProspectiveIndexSettings> table = [] {
        OptionTable<ProspectiveIndexSettings> t;
        t.integer("depth", "weight layers", FIELD(depth), 1, MaxDepth)
            .integer("width", "neurons per layer", FIELD(config.width), 1, 2048)
            .integer("seeds", "seeds (0..N-1)", FIELD(seeds), 1, MaxSeeds)
            .activation("activation",
                        "hidden activation: identity, tanh, sigmoid, relu, leaky-relu",
                        FIELD(config.activation))
            .real("alpha", "learning rate", FIELD(config.pc.alpha), true)
            .pc(FIELD(config.pc));
        t.check = [](const ProspectiveIndexSettings& s) { return deepProblems(s.depth, s.config); };
        return t;
    }();
    return table;
}

const OptionTable<FearSettings>& fearOptions() {
    static const OptionTable<FearSettings> table = [] {
        OptionTable<FearSettings> t;
        t.integer("seeds", "seeds (0..N-1); each draws m_L and m_N", FIELD(seeds), 1, MaxSeeds)
            .real("lr-perception", "learning rate of p_L and p_N", FIELD(config.lrPerception), true)
            .real("lr-light", "learning rate of m_L", FIELD(config.lrLight), true)
            .real("lr-noise", "learning rate of m_N", FIELD(config.lrNoise), true)
            .real("init-mean", "m ~ |N(mean, std^2)|", FIELD(config.initMean), false)
            .real("init-std", "m ~ |N(mean, std^2)|", FIELD(config.initStd), true)
            .integer("trials", "trials per phase", FIELD(config.trialsPerPhase), 1, MaxTrials)
            .pc(FIELD(config.pc));
        t.check = pcCheck<FearSettings>(FIELD(config.pc));
        return t;
    }();
    return table;
}

const OptionTable<ReversalSettings>& reversalOptions() {
    static const OptionTable<ReversalSettings> table = [] {
        OptionTable<ReversalSettings> t;
        t.integer("bp-seeds", "BP's seeds (0..N-1)", FIELD(bpSeeds), 1, MaxSeeds)
            .integer("pc-seeds", "PC's seeds (0..N-1)", FIELD(pcSeeds), 1, MaxSeeds)
            .integer("trials", "trials per run", FIELD(config.trials), 1, MaxTrials)
            .real("alpha", "learning rate of both rules", FIELD(config.pc.alpha), true)
            .real("bp-init-std", "BP's weights ~ N(0, std^2)", FIELD(config.bpInitStd), true)
            .real("pc-init-std", "PC's weights ~ N(0, std^2)", FIELD(config.pcInitStd), true)
            .real("beta", "inverse temperature of the softmax choice (the authors': 1)",
                  FIELD(config.task.inverseTemperature), true)
            .integer("summary-after",
                     "the summary uses the punished trials whose next trial comes after this one",
                     FIELD(summaryAfter), 0, MaxTrials)
            .pc(FIELD(config.pc));
        t.check = pcCheck<ReversalSettings>(FIELD(config.pc));
        return t;
    }();
    return table;
}

const OptionTable<SensorimotorSettings>& sensorimotorOptions() {
    static const OptionTable<SensorimotorSettings> table = [] {
        OptionTable<SensorimotorSettings> t;
        t.integer("seeds", "seeds (0..N-1)", FIELD(seeds), 1, MaxSeeds)
            .real("pc-init-std", "PC's weights ~ N(0, std^2) (the authors' fit)",
                  FIELD(config.pcSetting.initStd), true)
            .real("pc-lr", "PC's learning rate of cue -> hidden (the authors' fit)",
                  FIELD(config.pcSetting.lr), true)
            .real("pc-memory-lr", "PC's learning rate of hidden -> output (the authors' fit)",
                  FIELD(config.pcSetting.memoryLr), true)
            .real("bp-init-std", "BP's weights ~ N(0, std^2) (the authors' fit)",
                  FIELD(config.bpSetting.initStd), true)
            .real("bp-lr", "BP's learning rate of cue -> hidden (the authors' fit)",
                  FIELD(config.bpSetting.lr), true)
            .real("bp-memory-lr", "BP's learning rate of hidden -> output (the authors' fit)",
                  FIELD(config.bpSetting.memoryLr), true)
            .flag("shared-setting",
                  "both rules with Prospect's earlier shared setting, init std 0.001 and both "
                  "rates 0.01 (the lab's preset); the six per-rule options stay at their defaults",
                  FIELD(config.sharedSetting))
            .flag("training-triplets",
                  "present the training triplets (Prospect's protocol); by default each is "
                  "replaced by its washout block again, as the authors' code does",
                  FIELD(config.trainingTriplets))
            .integer("training-blocks", "training blocks", FIELD(config.trainingBlocks), 0, 10'000)
            .integer("test-blocks", "test blocks (one triplet of each group each)",
                     FIELD(config.testBlocks), 1, 10'000)
            .pc(FIELD(config.pc));
        t.check = [](const SensorimotorSettings& s) {
            std::vector<std::string> problems = s.config.pc.validate();
            const SensorimotorConfig fits;
            auto same = [](const SensorimotorRuleSetting& a, const SensorimotorRuleSetting& b) {
                return a.initStd == b.initStd && a.lr == b.lr && a.memoryLr == b.memoryLr;
            };
            if (s.config.sharedSetting && (!same(s.config.pcSetting, fits.pcSetting) ||
                                           !same(s.config.bpSetting, fits.bpSetting)))
                problems.push_back(
                    "the shared setting replaces the six per-rule settings: leave them at their "
                    "defaults, or turn the shared setting off");
            return problems;
        };
        return t;
    }();
    return table;
}

const OptionTable<ErraticSettings>& erraticOptions() {
    static const OptionTable<ErraticSettings> table = [] {
        OptionTable<ErraticSettings> t;
        t.integer("seeds", "seeds per rule and learning rate (0..N-1)", FIELD(seeds), 1, MaxSeeds)
            .integer("trials", "trials on the one sample", FIELD(config.trials), 1, MaxTrials)
            .rates("alphas-pc", "PC learning rates", FIELD(alphasPc))
            .rates("alphas-bp", "BP learning rates", FIELD(alphasBp))
            .integer("width", "neurons per layer", FIELD(config.width), 1, 1000)
            .real("sample-std", "standard deviation of the input and the target",
                  FIELD(config.sampleStd), true)
            .pc(FIELD(config.pc));
        t.check = pcCheck<ErraticSettings>(FIELD(config.pc));
        return t;
    }();
    return table;
}

#undef FIELD

}  // namespace engine::experiments
