#include "MessageChunk.h"

#include <QDataStream>
#include <QIODevice>

namespace pitwall::chunk {

namespace {

constexpr quint8 kFormat = 1;
constexpr int kCompression = 1; // fastest zlib level: recording must keep up with a race at full speed
constexpr quint32 kMaxMessages = 10'000'000;

} // namespace

QByteArray encode(std::span<const RecordedMessage> messages)
{
    QByteArray raw;
    QDataStream out(&raw, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << kFormat << quint32(messages.size());
    for (const auto &message : messages)
        out << message.raceMs << message.topic << message.key << message.value;
    return qCompress(raw, kCompression);
}

Expected<std::vector<RecordedMessage>> decode(const QByteArray &blob)
{
    const QByteArray raw = qUncompress(blob);
    if (raw.isEmpty())
        return Error{QStringLiteral("a stored chunk is damaged (it does not decompress)")};
    QDataStream in(raw);
    in.setVersion(QDataStream::Qt_6_0);
    quint8 format = 0;
    quint32 count = 0;
    in >> format >> count;
    if (format != kFormat || count > kMaxMessages)
        return Error{QStringLiteral("a stored chunk has an unknown format (%1)").arg(format)};
    std::vector<RecordedMessage> messages;
    messages.reserve(count);
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        RecordedMessage message;
        in >> message.raceMs >> message.topic >> message.key >> message.value;
        messages.push_back(std::move(message));
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return Error{QStringLiteral("a stored chunk is damaged (its lengths do not add up)")};
    return messages;
}

} // namespace pitwall::chunk
