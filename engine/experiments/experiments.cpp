#include "engine/experiments/experiments.h"

#include <cassert>
#include <limits>

#include "engine/core/metrics.h"
#include "engine/core/random.h"

namespace engine::experiments {

NetworkSpec bearSpec() {
    return NetworkSpec::layered({1, 1, 2}, Activation::Identity, Initialiser::constant(1.0));
}

Trial bearTrial() {
    Vector input(1), target(2);
    input << 1.0;
    target << 0.0, 1.0;
    return Trial::single(input, target);
}

namespace {

std::string pairProblem(const LockstepPair& pair) {
    return !pair.bp().problem().empty() ? pair.bp().problem() : pair.pc().problem();
}

}  // namespace

Observations<OutputRow> interference(Scalar alpha, int trials, const PcConfig& pc) {
    const Network net(bearSpec(), 0);
    PcConfig pcConfig = pc;
    pcConfig.alpha = alpha;
    LockstepPair pair(net, BpConfig{alpha}, pcConfig, {bearTrial()});
    assert(pair.problems().empty());
    const Matrix input = bearTrial().input;
    std::vector<OutputRow> bpRows, pcRows;
    for (int k = 1; k <= trials; ++k) {
        bpRows.push_back({Rule::BP, alpha, k, pair.bp().network().predict(input).col(0)});
        pcRows.push_back({Rule::PC, alpha, k, pair.pc().network().predict(input).col(0)});
        if (!pair.stepTrial())
            break;
    }
    bpRows.insert(bpRows.end(), pcRows.begin(), pcRows.end());
    return {std::move(bpRows), pairProblem(pair)};
}

NetworkSpec trajectorySpec() {
    NetworkSpec spec =
        NetworkSpec::layered({1, 2, 2}, Activation::Identity, Initialiser::constant(0.0));
    Matrix diag(2, 2);
    diag << 1.0, 0.0, 0.0, 2.0;
    spec.weight(2).init = Initialiser::explicitWeights(diag);
    spec.weight(2).mask = Matrix::Identity(2, 2);
    spec.weight(2).trainable = false;
    return spec;
}

Trial trajectoryTrial() {
    Vector input(1), target(2);
    input << 1.0;
    target << 1.0, 1.0;
    return Trial::single(input, target);
}

Observations<WeightRow> trajectories122(int trials, const TrajectoryConfig& config) {
    const Network net(trajectorySpec(), 0);
    LockstepPair pair(net, BpConfig{config.bpAlpha}, config.pc, {trajectoryTrial()});
    assert(pair.problems().empty());
    std::vector<WeightRow> bpRows, pcRows;
    for (int k = 1; k <= trials; ++k) {
        const Matrix& wb = pair.bp().network().weight(1);
        const Matrix& wp = pair.pc().network().weight(1);
        bpRows.push_back({Rule::BP, k, wb(0, 0), wb(1, 0)});
        pcRows.push_back({Rule::PC, k, wp(0, 0), wp(1, 0)});
        if (!pair.stepTrial())
            break;
    }
    bpRows.insert(bpRows.end(), pcRows.begin(), pcRows.end());
    return {std::move(bpRows), pairProblem(pair)};
}

NetworkSpec deepSpec(int depth, const DeepNetConfig& config) {
    std::vector<Index> sizes(static_cast<size_t>(depth + 1), config.width);
    return NetworkSpec::layered(std::move(sizes), config.activation,
                                Initialiser::xavierUniform(1.0));
}

Trial randomSample(Index inputs, Index outputs, std::uint64_t seed, Scalar targetStd) {
    // Its own stream, so the sample is the same for every depth (and net) of one seed.
    Random rng(seed ^ 0x9E3779B97F4A7C15ULL);
    Trial trial;
    trial.input = rng.normalMatrix(inputs, 1);
    trial.target = rng.normalMatrix(outputs, 1, 0.0, targetStd);
    return trial;
}

DeepSetup deepSetup(int depth, std::uint64_t seed, const DeepNetConfig& config) {
    Network net(deepSpec(depth, config), seed);
    Trial trial = randomSample(config.width, config.width, seed);
    return {std::move(net), std::move(trial)};
}

AlignmentResult targetAlignmentRun(int depth, std::uint64_t seed, const DeepNetConfig& config) {
    DeepSetup setup = deepSetup(depth, seed, config);
    LockstepPair pair(setup.net, BpConfig{config.pc.alpha}, config.pc, {setup.trial});
    assert(pair.problems().empty());
    const Matrix before = setup.net.predict(setup.trial.input);
    AlignmentResult r;
    if (!pair.stepTrial()) {
        r.bp = r.pc = std::numeric_limits<Scalar>::quiet_NaN();
        r.problem = pairProblem(pair);
        return r;
    }
    r.bp =
        targetAlignment(before, pair.bp().network().predict(setup.trial.input), setup.trial.target);
    r.pc =
        targetAlignment(before, pair.pc().network().predict(setup.trial.input), setup.trial.target);
    return r;
}

Observations<Scalar> prospectiveIndexRun(int depth, std::uint64_t seed,
                                         const DeepNetConfig& config) {
    DeepSetup setup = deepSetup(depth, seed, config);
    Simulation pc(setup.net, config.pc);
    pc.setTrials({setup.trial});
    const std::vector<Matrix> before = setup.net.forward(setup.trial.input);
    if (!pc.stepTrial())
        return {std::vector<Scalar>(static_cast<size_t>(depth),
                                    std::numeric_limits<Scalar>::quiet_NaN()),
                pc.problem()};
    // Relaxed value nodes; at the output the clamped target.
    std::vector<Matrix> relaxed(before.size());
    for (size_t l = 0; l < before.size(); ++l)
        relaxed[l] = pc.activity(static_cast<Index>(l));
    relaxed.back() = setup.trial.target;
    return {prospectiveIndex(before, relaxed, pc.network().forward(setup.trial.input)), {}};
}

}  // namespace engine::experiments
