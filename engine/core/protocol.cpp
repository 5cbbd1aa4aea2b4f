#include "engine/core/protocol.h"

namespace engine {

std::int64_t ProtocolPhase::trialCount() const {
    return static_cast<std::int64_t>(trials.size()) * repeats;
}

std::int64_t Protocol::trialCount() const {
    std::int64_t n = 0;
    for (const ProtocolPhase& p : phases)
        n += p.trialCount();
    return n;
}

int Protocol::phaseOf(std::int64_t index) const {
    if (index < 0)
        return -1;
    for (size_t k = 0; k < phases.size(); ++k) {
        const std::int64_t n = phases[k].trialCount();
        if (index < n)
            return static_cast<int>(k);
        index -= n;
    }
    return -1;
}

std::int64_t Protocol::firstTrialOf(int phase) const {
    std::int64_t first = 0;
    for (int k = 0; k < phase && k < static_cast<int>(phases.size()); ++k)
        first += phases[static_cast<size_t>(k)].trialCount();
    return first;
}

const Trial* Protocol::trial(std::int64_t index) const {
    const int k = phaseOf(index);
    if (k < 0)
        return nullptr;
    const ProtocolPhase& p = phases[static_cast<size_t>(k)];
    const std::int64_t within = index - firstTrialOf(k);
    return &p.trials[static_cast<size_t>(within % static_cast<std::int64_t>(p.trials.size()))];
}

std::vector<std::string> Protocol::validate(const NetworkSpec& spec) const {
    std::vector<std::string> problems;
    if (phases.empty())
        problems.push_back("the protocol has no phases");
    for (size_t k = 0; k < phases.size(); ++k) {
        const ProtocolPhase& p = phases[k];
        const std::string name =
            "phase " + std::to_string(k + 1) + (p.name.empty() ? "" : " (" + p.name + ")");
        if (p.trials.empty())
            problems.push_back(name + ": no trials");
        if (p.repeats < 1 || p.repeats > 1'000'000'000)
            problems.push_back(name + ": repeats must be between 1 and 1000000000");
        for (size_t t = 0; t < p.trials.size(); ++t)
            for (const std::string& problem : validateTrial(p.trials[t], spec))
                problems.push_back(name + ", trial " + std::to_string(t + 1) + ": " + problem);
    }
    return problems;
}

}  // namespace engine
