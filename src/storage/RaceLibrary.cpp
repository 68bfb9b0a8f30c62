#include "RaceLibrary.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QSqlError>
#include <QSqlQuery>

namespace pitwall {

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

RaceRecord raceFrom(const QSqlQuery &query)
{
    RaceRecord race;
    race.id = query.value(0).toString();
    race.name = query.value(1).toString();
    race.circuit = query.value(2).toString();
    race.startedAtMs = query.value(3).toLongLong();
    race.laps = query.value(4).toInt();
    race.seed = query.value(5).toULongLong();
    race.followedDriver = query.value(6).toString();
    for (const auto &driver : QJsonDocument::fromJson(query.value(7).toByteArray()).array())
        race.drivers << driver.toString();
    race.options = QJsonDocument::fromJson(query.value(8).toByteArray()).object();
    race.state = query.value(9).toString();
    race.result = QJsonDocument::fromJson(query.value(10).toByteArray()).object();
    race.durationMs = query.value(11).toLongLong();
    race.messageCount = query.value(12).toLongLong();
    race.storedBytes = query.value(13).toLongLong();
    return race;
}

const QString kRaceColumns = QStringLiteral("id, name, circuit, started_at, laps, seed, followed_driver, drivers, options, "
                                            "state, result, duration_ms, message_count, stored_bytes");

} // namespace

QString recordingLockPath(const QString &libraryPath, const QString &raceId)
{
    return QFileInfo(libraryPath).absoluteFilePath() + QStringLiteral(".") + raceId + QStringLiteral(".recording.lock");
}

Expected<bool> storeRaceRow(QSqlDatabase &db, const RaceRecord &race)
{
    QSqlQuery query(db);
    // An upsert, not INSERT OR REPLACE: a replace deletes the row first, and the delete
    // would cascade to the race's chunks.
    QStringList updates;
    for (const auto &column : kRaceColumns.split(QStringLiteral(", ")).mid(1))
        updates << QStringLiteral("%1 = excluded.%1").arg(column);
    query.prepare(QStringLiteral("INSERT INTO races (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                 "ON CONFLICT(id) DO UPDATE SET %2")
                      .arg(kRaceColumns, updates.join(QStringLiteral(", "))));
    // A null QString binds as SQL NULL; the text columns are NOT NULL.
    const auto text = [](const QString &value) { return QVariant(value.isNull() ? QStringLiteral("") : value); };
    for (const QVariant &value :
         {text(race.id), text(race.name), text(race.circuit), QVariant(race.startedAtMs), QVariant(race.laps),
          QVariant(qint64(race.seed)), text(race.followedDriver),
          QVariant(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(race.drivers)).toJson(QJsonDocument::Compact))),
          QVariant(compact(race.options)), text(race.state), QVariant(compact(race.result)), QVariant(race.durationMs),
          QVariant(race.messageCount), QVariant(race.storedBytes)})
        query.addBindValue(value);
    if (!query.exec())
        return Error{sqlError(QStringLiteral("storing race %1").arg(race.id), query)};
    return true;
}

Expected<bool> storeChunks(QSqlDatabase &db, const QString &raceId, qint64 &nextSeq, std::span<const RecordedMessage> messages,
                           qint64 &storedBytes)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO chunks (race_id, seq, first_ms, last_ms, count, data) VALUES (?, ?, ?, ?, ?, ?)"));
    for (size_t first = 0; first < messages.size(); first += kChunkMessages) {
        const auto part = messages.subspan(first, std::min(kChunkMessages, messages.size() - first));
        const QByteArray blob = chunk::encode(part);
        query.bindValue(0, raceId);
        query.bindValue(1, nextSeq);
        query.bindValue(2, part.front().raceMs);
        query.bindValue(3, part.back().raceMs);
        query.bindValue(4, qint64(part.size()));
        query.bindValue(5, blob);
        if (!query.exec())
            return Error{sqlError(QStringLiteral("storing messages of race %1").arg(raceId), query)};
        ++nextSeq;
        storedBytes += blob.size();
    }
    return true;
}

Expected<std::unique_ptr<RaceLibrary>> RaceLibrary::open(const QString &path)
{
    auto database = LibraryDatabase::open(path);
    if (!database)
        return database.error();
    return std::unique_ptr<RaceLibrary>(new RaceLibrary(std::move(database).value()));
}

RaceLibrary::RaceLibrary(std::unique_ptr<LibraryDatabase> database)
    : m_database(std::move(database))
{
}

Expected<std::vector<RaceRecord>> RaceLibrary::list()
{
    QSqlQuery query(m_database->db());
    if (!query.exec(QStringLiteral("SELECT %1 FROM races ORDER BY started_at DESC").arg(kRaceColumns)))
        return Error{sqlError(QStringLiteral("listing races"), query)};
    std::vector<RaceRecord> races;
    while (query.next())
        races.push_back(raceFrom(query));
    return races;
}

Expected<std::optional<RaceRecord>> RaceLibrary::find(const QString &raceId)
{
    QSqlQuery query(m_database->db());
    query.prepare(QStringLiteral("SELECT %1 FROM races WHERE id = ?").arg(kRaceColumns));
    query.addBindValue(raceId);
    if (!query.exec())
        return Error{sqlError(QStringLiteral("looking up race %1").arg(raceId), query)};
    if (!query.next())
        return std::optional<RaceRecord>();
    return std::optional<RaceRecord>(raceFrom(query));
}

Expected<bool> RaceLibrary::rename(const QString &raceId, const QString &name)
{
    if (name.trimmed().isEmpty() || name.size() > 200)
        return Error{QStringLiteral("a race's name must have 1 to 200 characters")};
    QSqlQuery query(m_database->db());
    query.prepare(QStringLiteral("UPDATE races SET name = ? WHERE id = ?"));
    query.addBindValue(name.trimmed());
    query.addBindValue(raceId);
    if (!query.exec())
        return Error{sqlError(QStringLiteral("renaming race %1").arg(raceId), query)};
    if (query.numRowsAffected() == 0)
        return Error{QStringLiteral("no race %1 in the library").arg(raceId)};
    return true;
}

Expected<bool> RaceLibrary::remove(const QString &raceId)
{
    auto &db = m_database->db();
    if (!db.transaction())
        return Error{QStringLiteral("deleting race %1: %2").arg(raceId, sqlErrorText(db.lastError()))};
    QSqlQuery chunks(db), race(db);
    chunks.prepare(QStringLiteral("DELETE FROM chunks WHERE race_id = ?"));
    chunks.addBindValue(raceId);
    race.prepare(QStringLiteral("DELETE FROM races WHERE id = ?"));
    race.addBindValue(raceId);
    if (!chunks.exec() || !race.exec()) {
        const QString error = sqlError(QStringLiteral("deleting race %1").arg(raceId), chunks.lastError().isValid() ? chunks : race);
        db.rollback();
        return Error{error};
    }
    const bool existed = race.numRowsAffected() > 0;
    if (!db.commit())
        return Error{QStringLiteral("deleting race %1: %2").arg(raceId, sqlErrorText(db.lastError()))};
    if (!existed)
        return Error{QStringLiteral("no race %1 in the library").arg(raceId)};
    return true;
}

Expected<bool> RaceLibrary::read(const QString &raceId, qint64 fromMs,
                                 const std::function<bool(const std::vector<RecordedMessage> &)> &each)
{
    // The first chunk that reaches `fromMs`, from the index (times never go back with seq).
    QSqlQuery start(m_database->db());
    // INDEXED BY: left to itself SQLite walks the primary key, reading every blob before it.
    start.prepare(QStringLiteral("SELECT seq FROM chunks INDEXED BY chunks_by_end WHERE race_id = ? AND last_ms >= ? "
                                 "ORDER BY last_ms, seq LIMIT 1"));
    start.addBindValue(raceId);
    start.addBindValue(fromMs);
    if (!start.exec())
        return Error{sqlError(QStringLiteral("reading race %1").arg(raceId), start)};
    if (!start.next())
        return true; // nothing from there on
    const qint64 firstSeq = start.value(0).toLongLong();
    start.finish();
    QSqlQuery query(m_database->db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT data FROM chunks WHERE race_id = ? AND seq >= ? ORDER BY seq"));
    query.addBindValue(raceId);
    query.addBindValue(firstSeq);
    if (!query.exec())
        return Error{sqlError(QStringLiteral("reading race %1").arg(raceId), query)};
    while (query.next()) {
        auto messages = chunk::decode(query.value(0).toByteArray());
        if (!messages)
            return Error{QStringLiteral("race %1: %2").arg(raceId, messages.error().message)};
        auto &all = messages.value();
        if (fromMs > 0)
            all.erase(all.begin(), std::find_if(all.begin(), all.end(), [fromMs](const auto &m) { return m.raceMs >= fromMs; }));
        if (!all.empty() && !each(all))
            break;
    }
    return true;
}

Expected<bool> RaceLibrary::add(const RaceRecord &race, const std::vector<RecordedMessage> &messages)
{
    bool given = false;
    return addStreamed(race, [&](std::vector<RecordedMessage> &batch) -> Expected<bool> {
        if (given)
            return false;
        batch = messages;
        given = true;
        return true;
    });
}

Expected<bool> RaceLibrary::addStreamed(const RaceRecord &race, const NextBatch &next)
{
    auto &db = m_database->db();
    auto existing = find(race.id);
    if (!existing)
        return existing.error();
    if (existing.value())
        return Error{QStringLiteral("race %1 is already in the library (as \"%2\"); delete it first to replace it")
                         .arg(race.id, existing.value()->name)};
    if (!db.transaction())
        return Error{QStringLiteral("adding race %1: %2").arg(race.id, sqlErrorText(db.lastError()))};
    RaceRecord stored = race;
    stored.messageCount = 0;
    stored.storedBytes = 0;
    qint64 seq = 0;
    Expected<bool> written = storeRaceRow(db, stored);
    std::vector<RecordedMessage> batch;
    bool fromNext = false; // the error is the source's (already said), not the database's
    while (written) {
        batch.clear();
        auto more = next(batch);
        if (!more) {
            written = more.error();
            fromNext = true;
            break;
        }
        if (!batch.empty()) {
            stored.messageCount += qint64(batch.size());
            stored.durationMs = batch.back().raceMs;
            written = storeChunks(db, race.id, seq, batch, stored.storedBytes);
        }
        if (!more.value())
            break;
    }
    if (written)
        written = storeRaceRow(db, stored); // with its size
    if (!written || !db.commit()) {
        const QString error = written ? sqlErrorText(db.lastError()) : written.error().message;
        db.rollback();
        if (fromNext)
            return Error{error};
        return Error{QStringLiteral("adding race %1: %2").arg(race.id, error)};
    }
    return true;
}

Expected<std::vector<RaceRecord>> RaceLibrary::repairInterrupted()
{
    auto races = list();
    if (!races)
        return races.error();
    std::vector<RaceRecord> repaired;
    for (auto race : races.value()) {
        if (race.state != QLatin1String("recording"))
            continue;
        QLockFile lock(recordingLockPath(path(), race.id));
        lock.setStaleLockTime(0); // only a dead owner frees it, never its age: a race may run for hours
        if (!lock.tryLock(0))
            continue; // its recorder is alive
        // Its real end: the last message stored (the row may lag a batch behind).
        QSqlQuery stored(m_database->db());
        stored.prepare(QStringLiteral("SELECT COALESCE(MAX(last_ms), 0), COALESCE(SUM(count), 0), COALESCE(SUM(LENGTH(data)), 0) "
                                      "FROM chunks WHERE race_id = ?"));
        stored.addBindValue(race.id);
        if (!stored.exec() || !stored.next())
            return Error{sqlError(QStringLiteral("repairing race %1").arg(race.id), stored)};
        race.durationMs = stored.value(0).toLongLong();
        race.messageCount = stored.value(1).toLongLong();
        race.storedBytes = stored.value(2).toLongLong();
        stored.finish();
        race.state = QStringLiteral("interrupted");
        race.result.insert(QStringLiteral("finished"), false);
        race.result.insert(QStringLiteral("interrupted"), true);
        if (auto written = storeRaceRow(m_database->db(), race); !written)
            return written.error();
        repaired.push_back(race);
    }
    return repaired;
}

} // namespace pitwall
