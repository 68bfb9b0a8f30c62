#pragma once
// Text values of the F1 live-timing feed turned into numbers: the feed writes most numbers as
// strings ("1:45.123" lap times, "+0.404" / "1L" / "LAP 12" gaps, "24.3" weather values,
// "true" flags) and times as ISO 8601 with or without a zone. One place for those rules.

#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <optional>

namespace pitwall::sources::livetiming {

// "1:45.123", "45.123" or "1:02:03.456" in seconds; nothing for "" or text that is no time.
std::optional<double> parseLapTime(QStringView text);

// A gap as GapToLeader / IntervalToPositionAhead.Value write it.
struct Gap {
    std::optional<double> seconds; // "+0.404" -> 0.404; the leader's "LAP 12" -> 0
    std::optional<int> laps;       // "1L", "1 L", "+2 LAPS" -> 1, 2; a time gap -> 0
};
Gap parseGap(QStringView text);

// ISO 8601 ("2018-04-29T12:07:10", "2023-03-05T14:00:00.1234567Z", "...+02:00") as epoch ms;
// a time without a zone is taken as UTC.
std::optional<qint64> parseUtcMs(const QString &text);
// The same for a time without zone, taken as wall-clock ms (used for SessionInfo's local times).
std::optional<qint64> parseWallClockMs(const QString &text);
// SessionInfo GmtOffset "04:00:00" / "-05:00:00" in ms.
std::optional<qint64> parseOffsetMs(QStringView text);

// "Sebastian VETTEL" -> "Sebastian Vettel": words in capitals become name case.
QString nameCase(const QString &text);

// Numbers and flags that may come as JSON numbers/bools or as strings of them.
std::optional<double> toNumber(const QJsonValue &value);
std::optional<int> toInt(const QJsonValue &value);
std::optional<bool> toBool(const QJsonValue &value);

} // namespace pitwall::sources::livetiming
