#pragma once
// A run of recorded messages, in the order they were produced, as one compressed blob:
// the unit the race library writes (a few hundred ms of race at a time) and reads back.
// Decoding checks every length, so a damaged blob is an error, never a crash.

#include "core/Expected.h"

#include <QByteArray>
#include <span>
#include <vector>

namespace pitwall {

struct RecordedMessage {
    qint64 raceMs = 0; // race time when it was produced
    QByteArray topic;
    QByteArray key;
    QByteArray value;

    bool operator==(const RecordedMessage &) const = default;
};

namespace chunk {

QByteArray encode(std::span<const RecordedMessage> messages);
Expected<std::vector<RecordedMessage>> decode(const QByteArray &blob);

} // namespace chunk

} // namespace pitwall
