#pragma once
// The race library's SQLite file: opened in WAL mode (a kill mid-race loses at most the
// batch being written, never what was committed), its schema created or migrated to the
// current version. Qt SQL connections belong to one thread: each thread that touches the
// library opens its own LibraryDatabase on the same file.

#include "core/Expected.h"

#include <QSqlDatabase>
#include <QString>

namespace pitwall {

class LibraryDatabase {
public:
    static constexpr int kSchemaVersion = 2;

    // The file in the user's data directory (QStandardPaths::AppDataLocation).
    static QString defaultPath();
    // Opens (creating it and its folder if needed) and brings the schema up to date. A
    // library written by a newer Pit Wall is refused, not touched.
    static Expected<std::unique_ptr<LibraryDatabase>> open(const QString &path);
    ~LibraryDatabase();

    LibraryDatabase(const LibraryDatabase &) = delete;
    LibraryDatabase &operator=(const LibraryDatabase &) = delete;

    QSqlDatabase &db() { return m_db; }
    const QString &path() const { return m_path; }

private:
    LibraryDatabase(QSqlDatabase db, QString path);
    static Expected<bool> migrate(QSqlDatabase &db);

    QSqlDatabase m_db;
    QString m_path;
};

// "what failed: the driver's words" from a failed query, for error messages; a full or
// failing disk is said in plain words.
QString sqlError(const QString &what, const class QSqlQuery &query);
QString sqlErrorText(const class QSqlError &error);

} // namespace pitwall
