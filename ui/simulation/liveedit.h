#pragma once

#include <QMetaType>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "engine/scenario/scenario.h"

namespace ui {

/// A change to the running simulations (a "live edit"), made between micro-steps to both rules
/// at once; the run goes on from there. SimulationWorker::liveEdit applies it.
struct LiveEdit {
    enum class Kind {
        Weight,      ///< Both rules' W^layer[post, pre] := value.
        UndoWeight,  ///< Both rules' weight back to what each had before the edit `id`.
        Trial,       ///< The trial list is now `scenario`'s; a trial in progress that is entry
                     ///< `trialIndex` takes its new input and target at once.
    };
    Kind kind = Kind::Weight;
    /// One per undo step: the edits of one drag share it, so that undo goes back to the values
    /// from before the drag's first change.
    std::uint64_t id = 0;
    int layer = 0, post = 0, pre = 0;  ///< Weight, UndoWeight: the synapse.
    double value = 0.0;                ///< Weight: the new value.
    std::size_t trialIndex = 0;        ///< Trial: the edited entry of the trial list.
    /// Trial: the scenario with the edited trial list (the trials from now on).
    std::shared_ptr<const engine::Scenario> scenario;
    /// What it is, for the status bar and the timeline ("h1 → smell = -1").
    QString text;
};

using LiveEditPtr = std::shared_ptr<const LiveEdit>;

}  // namespace ui

Q_DECLARE_METATYPE(ui::LiveEditPtr)
