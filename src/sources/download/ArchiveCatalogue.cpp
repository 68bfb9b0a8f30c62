#include "ArchiveCatalogue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace pitwall::sources {

namespace {

std::optional<QJsonObject> readObject(const QByteArray &json, const QString &what, qint64 sizeLimit, QString *error)
{
    if (json.size() > sizeLimit) {
        *error = QStringLiteral("%1 is %2 bytes, over the %3-byte limit").arg(what).arg(json.size()).arg(sizeLimit);
        return std::nullopt;
    }
    QByteArrayView bytes(json);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3); // the archive writes a UTF-8 BOM, which QJsonDocument refuses
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1 is not JSON: %2 at byte %3").arg(what, parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("%1 is not a JSON object").arg(what);
        return std::nullopt;
    }
    return doc.object();
}

// An index file's top object and the member the rest of it is read from.
struct Index {
    QJsonObject root;
    QJsonValue member;
};

// readObject(), and its member `key`, which must be of `type` (else `missing` is the error).
std::optional<Index> readIndex(const QByteArray &json, const QString &what, QLatin1String key, QJsonValue::Type type,
                               const QString &missing, qint64 sizeLimit, QString *error)
{
    auto root = readObject(json, what, sizeLimit, error);
    if (!root)
        return std::nullopt;
    QJsonValue member = root->value(key);
    if (member.type() != type) {
        *error = missing;
        return std::nullopt;
    }
    return Index{std::move(*root), std::move(member)};
}

QString folded(const QString &text)
{
    return text.trimmed().toCaseFolded();
}

} // namespace

bool isSafeRelativePath(const QString &path)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')) ||
        path.contains(QLatin1Char(':')) || path.contains(QLatin1Char('?')) || path.contains(QLatin1Char('#')))
        return false;
    QStringList segments = path.split(QLatin1Char('/'));
    if (path.endsWith(QLatin1Char('/')))
        segments.removeLast(); // a folder's trailing slash
    for (const QString &segment : segments) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return false;
        for (const QChar c : segment) {
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                return false;
        }
    }
    return !segments.isEmpty();
}

std::optional<ArchiveYear> parseArchiveYearIndex(const QByteArray &json, QString *error, qint64 sizeLimit)
{
    QString ignored;
    if (!error)
        error = &ignored;
    const auto index = readIndex(json, QStringLiteral("The archive's year Index.json"), QLatin1String("Meetings"), QJsonValue::Array,
                                 QStringLiteral("The archive's year Index.json has no Meetings list"), sizeLimit, error);
    if (!index)
        return std::nullopt;
    ArchiveYear year;
    year.year = index->root.value(QLatin1String("Year")).toInt();
    for (const QJsonValue &meetingValue : index->member.toArray()) {
        const QJsonObject m = meetingValue.toObject();
        ArchiveMeeting meeting;
        meeting.key = m.value(QLatin1String("Key")).toInt();
        meeting.name = m.value(QLatin1String("Name")).toString();
        meeting.location = m.value(QLatin1String("Location")).toString();
        meeting.countryName = m.value(QLatin1String("Country")).toObject().value(QLatin1String("Name")).toString();
        meeting.circuitName = m.value(QLatin1String("Circuit")).toObject().value(QLatin1String("ShortName")).toString();
        for (const QJsonValue &sessionValue : m.value(QLatin1String("Sessions")).toArray()) {
            const QJsonObject s = sessionValue.toObject();
            ArchiveSession session;
            session.key = s.value(QLatin1String("Key")).toInt();
            session.type = s.value(QLatin1String("Type")).toString();
            session.name = s.value(QLatin1String("Name")).toString();
            session.startDate = s.value(QLatin1String("StartDate")).toString();
            session.endDate = s.value(QLatin1String("EndDate")).toString();
            session.gmtOffset = s.value(QLatin1String("GmtOffset")).toString();
            session.path = s.value(QLatin1String("Path")).toString();
            // Sessions not yet run have no Path; they cannot be downloaded, but are listed.
            if (!session.path.isEmpty()) {
                if (!isSafeRelativePath(session.path)) {
                    *error = QStringLiteral("The archive's year Index.json names an unsafe path \"%1\"").arg(session.path.left(200));
                    return std::nullopt;
                }
                if (!session.path.endsWith(QLatin1Char('/')))
                    session.path += QLatin1Char('/');
            }
            meeting.sessions.push_back(std::move(session));
        }
        year.meetings.push_back(std::move(meeting));
    }
    return year;
}

std::optional<std::vector<ArchiveFeed>> parseArchiveSessionIndex(const QByteArray &json, QString *error, qint64 sizeLimit)
{
    QString ignored;
    if (!error)
        error = &ignored;
    const auto index = readIndex(json, QStringLiteral("The session's Index.json"), QLatin1String("Feeds"), QJsonValue::Object,
                                 QStringLiteral("The session's Index.json has no Feeds object"), sizeLimit, error);
    if (!index)
        return std::nullopt;
    std::vector<ArchiveFeed> result;
    const QJsonObject feedObject = index->member.toObject();
    for (auto it = feedObject.begin(); it != feedObject.end(); ++it) {
        const QJsonObject f = it.value().toObject();
        ArchiveFeed feed{it.key(), f.value(QLatin1String("KeyFramePath")).toString(), f.value(QLatin1String("StreamPath")).toString()};
        for (const QString &path : {feed.keyFramePath, feed.streamPath}) {
            // A feed file lies in the session folder itself: a bare file name.
            if (!path.isEmpty() && (!isSafeRelativePath(path) || path.contains(QLatin1Char('/')))) {
                *error = QStringLiteral("The session's Index.json names an unsafe file \"%1\"").arg(path.left(200));
                return std::nullopt;
            }
        }
        result.push_back(std::move(feed));
    }
    return result;
}

std::optional<ArchiveMatch> findArchiveSession(const ArchiveYear &year, const QString &event, const QString &session, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    const QString wantedEvent = folded(event);
    const QString wantedSession = folded(session);
    if (wantedEvent.isEmpty() || wantedSession.isEmpty()) {
        *error = QStringLiteral("Name an event and a session");
        return std::nullopt;
    }

    std::vector<const ArchiveMeeting *> equal;
    std::vector<const ArchiveMeeting *> partial;
    for (const ArchiveMeeting &meeting : year.meetings) {
        const QString name = folded(meeting.name);
        const QString location = folded(meeting.location);
        if (name == wantedEvent || location == wantedEvent)
            equal.push_back(&meeting);
        else if (name.contains(wantedEvent) || location.contains(wantedEvent))
            partial.push_back(&meeting);
    }
    const auto &meetings = equal.empty() ? partial : equal;
    const auto describe = [](const ArchiveMeeting &m) { return QStringLiteral("%1 (%2)").arg(m.name, m.location); };
    if (meetings.size() != 1) {
        QStringList names;
        for (const ArchiveMeeting *m : meetings)
            names << describe(*m);
        if (meetings.empty()) {
            for (const ArchiveMeeting &m : year.meetings)
                names << describe(m);
            *error = QStringLiteral("No %1 meeting matches \"%2\"; the archive lists: %3").arg(year.year).arg(event, names.join(QLatin1String(", ")));
        } else {
            *error = QStringLiteral("\"%1\" matches several %2 meetings: %3; name one").arg(event).arg(year.year).arg(names.join(QLatin1String(", ")));
        }
        return std::nullopt;
    }
    const ArchiveMeeting &meeting = *meetings.front();

    const ArchiveSession *found = nullptr;
    int byType = 0;
    const ArchiveSession *typeMatch = nullptr;
    for (const ArchiveSession &s : meeting.sessions) {
        if (folded(s.name) == wantedSession)
            found = &s;
        if (folded(s.type) == wantedSession) {
            ++byType;
            typeMatch = &s;
        }
    }
    if (!found && byType == 1)
        found = typeMatch;
    if (!found) {
        QStringList names;
        for (const ArchiveSession &s : meeting.sessions)
            names << s.name;
        *error = QStringLiteral("%1 %2 has no session \"%3\"; it has: %4").arg(year.year).arg(meeting.name, session, names.join(QLatin1String(", ")));
        return std::nullopt;
    }
    if (found->path.isEmpty()) {
        *error = QStringLiteral("%1 %2 %3 is not in the archive yet").arg(year.year).arg(meeting.name, found->name);
        return std::nullopt;
    }
    return ArchiveMatch{meeting, *found};
}

} // namespace pitwall::sources
