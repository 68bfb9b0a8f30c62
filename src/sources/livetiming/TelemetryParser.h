#pragma once
// Parses the inflated JSON of the live-timing `.z` topics with simdjson, because they are the
// bulk of a session (a race holds tens of MB of them per topic):
//   CarData.z:  {"Entries":[{"Utc":..., "Cars":{"44":{"Channels":{"0":rpm,"2":speed,"3":gear,
//                "4":throttle,"5":brake,"45":drs}}}}]}  (FastF1's channel map; DRS 10/12/14 = open)
//   Position.z: {"Position":[{"Timestamp":..., "Entries":{"44":{"Status":...,"X":..,"Y":..,"Z":..}}}]}
// Each entry is stamped in UTC; it lands on the session clock through the reference time, or at
// the line's own time when the session has none.

#include "sources/RealSession.h"

#include <QByteArray>

#include <memory>
#include <optional>

namespace pitwall::sources {

class TelemetryParser {
public:
    // Bytes the parser may read past a document's end; ZPayloadDecoder keeps them allocated.
    static qsizetype paddingBytes();

    explicit TelemetryParser(RealSession &session);
    ~TelemetryParser();
    TelemetryParser(const TelemetryParser &) = delete;
    TelemetryParser &operator=(const TelemetryParser &) = delete;

    // Append the document's samples to the session. Returns an error for a document that is no
    // such payload (nothing appended); `skippedEntries` counts entries without a usable time.
    QString parseCarData(const QByteArray &json, qint64 lineMs, std::optional<qint64> referenceUtcMs, int &skippedEntries);
    QString parsePosition(const QByteArray &json, qint64 lineMs, std::optional<qint64> referenceUtcMs, int &skippedEntries);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace pitwall::sources
