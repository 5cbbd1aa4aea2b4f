#include "engine/core/choicetask.h"

#include <cassert>
#include <cmath>

namespace engine {

namespace {

constexpr unsigned long long DrawsPerTrial = 3;

}  // namespace

/// What the task needs to go on after `made` trials (the stream position follows from it).
struct ChoiceTask::State {
    std::int64_t made = 0;
    int correct = 0;
    int streak = 0;
    bool armed = false;
};

void ChoiceTask::setState(const State& state) {
    m_made = state.made;
    m_correct = state.correct;
    m_streak = state.streak;
    m_armed = state.armed;
    m_rng = Random(m_seed);
    m_rng.discard(DrawsPerTrial * static_cast<unsigned long long>(state.made));
    if (m_history.size() > static_cast<size_t>(state.made))
        m_history.resize(static_cast<size_t>(state.made));
}

std::uint64_t ChoiceTask::seedFor(std::uint64_t runSeed) {
    // Its own stream, so the choices do not reuse the numbers that drew the weights.
    return Random(runSeed ^ 0xC0FFEE123456789ULL).next();
}

std::vector<std::string> ChoiceTaskConfig::validate(Index inputs, Index outputs) const {
    std::vector<std::string> problems;
    const auto n = static_cast<Index>(rewardProbabilities.size());
    if (n < 2)
        problems.push_back("a choice task needs at least two options");
    if (n != outputs)
        problems.push_back("the task has " + std::to_string(n) + " options, the network " +
                           std::to_string(outputs) + " outputs");
    for (Scalar p : rewardProbabilities)
        if (!std::isfinite(p) || p < 0.0 || p > 1.0)
            problems.push_back("reward probabilities must be in [0, 1]");
    if (!std::isfinite(reward) || !std::isfinite(punishment))
        problems.push_back("reward and punishment must be finite");
    if (!std::isfinite(inverseTemperature) || inverseTemperature < 0.0)
        problems.push_back("the inverse temperature must be finite and >= 0");
    if (reversalStreak < 0)
        problems.push_back("the reversal streak must be >= 0");
    if (!std::isfinite(reversalProbability) || reversalProbability < 0.0 ||
        reversalProbability > 1.0)
        problems.push_back("the reversal probability must be in [0, 1]");
    if (input.size() != 0 && (input.size() != inputs || !input.allFinite()))
        problems.push_back("the task input must have one finite value per network input (" +
                           std::to_string(inputs) + ")");
    return problems;
}

ChoiceTask::ChoiceTask(ChoiceTaskConfig config, std::uint64_t seed, Records records)
    : m_config(std::move(config)),
      m_seed(seed),
      m_rng(seed),
      m_keepRecords(records == Records::Keep) {}

TrialProvider ChoiceTask::provider(std::shared_ptr<ChoiceTask> task) {
    return [task](std::int64_t index, const Network& net, Trial& out) {
        task->makeTrial(index, net, out);
    };
}

ProviderMemory ChoiceTask::memory(std::shared_ptr<ChoiceTask> task) {
    ProviderMemory memory;
    memory.save = [task]() -> std::shared_ptr<const void> {
        return std::make_shared<const State>(
            State{task->m_made, task->m_correct, task->m_streak, task->m_armed});
    };
    memory.load = [task](const void* state) { task->setState(*static_cast<const State*>(state)); };
    return memory;
}

void ChoiceTask::attach(std::shared_ptr<ChoiceTask> task, Simulation& sim) {
    sim.setTrialProvider(provider(task), memory(task));
}

std::vector<ChoiceRecord> ChoiceTask::takeRecords() {
    std::vector<ChoiceRecord> taken;
    taken.swap(m_history);
    return taken;
}

bool ChoiceTask::rewind(std::int64_t trials) {
    assert(trials >= 0);
    if (trials >= m_made)
        return trials == m_made;
    if (!m_keepRecords || static_cast<std::int64_t>(m_history.size()) != m_made)
        return false;
    State state;
    state.made = trials;
    if (trials > 0) {
        const ChoiceRecord& last = m_history[static_cast<size_t>(trials - 1)];
        const auto n = static_cast<int>(m_config.rewardProbabilities.size());
        state.correct = last.reversedAfter ? (last.correctOption + 1) % n : last.correctOption;
        state.streak = last.streakAfter;
        state.armed = last.armedAfter;
    }
    setState(state);
    return true;
}

void ChoiceTask::makeTrial(std::int64_t index, const Network& net, Trial& out) {
    assert(m_config.validate(net.size(0), net.size(net.depth())).empty());
    if (index < m_made) {
        // Without records only a restored snapshot (memory()) can bring the task back.
        [[maybe_unused]] const bool rewound = rewind(index);
        assert(rewound);
    }
    const Index n = net.size(net.depth());
    const auto options = static_cast<int>(n);

    // Always three draws, used or not, so the stream position depends on the trial count only.
    const Scalar uChoice = m_rng.uniform();
    const Scalar uReward = m_rng.uniform();
    const Scalar uReversal = m_rng.uniform();

    if (m_config.input.size() != 0)
        out.input = m_config.input;
    else
        out.input.setOnes(net.size(0), 1);
    ChoiceRecord r;
    r.trial = index;
    r.values = net.predict(out.input).col(0);

    // P(i) = exp(beta (v_i - max v)) / sum_j exp(beta (v_j - max v)); pick the first option
    // whose cumulative probability exceeds uChoice.
    const Scalar top = r.values.maxCoeff();
    Vector p = (m_config.inverseTemperature * (r.values.array() - top)).exp().matrix();
    p /= p.sum();
    r.choice = options - 1;
    Scalar cumulative = 0.0;
    for (int i = 0; i < options; ++i) {
        cumulative += p(i);
        if (uChoice < cumulative) {
            r.choice = i;
            break;
        }
    }

    // The chosen option is rewarded with its probability under the current contingency.
    r.correctOption = m_correct;
    const int rank = ((r.choice - m_correct) % options + options) % options;
    const Scalar pReward = m_config.rewardProbabilities[static_cast<size_t>(rank)];
    r.reward = uReward < pReward ? m_config.reward : m_config.punishment;
    r.punished = !(uReward < pReward);

    // Only the chosen output is supervised; the others get no error.
    out.target.setZero(n, 1);
    out.mask.setZero(n, 1);
    out.target(r.choice, 0) = r.reward;
    out.mask(r.choice, 0) = 1.0;

    // After `reversalStreak` correct choices in a row a reversal is armed; each armed trial
    // reverses with reversalProbability. As in the authors' task, a reversal does not clear the
    // streak: it counts every choice that was correct on its own trial, so one more correct
    // choice right after a reversal arms the next one.
    m_streak = r.choice == m_correct ? m_streak + 1 : 0;
    if (m_config.reversalStreak > 0 && m_streak >= m_config.reversalStreak)
        m_armed = true;
    if (m_armed && uReversal < m_config.reversalProbability) {
        m_correct = (m_correct + 1) % options;
        m_armed = false;
        r.reversedAfter = true;
    }
    r.streakAfter = m_streak;
    r.armedAfter = m_armed;
    ++m_made;
    if (m_keepRecords)
        m_history.push_back(std::move(r));
}

}  // namespace engine
