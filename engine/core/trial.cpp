#include "engine/core/trial.h"

namespace engine {

Trial Trial::single(const Vector& input, const Vector& target) {
    Trial t;
    t.input = input;
    t.target = target;
    return t;
}

std::vector<std::string> validateTrial(const Trial& trial, const NetworkSpec& spec) {
    std::vector<std::string> problems;
    const Index n0 = spec.sizes.front(), nL = spec.sizes.back();
    if (trial.input.cols() < 1)
        problems.push_back("the trial has no samples");
    if (trial.input.rows() != n0)
        problems.push_back("input has " + std::to_string(trial.input.rows()) +
                           " values per sample, the input layer has " + std::to_string(n0));
    if (trial.target.rows() != nL)
        problems.push_back("target has " + std::to_string(trial.target.rows()) +
                           " values per sample, the output layer has " + std::to_string(nL));
    if (trial.target.cols() != trial.input.cols())
        problems.push_back("input has " + std::to_string(trial.input.cols()) + " samples, target " +
                           std::to_string(trial.target.cols()));
    if (trial.mask.size() != 0) {
        if (trial.mask.rows() != trial.target.rows() || trial.mask.cols() != trial.target.cols())
            problems.push_back("the target mask must have the target's shape");
        else if (!((trial.mask.array() == 0.0) || (trial.mask.array() == 1.0)).all())
            problems.push_back("target mask entries must be 0 or 1");
    }
    if (!trial.input.allFinite())
        problems.push_back("input contains NaN or infinite values");
    // A masked target may hold anything (it is never used); supervised ones must be finite.
    if (trial.mask.size() == trial.target.size() && trial.mask.size() != 0) {
        if (!(trial.mask.array() == 0.0 || trial.target.array().isFinite()).all())
            problems.push_back("target contains NaN or infinite values");
    } else if (!trial.target.allFinite()) {
        problems.push_back("target contains NaN or infinite values");
    }
    return problems;
}

Scalar trialLoss(const Network& net, const Trial& trial) {
    Matrix err = trial.target - net.predict(trial.input);
    // select, not a product: a masked target may be NaN and NaN * 0 is NaN.
    if (trial.mask.size() != 0)
        err = (trial.mask.array() == 0.0).select(0.0, err);
    return 0.5 * err.squaredNorm();
}

}  // namespace engine
