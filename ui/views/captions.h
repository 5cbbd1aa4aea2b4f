#pragma once

#include <QString>
#include <QStringList>
#include <string>
#include <vector>

#include "engine/core/simulation.h"
#include "ui/simulation/frame.h"

namespace ui {

/// One line saying what the last micro-step of a rule computed, e.g.
/// "PC: relaxing, iteration 17/128 - energy 0.042".
QString phaseCaption(const engine::Snapshot& s);

/// The status-bar text for a frame: both rules' trial, phase, iteration, energy and loss, and
/// the speed.
QString statusText(const Frame& frame);

/// Plain names (of inputs, outputs, ...) as Qt strings.
QStringList qtNames(const std::vector<std::string>& names);

}  // namespace ui
