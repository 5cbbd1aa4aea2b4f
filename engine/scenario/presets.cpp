#include "engine/scenario/presets.h"

#include "engine/scenario/scenariofile.h"

namespace engine {

namespace {

struct Loaded {
    std::vector<Scenario> scenarios;
    std::vector<std::string> problems;
};

const Loaded& loaded() {
    static const Loaded result = [] {
        Loaded l;
        for (const BundledScenario& file : bundledScenarios()) {
            const std::string source = "resources/scenarios/" + std::string(file.name) + ".json";
            ScenarioResult r = parseScenario(file.text, source);
            if (!r.scenario) {
                l.problems.push_back(r.error);
                continue;
            }
            if (r.scenario->name.empty())
                r.scenario->name = std::string(file.name);
            l.scenarios.push_back(std::move(*r.scenario));
        }
        return l;
    }();
    return result;
}

}  // namespace

const std::vector<Scenario>& presets() {
    return loaded().scenarios;
}

const std::vector<std::string>& presetProblems() {
    return loaded().problems;
}

const Scenario* findPreset(const std::string& name) {
    for (const Scenario& p : presets())
        if (p.name == name)
            return &p;
    return nullptr;
}

}  // namespace engine
