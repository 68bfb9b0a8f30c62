#pragma once
// The live-timing feed's update rule (SignalR "partial state" as livetiming.formula1.com sends
// it and FastF1 applies it): each line is a partial document merged into the topic's running
// state. Objects merge key by key, recursively. Arrays are sent whole once and then updated
// through objects keyed by index ("0", "1", ...): such an object updates the entries at those
// indexes and appends past the end (a gap is filled with nulls so later indexes keep their
// place). Any other value replaces what was there.

#include <QJsonObject>
#include <QJsonValue>

namespace pitwall::sources {

class JsonMerge {
public:
    static QJsonValue merged(const QJsonValue &state, const QJsonValue &update);
    static void mergeInto(QJsonObject &state, const QJsonObject &update);

    // True when every key is a non-negative decimal index ("0", "12"), and there is one.
    static bool isIndexKeyed(const QJsonObject &object);
};

} // namespace pitwall::sources
