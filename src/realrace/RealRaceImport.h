#pragma once
// Importing a real race: from a live-timing session folder, a zip of one, or OpenF1
// files, read, turned into a Pit Wall race and added to the library in one transaction
// (all of it or nothing). Shared by `pitwall import-race` and Library ▸ Import real race.
// Runs on the caller's thread: the window calls it from a worker.

#include "RealRaceBuilder.h"
#include "core/Expected.h"

#include <atomic>
#include <functional>

namespace pitwall {
class RaceLibrary;
}

namespace pitwall::realrace {

struct RealImportResult {
    RaceRecord record;
    QStringList report; // what was read, derived, missing, skipped
    qint64 linesRead = 0;
    qint64 issueCount = 0;
    double readSeconds = 0;
    double buildSeconds = 0;
    double storeSeconds = 0;
};

// Progress: a stage in words ("Reading", "Building the race", "Storing") and 0-100.
using ImportProgress = std::function<void(const QString &stage, int percent)>;

// `paths`: one session folder, one zip, or OpenF1 files/folders. `cancel` is checked
// between stages; a cancelled import adds nothing.
Expected<RealImportResult> importRealRace(RaceLibrary &library, const QStringList &paths, const ImportProgress &progress = {},
                                          const std::atomic<bool> *cancel = nullptr);

// Reading only (no library): the session a path holds, for tests and benchmarks.
Expected<sources::RealSession> readRealSession(const QStringList &paths);

// "51 laps, 20 drivers, winner Lewis Hamilton" for the command line and the window.
QString oneLineSummary(const RaceRecord &record);

} // namespace pitwall::realrace
