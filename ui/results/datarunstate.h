#pragma once

// The state of one press of Run in a DataTab, shared by the worker threads and the GUI thread
// (internal to datatab*.cpp). The threads write only their own entry of `results` and go through
// `live` for everything the GUI reads while they run.

#include <atomic>
#include <memory>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/experiments/dataplan.h"
#include "ui/results/datalive.h"
#include "ui/results/datatab.h"

namespace ui {

struct DataTab::RunState {
    RunState(engine::experiments::DataPlan p, std::shared_ptr<const engine::data::Dataset> d)
        : plan(std::move(p)),
          data(std::move(d)),
          strip(stripImages(plan, *data)),
          live(plan.cells.size()),
          results(plan.cells.size()) {}

    const engine::experiments::DataPlan plan;
    const std::shared_ptr<const engine::data::Dataset> data;
    const std::vector<engine::Index> strip;  ///< The strip's test images.
    LiveGrid live;
    std::atomic<bool> cancel{false};  ///< Stops the running cells within a batch.
    std::vector<engine::experiments::DataCellResult> results;
    bool complete = false;  ///< Every cell ran (set on the GUI thread at the end).
};

}  // namespace ui
