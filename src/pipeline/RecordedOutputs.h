#pragma once
// The pipeline's outputs as a race recorded them (anomalies, forecasts, commentary), read
// from the library in one go: what a re-run of the race is compared with.

#include "RaceViewFeed.h"
#include "core/Expected.h"

namespace pitwall {

// Undecodable recorded messages are skipped and counted in `rejected`.
Expected<RaceViewBatch> loadRecordedOutputs(const QString &libraryPath, const QString &raceId, quint64 *rejected = nullptr);

} // namespace pitwall
