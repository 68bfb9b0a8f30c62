#include "LibraryDatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

namespace pitwall {

namespace {

// Each entry takes the schema from version (index) to version (index + 1).
const char *const kMigrations[] = {
    // 0 -> 1: races, and their messages in order as compressed chunks (MessageChunk).
    "CREATE TABLE races ("
    "  id TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  circuit TEXT NOT NULL,"
    "  started_at INTEGER NOT NULL," // epoch ms of the race start
    "  laps INTEGER NOT NULL,"
    "  seed INTEGER NOT NULL,"
    "  followed_driver TEXT NOT NULL DEFAULT '',"
    "  drivers TEXT NOT NULL,"             // JSON array of names
    "  options TEXT NOT NULL,"             // JSON: what the race was run with
    "  state TEXT NOT NULL,"               // recording, finished, stopped, imported
    "  result TEXT NOT NULL DEFAULT '{}'," // JSON: classification, fastest lap...
    "  duration_ms INTEGER NOT NULL DEFAULT 0,"
    "  message_count INTEGER NOT NULL DEFAULT 0,"
    "  stored_bytes INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE chunks ("
    "  race_id TEXT NOT NULL REFERENCES races(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"      // order of recording
    "  first_ms INTEGER NOT NULL," // race time of its first and last message
    "  last_ms INTEGER NOT NULL,"
    "  count INTEGER NOT NULL,"
    "  data BLOB NOT NULL,"
    "  PRIMARY KEY (race_id, seq)) WITHOUT ROWID;"
    "CREATE INDEX chunks_by_time ON chunks(race_id, first_ms);",
    // 1 -> 2: seeks find their first chunk in an index instead of scanning the blobs.
    "DROP INDEX chunks_by_time;"
    "CREATE INDEX chunks_by_end ON chunks(race_id, last_ms, seq);",
};

Expected<bool> execAll(QSqlDatabase &db, const QString &script)
{
    for (const auto &statement : script.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (statement.trimmed().isEmpty())
            continue;
        QSqlQuery query(db);
        if (!query.exec(statement))
            return Error{sqlError(QStringLiteral("library schema"), query)};
    }
    return true;
}

} // namespace

QString sqlErrorText(const QSqlError &error)
{
    // SQLite's primary result code is the low byte of the (extended) native code.
    // Some failures (a commit) carry no code, only SQLite's standard wording.
    const int primary = error.nativeErrorCode().toInt() & 0xff;
    const QString text = error.text();
    if (primary == 13 || text.contains(QLatin1String("database or disk is full"))) // SQLITE_FULL
        return QStringLiteral("the disk is full (%1)").arg(text);
    if (primary == 10 || text.contains(QLatin1String("disk I/O error"))) // SQLITE_IOERR: full, a size limit, or failing
        return QStringLiteral("the disk refused the write: it may be full or failing (%1)").arg(text);
    return error.text();
}

QString sqlError(const QString &what, const QSqlQuery &query)
{
    return QStringLiteral("%1: %2").arg(what, sqlErrorText(query.lastError()));
}

QString LibraryDatabase::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/library.sqlite");
}

Expected<std::unique_ptr<LibraryDatabase>> LibraryDatabase::open(const QString &path)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error{QStringLiteral("cannot create the folder of the race library %1").arg(path)};
    const QString connection = QStringLiteral("pitwall-library-") + QUuid::createUuid().toString(QUuid::Id128);
    // No other handle to the connection may outlive `library`, or removing it warns.
    std::unique_ptr<LibraryDatabase> library(new LibraryDatabase(QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection), path));
    library->m_db.setDatabaseName(path);
    library->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!library->m_db.open())
        return Error{QStringLiteral("cannot open the race library %1: %2").arg(path, sqlErrorText(library->m_db.lastError()))};
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
        QSqlQuery query(library->m_db);
        if (!query.exec(QString::fromLatin1(pragma)))
            return Error{sqlError(QStringLiteral("race library %1").arg(path), query)};
    }
    if (auto migrated = migrate(library->m_db); !migrated)
        return Error{QStringLiteral("race library %1: %2").arg(path, migrated.error().message)};
    return library;
}

Expected<bool> LibraryDatabase::migrate(QSqlDatabase &db)
{
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next())
        return Error{sqlError(QStringLiteral("reading the schema version"), version)};
    int current = version.value(0).toInt();
    version.finish();
    if (current > kSchemaVersion)
        return Error{
            QStringLiteral("written by a newer Pit Wall (schema %1; this one knows up to %2); not touched").arg(current).arg(kSchemaVersion)};
    while (current < kSchemaVersion) {
        // One transaction per step: a failed migration leaves the previous version intact.
        if (!db.transaction())
            return Error{QStringLiteral("cannot start a migration: %1").arg(sqlErrorText(db.lastError()))};
        auto applied = execAll(db, QString::fromLatin1(kMigrations[current]));
        QSqlQuery bump(db);
        if (applied && !bump.exec(QStringLiteral("PRAGMA user_version = %1").arg(current + 1)))
            applied = Error{sqlError(QStringLiteral("recording the schema version"), bump)};
        if (!applied) {
            db.rollback();
            return applied.error();
        }
        if (!db.commit())
            return Error{QStringLiteral("cannot commit a migration: %1").arg(sqlErrorText(db.lastError()))};
        ++current;
    }
    return true;
}

LibraryDatabase::LibraryDatabase(QSqlDatabase db, QString path)
    : m_db(std::move(db))
    , m_path(std::move(path))
{
}

LibraryDatabase::~LibraryDatabase()
{
    const QString connection = m_db.connectionName();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connection);
}

} // namespace pitwall
