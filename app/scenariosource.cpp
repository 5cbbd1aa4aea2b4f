#include "app/scenariosource.h"

#include "engine/report/format.h"
#include "engine/scenario/presets.h"
#include "engine/scenario/scenariofile.h"

namespace app {

OptionSpec presetOption() {
    return {"preset", "", "a bundled scenario instead of a file (see --list-presets)"};
}

std::string takeScenarioPath(std::vector<std::string>& args) {
    if (args.empty() || args[0].rfind("-", 0) == 0)
        return {};
    std::string path = args[0];
    args.erase(args.begin());
    return path;
}

std::optional<std::string> readScenarioSource(const std::string& path, const Options& options,
                                              ScenarioSource& out) {
    if (options.given("preset")) {
        if (!path.empty())
            return std::string("give a scenario file or --preset, not both");
        const engine::Scenario* p = engine::findPreset(options.text("preset"));
        if (!p)
            return "no preset called " + engine::report::echoed(options.text("preset")) +
                   " (see: prospect --list-presets)";
        out.scenario = *p;
        out.source = "preset " + p->name;
        return std::nullopt;
    }
    if (path.empty())
        return std::string("which scenario? give a file (SCENARIO.json) or --preset NAME");
    engine::ScenarioResult r = engine::readScenarioFile(path);
    if (!r.scenario)
        return r.error;
    out.scenario = std::move(*r.scenario);
    out.source = path;
    return std::nullopt;
}

}  // namespace app
