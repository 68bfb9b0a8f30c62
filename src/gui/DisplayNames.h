#pragma once
// The words the window uses for the pipeline's identifiers (metrics, race events):
// one place, translated.

#include <QString>

namespace pitwall {

struct RaceEvent;

// "engine_temperature" → "Engine temperature"; unknown names come back as they are.
QString metricDisplayName(const QString &metric);
// "mm:ss" of a race time (h:mm:ss past an hour).
QString raceTimeText(qint64 raceMs);
// "1:21.345"
QString lapTimeText(qint64 lapTimeMs);
// A race event as one line for the feed; empty for events the feed does not show.
QString raceEventText(const RaceEvent &event);

} // namespace pitwall
