#include "MessageChunk.h"

#include <QDataStream>
#include <QIODevice>
#include <algorithm>
#include <optional>
#include <zlib.h>

namespace pitwall::chunk {

namespace {

constexpr quint8 kFormat = 1;
constexpr int kCompression = 1; // fastest zlib level: recording must keep up with a race at full speed
constexpr quint32 kMaxMessages = 10'000'000;
// A chunk holds at most kChunkMessages messages of at most ~65 KB each: far below this.
constexpr qsizetype kMaxChunkBytes = 256 * 1024 * 1024;

// qUncompress trusts the size a blob declares (a damaged one asked for 3.9 GB, found by
// tests/fuzz/fuzz_import) and grows past it for a blob that inflates further: inflate
// here, to the declared size only, and that size bounded.
std::optional<QByteArray> inflateChunk(const QByteArray &blob)
{
    if (blob.size() < 4)
        return std::nullopt;
    const auto *bytes = reinterpret_cast<const uchar *>(blob.constData());
    const qsizetype declared = (qsizetype(bytes[0]) << 24) | (qsizetype(bytes[1]) << 16) | (qsizetype(bytes[2]) << 8) | bytes[3];
    // DEFLATE expands at most about 1032:1, so a size beyond that of its compressed bytes is
    // damage: refused before the buffer for it is allocated.
    constexpr qsizetype kMaxDeflateRatio = 1032;
    if (declared <= 0 || declared > kMaxChunkBytes || declared > (blob.size() - 4) * kMaxDeflateRatio + 64)
        return std::nullopt;
    QByteArray raw(declared, Qt::Uninitialized);
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK)
        return std::nullopt;
    stream.next_in = const_cast<Bytef *>(bytes + 4);
    stream.avail_in = uInt(blob.size() - 4);
    stream.next_out = reinterpret_cast<Bytef *>(raw.data());
    stream.avail_out = uInt(declared);
    const int result = inflate(&stream, Z_FINISH);
    const bool whole = result == Z_STREAM_END && stream.avail_out == 0;
    inflateEnd(&stream);
    if (!whole)
        return std::nullopt;
    return raw;
}

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
    const auto inflated = inflateChunk(blob);
    if (!inflated)
        return Error{QStringLiteral("a stored chunk is damaged (it does not decompress to its declared size)")};
    const QByteArray &raw = *inflated;
    QDataStream in(raw);
    in.setVersion(QDataStream::Qt_6_0);
    quint8 format = 0;
    quint32 count = 0;
    in >> format >> count;
    if (format != kFormat || count > kMaxMessages)
        return Error{QStringLiteral("a stored chunk has an unknown format (%1)").arg(format)};
    std::vector<RecordedMessage> messages;
    // Each message takes at least its time and three length fields: a count the bytes
    // cannot hold reserves no more than they can.
    constexpr qsizetype kMinMessageBytes = 8 + 3 * 4;
    messages.reserve(std::min<size_t>(count, size_t(raw.size() / kMinMessageBytes)));
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
