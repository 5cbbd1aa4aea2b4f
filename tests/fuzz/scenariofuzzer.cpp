// libFuzzer target: the scenario reader, then (for a scenario it accepts) the writer read back,
// and two trials of both rules through `prospect run`'s own code: its CSV rows and its summary.
// Aborts (a finding) when the reader gives neither a scenario nor a message, when a message is
// unreasonably long, or when a scenario it accepted does not read back from its own JSON.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string_view>

#include "app/runcommand.h"
#include "engine/scenario/scenariofile.h"

namespace {

/// Longest message the reader may give: source, field path and problem, each bounded.
constexpr std::size_t MaxMessageBytes = 600;
/// Synapse updates a run may take per iteration budget: bigger scenarios are read, written
/// and read back, but not run, so every input takes well under a second.
constexpr double MaxWork = 4e6;

[[noreturn]] void finding(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_scenario: %s\n%s\n", what, detail.c_str());
    std::abort();
}

double workOfOneTrial(const engine::Scenario& s) {
    double synapses = 0;
    for (std::size_t l = 1; l < s.spec.sizes.size(); ++l)
        synapses += double(s.spec.sizes[l]) * double(s.spec.sizes[l - 1]);
    return synapses * (double(s.pc.iterations) + 3.0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const engine::ScenarioResult read = engine::parseScenario(text, "fuzz.json");
    if (!read.scenario) {
        if (read.error.empty())
            finding("refused without a message", std::string(text.substr(0, 200)));
        if (read.error.size() > MaxMessageBytes)
            finding("message too long", read.error.substr(0, 400));
        return 0;
    }
    const std::string json = engine::scenarioToJson(*read.scenario);
    const engine::ScenarioResult again = engine::parseScenario(json, "again.json");
    if (!again.scenario)
        finding("a scenario it wrote does not read back", again.error);
    if (!engine::sameScenario(*read.scenario, *again.scenario))
        finding("a scenario it wrote reads back different", json.substr(0, 400));
    if (workOfOneTrial(*read.scenario) > MaxWork)
        return 0;
    const app::ScenarioSource source{*read.scenario, "fuzz.json"};
    engine::report::OutputFile rows;  // the CSV rows are formatted and thrown away
    if (rows.open("/dev/null"))
        finding("cannot open /dev/null", "");
    std::ostringstream out, err;
    app::runScenario(source, 2, &rows, out, err);
    rows.commit();
    return 0;
}
