#pragma once
// The race library's catalogue and reader: list, look up, rename and delete races, add a
// race with its messages in one transaction (import), and read a race's messages back in
// the order they were produced, from any moment (replay, export, seek).

#include "LibraryDatabase.h"
#include "MessageChunk.h"
#include "RaceRecord.h"

#include <functional>
#include <optional>

namespace pitwall {

class RaceLibrary {
public:
    static Expected<std::unique_ptr<RaceLibrary>> open(const QString &path = LibraryDatabase::defaultPath());

    // Newest first.
    Expected<std::vector<RaceRecord>> list();
    Expected<std::optional<RaceRecord>> find(const QString &raceId);
    Expected<bool> rename(const QString &raceId, const QString &name);
    Expected<bool> remove(const QString &raceId);

    // Calls `each` with the race's messages from race time `fromMs` on, chunk by chunk, in
    // order; `each` returns false to stop early.
    Expected<bool> read(const QString &raceId, qint64 fromMs, const std::function<bool(const std::vector<RecordedMessage> &)> &each);

    // Adds a complete race (e.g. an import): all of it or, on any error, nothing.
    Expected<bool> add(const RaceRecord &race, const std::vector<RecordedMessage> &messages);
    // The same, its messages streamed: `next` fills the next batch (in order) and returns
    // false after the last one; one transaction, so an error (its or next's) stores nothing.
    using NextBatch = std::function<Expected<bool>(std::vector<RecordedMessage> &batch)>;
    Expected<bool> addStreamed(const RaceRecord &race, const NextBatch &next);

    // Races left in state "recording" by a recorder that is gone (killed, power cut): marked
    // "interrupted", their duration and counts taken from what was stored. A race whose
    // recorder still runs (it holds its recording lock) is left alone. Returns those repaired.
    Expected<std::vector<RaceRecord>> repairInterrupted();

    const QString &path() const { return m_database->path(); }

private:
    explicit RaceLibrary(std::unique_ptr<LibraryDatabase> database);
    std::unique_ptr<LibraryDatabase> m_database;
};

// The lock file a recorder holds while it records `raceId` into the library at `libraryPath`
// (QLockFile: a lock whose process is gone counts as free).
QString recordingLockPath(const QString &libraryPath, const QString &raceId);

// Writes one race row (insert or replace): shared by the recorder and add().
Expected<bool> storeRaceRow(QSqlDatabase &db, const RaceRecord &race);
// Messages per stored chunk: a seek decodes one chunk (~1 s of a 20-car race at 10 Hz).
inline constexpr size_t kChunkMessages = 2000;
// Appends a race's messages as chunks of at most kChunkMessages, numbered from `nextSeq`
// (advanced past them); adds their compressed size to `storedBytes`.
Expected<bool> storeChunks(QSqlDatabase &db, const QString &raceId, qint64 &nextSeq, std::span<const RecordedMessage> messages,
                           qint64 &storedBytes);

} // namespace pitwall
