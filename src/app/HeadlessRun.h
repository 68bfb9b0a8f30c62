#pragma once

#include "stream/KafkaSelection.h"

namespace pitwall {

// Runs one race without a window for durationSeconds. Progress goes to stderr; the last
// line of stdout is a JSON summary. Returns the process exit code.
int runHeadless(const KafkaSelection &kafka, int durationSeconds);

} // namespace pitwall
