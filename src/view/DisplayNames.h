#pragma once
// The words the window uses for the pipeline's identifiers (metrics, race events) and
// its times: one place, translated.

#include <QCoreApplication>
#include <QString>

namespace pitwall {

struct RaceEvent;

class DisplayNames {
    Q_DECLARE_TR_FUNCTIONS(pitwall::DisplayNames)
public:
    // "engine_temperature" → "Engine temperature"; unknown names come back as they are.
    static QString metric(const QString &metric);
    // "mm:ss" of a race time (h:mm:ss past an hour).
    static QString raceTime(qint64 raceMs);
    // "1:21.345"
    static QString lapTime(qint64 lapTimeMs);
    // A race event as one line for the feed; empty for events the feed does not show.
    static QString raceEvent(const RaceEvent &event);
};

} // namespace pitwall
