// libFuzzer target: the command line's option parser and every experiment's settings check.
// The input is an argument list, one argument per line; the first line picks the experiment
// (its index modulo the number of experiments). Nothing is run and no file is touched.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/experimentcommands.h"
#include "app/options.h"

namespace {

constexpr std::size_t MaxMessageBytes = 600;

std::vector<std::string> lines(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> out(1);
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == '\n')
            out.emplace_back();
        else
            out.back() += char(data[i]);
    }
    return out;
}

void checkMessage(const std::optional<std::string>& message) {
    if (message && (message->empty() || message->size() > MaxMessageBytes)) {
        std::fprintf(stderr, "fuzz_options: bad message (%zu bytes): %s\n", message->size(),
                     message->substr(0, 400).c_str());
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> args = lines(data, size);
    const auto& all = app::experiments();
    const std::size_t pick = args.front().empty() ? 0 : std::uint8_t(args.front()[0]) % all.size();
    args.erase(args.begin());
    const app::Experiment& experiment = all[pick];
    app::Options options(experiment.options);
    const auto parsed = options.parse(args);
    checkMessage(parsed);
    if (parsed)
        return 0;
    (void)options.helpText();
    checkMessage(experiment.check(options));
    // The plain converters, on every value given.
    for (const app::OptionSpec& spec : experiment.options) {
        if (!options.given(spec.name) || spec.flag)
            continue;
        double real = 0;
        long long integer = 0;
        checkMessage(options.real(spec.name, real));
        checkMessage(options.integer(spec.name, integer));
    }
    return 0;
}
