#pragma once
// The endpoint mappings: which fields each OpenF1 endpoint's records carry
// (https://openf1.org/#api-endpoints) and how a record becomes part of a RealSession.
// Records arrive in any order and from several files; times are kept as epoch
// milliseconds until finish() knows time 0 (the chosen session's date_start, else the
// earliest date read), then moved to the session clock and sorted (stably).

#include "DateParser.h"
#include "FieldReader.h"
#include "OpenF1Endpoints.h"
#include "sources/RealSession.h"

#include <QMap>
#include <array>
#include <optional>
#include <vector>

namespace pitwall::sources {

class OpenF1Collector {
public:
    OpenF1Collector(RealSession &session, qint64 maxRecords);

    // The fields asked of an endpoint's records, in the order add() receives them.
    static FieldNames fields(OpenF1Endpoint endpoint);

    // Maps one record; a bad one is an issue and skipped. False once the record limit is
    // reached (the read should stop).
    bool add(OpenF1Endpoint endpoint, FieldValues values, const QString &file, qint64 where);

    // Picks the session and meeting, sets time 0, moves every time onto it, resolves lap
    // times, sorts, and names the endpoints that no file held.
    void finish(const std::array<bool, kOpenF1EndpointCount> &endpointsSeen);

private:
    struct SessionRow {
        std::optional<int> sessionKey, meetingKey, year;
        std::optional<qint64> dateStartMs;
        QString name, type, circuit, country;
    };
    struct MeetingRow {
        std::optional<int> meetingKey, year;
        QString name, circuit, country;
    };
    struct PendingDriver {
        RealDriver driver;
        std::optional<int> sessionKey;
    };
    struct PendingLap {
        LapRecord lap;
        std::optional<qint64> startMs;
        QString file;
        qint64 where = 0;
    };

    void addSession(FieldReader &r, std::optional<int> sessionKey, std::optional<int> meetingKey);
    void addMeeting(FieldReader &r, std::optional<int> meetingKey);
    void addDriver(FieldReader &r, std::optional<int> sessionKey);
    void addLap(FieldReader &r, const QString &file, qint64 where);
    void addPosition(FieldReader &r);
    void addInterval(FieldReader &r);
    void addPit(FieldReader &r);
    void addStint(FieldReader &r);
    void addRaceControl(FieldReader &r);
    void addWeather(FieldReader &r);
    void addLocation(FieldReader &r);
    void addCarData(FieldReader &r);
    std::optional<qint64> requiredDate(FieldReader &r, int field);
    QString requiredDriver(FieldReader &r, int field);
    void noteDate(qint64 ms, const QString &file);
    // Stores a timed record once every field read well: its time set and noted.
    template <class Record>
    void keepIfRead(const FieldReader &r, const std::optional<qint64> &ms, Record &&record, std::vector<Record> &into)
    {
        if (!r.ok())
            return;
        record.ms = *ms;
        noteDate(*ms, m_currentFile);
        into.push_back(std::move(record));
    }

    const SessionRow *chooseSession(std::optional<int> dataSession, QStringList &notes) const;
    void chooseMeeting(std::optional<int> meetingKey, QStringList &notes);
    void resolveLaps();
    void chooseDrivers(std::optional<int> sessionKey);
    void moveTimes(qint64 referenceMs);

    RealSession &m_session;
    qint64 m_maxRecords;
    qint64 m_records = 0;
    DateParser m_dates;
    DriverNumbers m_numbers;
    std::vector<SessionRow> m_sessions;
    std::vector<MeetingRow> m_meetings;
    std::vector<PendingDriver> m_drivers;
    std::vector<PendingLap> m_laps;
    QMap<int, qint64> m_dataSessionKeys; // session_key -> records of data endpoints
    QMap<int, qint64> m_dataMeetingKeys;
    std::optional<qint64> m_earliestMs;
    QString m_earliestFile;
    QString m_currentFile; // the file add() is reading, for noteDate()
    bool m_limitReported = false;
};

} // namespace pitwall::sources
