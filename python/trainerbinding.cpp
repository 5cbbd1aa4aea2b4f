// prospect.Trainer: the dataset experiments' mini-batch trainer (engine/core/batchtrainer.h) on a
// plain layered network, fed rows of numpy arrays, trained without the GIL.

#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>

#include "engine/core/batchtrainer.h"
#include "python/bindings.h"

namespace py = pybind11;

namespace prospect_python {

namespace {

using engine::BatchTrainer;
using engine::Index;
using engine::Matrix;

std::unique_ptr<BatchTrainer> makeTrainer(const engine::Network& net, const std::string& rule,
                                          Index batch, double alpha, int T, double gamma0,
                                          double discount) {
    raiseProblems("the trainer cannot train this network:", BatchTrainer::unsupported(net.spec()));
    const engine::PcConfig config{alpha, T, gamma0, discount};
    raiseProblems("the settings are not valid:", config.validate());
    if (batch < 1)
        throw py::value_error("batch: must be at least 1");
    if (rule != "pc" && rule != "bp")
        throw py::value_error("rule: '" + rule + "' is not 'bp' or 'pc'");
    return std::make_unique<BatchTrainer>(rule == "pc" ? engine::Rule::PC : engine::Rule::BP, net,
                                          config, batch);
}

/// Trains on rows of `inputs` and `targets` (one sample per row) in consecutive batches of
/// `batch`; the last batch may be smaller. Returns the trials trained (fewer on divergence).
std::int64_t trainRows(BatchTrainer& t, const Matrix& inputs, const Matrix& targets, Index batch) {
    if (inputs.rows() != targets.rows())
        throw py::value_error("inputs and targets need the same number of rows (samples)");
    if (inputs.cols() != t.size(0) || targets.cols() != t.size(t.depth()))
        throw py::value_error("inputs need " + std::to_string(t.size(0)) + " columns and targets " +
                              std::to_string(t.size(t.depth())));
    if (batch < 1)
        throw py::value_error("batch: must be at least 1");
    py::gil_scoped_release release;
    // Columns are samples in the engine: one transposed copy, then contiguous column blocks.
    const Matrix x = inputs.transpose(), y = targets.transpose();
    std::int64_t trained = 0;
    for (Index k = 0; k < x.cols(); k += batch) {
        const Index b = std::min(batch, x.cols() - k);
        if (!t.train(x.middleCols(k, b), y.middleCols(k, b)))
            break;
        ++trained;
    }
    return trained;
}

}  // namespace

void bindTrainer(py::module_& m) {
    py::class_<BatchTrainer>(m, "Trainer",
                             "Fast mini-batch training of one rule on a plain layered network (no "
                             "bias, no mask): the dataset experiments' trainer.")
        .def(py::init(&makeTrainer), py::arg("network"), py::arg("rule") = "pc",
             py::arg("batch") = 1, py::kw_only(), py::arg("alpha") = 0.1, py::arg("T") = 64,
             py::arg("gamma0") = 0.1, py::arg("discount") = 0.5,
             "A trainer of `rule` from `network`'s weights; `batch` is the largest batch.")
        .def("train", &trainRows, py::arg("inputs"), py::arg("targets"), py::arg("batch") = 1,
             "Trains on the rows (samples) in batches of `batch`, without the GIL; returns the "
             "trials trained.")
        .def(
            "weight",
            [](const BatchTrainer& t, Index l) {
                if (l < 1 || l > t.depth())
                    throw py::index_error("weight layer " + std::to_string(l) +
                                          " does not exist (1.." + std::to_string(t.depth()) + ")");
                return Matrix(t.weight(l));
            },
            py::arg("layer"), "W^l (n_l x n_{l-1}).")
        .def_property_readonly("network", &BatchTrainer::network, "The network as trained so far.")
        .def_property_readonly(
            "loss", &BatchTrainer::loss,
            "Loss of the last trial's feed-forward pass (summed over its batch).")
        .def_property_readonly("trials", &BatchTrainer::trials)
        .def_property_readonly("problem", &BatchTrainer::problem);
}

}  // namespace prospect_python
