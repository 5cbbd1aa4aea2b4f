#pragma once

// The "lesson" field of a scenario file (docs/scenario-format.md): read field by field with the
// scenario reader's JsonReader, and written in the writer's field order. Internal to
// engine/scenario.

#include <nlohmann/json.hpp>

#include "engine/scenario/jsonreader.h"
#include "engine/scenario/scenario.h"

namespace engine {

/// Reads `j` into s.lesson: a string (one step with that text) or, from version 2 on, an object
/// with title, figure and steps. The network must have been read (actions name its neurons).
void readLesson(const JsonReader& r, const Json& j, std::int64_t version, Scenario& s);

/// s.lesson as it is written: a string for a lesson of one plain step, an object otherwise.
/// Actions that no longer fit the (edited) network are left out, so the file reads back.
nlohmann::ordered_json lessonJson(const Scenario& s);

}  // namespace engine
