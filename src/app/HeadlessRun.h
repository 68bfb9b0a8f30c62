#pragma once

#include "pipeline/RaceSession.h"
#include "stream/KafkaSelection.h"

namespace pitwall {

// Runs one race without a window: to the chequered flag, or for durationSeconds of wall
// clock when that is non-zero. Progress goes to stderr; the last line of stdout is a
// JSON summary. Returns the process exit code.
int runHeadless(const KafkaSelection &kafka, const SessionOptions &session, int durationSeconds);

} // namespace pitwall
