#pragma once
// The F1 live-timing archive's catalogues, in the archive's own layout:
//   <base>/<year>/Index.json     {"Year":2018,"Meetings":[{"Name","Location","Sessions":[{"Name","Type","Path"..}]}]}
//   <base>/<Path>Index.json      {"Feeds":{"TimingData":{"KeyFramePath":..,"StreamPath":..},..}}
// The remote layout is kept as-is so a session's `Path` names both its URL and its cache folder.
// Paths come from the network and become local folders, so they are checked to stay inside.

#include <QByteArray>
#include <QString>
#include <optional>
#include <vector>

namespace pitwall::sources {

struct ArchiveSession {
    int key = 0;
    QString type;      // "Race", "Qualifying", "Practice"
    QString name;      // "Race", "Qualifying", "Practice 1", "Sprint"
    QString startDate; // local time at the circuit, "2018-04-29T16:10:00"
    QString endDate;
    QString gmtOffset; // "04:00:00"
    QString path;      // "2018/2018-04-29_Azerbaijan_Grand_Prix/2018-04-29_Race/"
};

struct ArchiveMeeting {
    int key = 0;
    QString name;     // "Azerbaijan Grand Prix"
    QString location; // "Baku"
    QString countryName;
    QString circuitName;
    std::vector<ArchiveSession> sessions;
};

struct ArchiveYear {
    int year = 0;
    std::vector<ArchiveMeeting> meetings;
};

struct ArchiveFeed {
    QString topic;        // "TimingData"
    QString keyFramePath; // "TimingData.json"
    QString streamPath;   // "TimingData.jsonStream"
};

struct ArchiveMatch {
    ArchiveMeeting meeting;
    ArchiveSession session;
};

// Both parsers take the document's bytes (a leading UTF-8 BOM is allowed) and refuse more
// than `sizeLimit` bytes; on failure they return nothing and say why in `error`.
std::optional<ArchiveYear> parseArchiveYearIndex(const QByteArray &json, QString *error, qint64 sizeLimit = 8LL << 20);
std::optional<std::vector<ArchiveFeed>> parseArchiveSessionIndex(const QByteArray &json, QString *error, qint64 sizeLimit = 8LL << 20);

// The one session of `event` (meeting Name or Location, case-insensitive, "Baku" or "Azerbaijan";
// an equal Name or Location wins over a part of one) named `session` ("Race"; the session Type
// is tried when no Name matches). None or several: nothing, and `error` lists what there is.
std::optional<ArchiveMatch> findArchiveSession(const ArchiveYear &year, const QString &event, const QString &session, QString *error);

// A relative path of plain segments (no "..", ".", empty segment, backslash or drive), safe to
// append to a base URL and a cache folder.
bool isSafeRelativePath(const QString &path);

} // namespace pitwall::sources
