#include "KafkaWire.h"

#include <QtEndian>
#include <limits>

namespace pitwall::kafka_wire {

namespace {

// Reads big-endian primitives off a frame; any read past the end sets failed and
// returns zero, so a parser can read on and check once.
class Reader {
public:
    Reader(const QByteArray &bytes, int start)
        : m_bytes(bytes)
        , m_pos(start)
    {
    }

    bool failed() const { return m_failed; }
    int pos() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_bytes.size(); }

    int8_t int8() { return take<int8_t>(); }
    int16_t int16() { return take<int16_t>(); }
    int32_t int32() { return take<int32_t>(); }
    int64_t int64() { return take<int64_t>(); }

    uint32_t uvarint()
    {
        uint32_t value = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            const auto byte = uint8_t(take<int8_t>());
            if (m_failed)
                return 0;
            value |= uint32_t(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return value;
        }
        m_failed = true; // longer than five bytes
        return 0;
    }
    int64_t varint() // zig-zag signed, as record fields use
    {
        const uint32_t raw = uvarint();
        return int64_t(raw >> 1) ^ -int64_t(raw & 1);
    }

    // A string or bytes field: classic (int16/int32 length, -1 null) or compact (uvarint
    // length + 1, 0 null). Returns the bytes, or a null QByteArray for null.
    QByteArray string(bool compact) { return field(compact ? int64_t(uvarint()) - 1 : int64_t(int16())); }
    QByteArray bytes(bool compact) { return field(compact ? int64_t(uvarint()) - 1 : int64_t(int32())); }
    qint64 arrayLength(bool compact) { return compact ? int64_t(uvarint()) - 1 : int64_t(int32()); }

    void skip(qint64 count)
    {
        if (count < 0 || count > m_bytes.size() - m_pos)
            m_failed = true;
        else
            m_pos += int(count);
    }
    void skipTaggedFields()
    {
        const uint32_t count = uvarint();
        for (uint32_t i = 0; i < count && !m_failed; ++i) {
            uvarint(); // tag
            skip(uvarint());
        }
    }

private:
    template <class T>
    T take()
    {
        if (m_failed || int(sizeof(T)) > m_bytes.size() - m_pos) {
            m_failed = true;
            return 0;
        }
        const T value = qFromBigEndian<T>(m_bytes.constData() + m_pos);
        m_pos += int(sizeof(T));
        return value;
    }
    QByteArray field(int64_t length)
    {
        if (length < 0)
            return {};
        if (length > m_bytes.size() - m_pos) {
            m_failed = true;
            return {};
        }
        QByteArray value = m_bytes.mid(m_pos, int(length));
        m_pos += int(length);
        return value.isNull() ? QByteArray("") : value;
    }

    const QByteArray &m_bytes;
    int m_pos;
    bool m_failed = false;
};

class Writer {
public:
    void int16(int16_t v) { put(v); }
    void int32(int32_t v) { put(v); }
    void int64(int64_t v) { put(v); }
    void uvarint(uint32_t v)
    {
        while (v >= 0x80) {
            m_bytes.append(char((v & 0x7f) | 0x80));
            v >>= 7;
        }
        m_bytes.append(char(v));
    }
    void string(const QByteArray &s, bool compact)
    {
        compact ? uvarint(uint32_t(s.size()) + 1) : int16(int16_t(s.size()));
        m_bytes.append(s);
    }
    void nullString(bool compact) { compact ? uvarint(0) : int16(-1); }
    void arrayLength(qsizetype n, bool compact) { compact ? uvarint(uint32_t(n) + 1) : int32(int32_t(n)); }
    void noTaggedFields() { uvarint(0); }
    QByteArray framed() const
    {
        QByteArray out(4, Qt::Uninitialized);
        qToBigEndian<int32_t>(int32_t(m_bytes.size()), out.data());
        return out + m_bytes;
    }

private:
    template <class T>
    void put(T v)
    {
        char raw[sizeof(T)];
        qToBigEndian<T>(v, raw);
        m_bytes.append(raw, sizeof(T));
    }
    QByteArray m_bytes;
};

// The records of one partition: v2 record batches, or legacy (v0/v1) message sets.
// Both start with offset (8), length (4), and have the magic byte at 16.
void measureRecords(const QByteArray &records, ProduceCheck &check)
{
    int pos = 0;
    while (pos < records.size()) {
        Reader head(records, pos);
        head.int64();
        const int32_t length = head.int32();
        if (head.failed() || length < 0 || length > records.size() - pos - 12) {
            check.error = QStringLiteral("a record batch runs past its partition's records");
            return;
        }
        const qint64 batchSize = 12 + qint64(length);
        Reader batch(records, pos + 16);
        const int8_t magic = batch.int8();
        batch.int32(); // crc
        const int16_t attributes = batch.int16();
        const bool compressed = (attributes & 0x07) != 0;
        if (batch.failed() || magic != 2 || compressed) {
            check.largestCompressedBatch = std::max(check.largestCompressedBatch, batchSize);
        } else {
            batch.skip(4 + 8 + 8 + 8 + 2 + 4); // last offset delta .. base sequence
            const int32_t count = batch.int32();
            const int end = pos + int(batchSize);
            for (int32_t i = 0; i < count && !batch.failed(); ++i) {
                const int64_t recordLength = batch.varint();
                if (recordLength < 0 || recordLength > end - batch.pos()) {
                    check.error = QStringLiteral("a record runs past its batch");
                    return;
                }
                check.largestRecord = std::max<qint64>(check.largestRecord, recordLength);
                batch.skip(recordLength);
            }
            if (batch.failed()) {
                check.error = QStringLiteral("a record batch's records do not parse");
                return;
            }
        }
        pos += int(batchSize);
    }
}

} // namespace

bool isFlexible(int16_t apiKey, int16_t apiVersion)
{
    switch (apiKey) {
    case Produce: return apiVersion >= 9;
    case Metadata: return apiVersion >= 9;
    case FindCoordinator: return apiVersion >= 3;
    case ApiVersions: return apiVersion >= 3;
    default: return false; // the front door reads no other api's body
    }
}

std::optional<RequestHeader> readRequestHeader(const QByteArray &frame)
{
    Reader r(frame, 0);
    RequestHeader header;
    header.apiKey = r.int16();
    header.apiVersion = r.int16();
    header.correlationId = r.int32();
    r.string(false); // client id: a classic nullable string in every header version
    if (isFlexible(header.apiKey, header.apiVersion))
        r.skipTaggedFields();
    if (r.failed())
        return std::nullopt;
    header.bodyOffset = r.pos();
    return header;
}

ProduceCheck inspectProduce(const QByteArray &frame, const RequestHeader &header)
{
    ProduceCheck check;
    const bool compact = isFlexible(Produce, header.apiVersion);
    Reader r(frame, header.bodyOffset);
    if (header.apiVersion >= 3)
        r.string(compact); // transactional id
    check.acks = r.int16();
    check.expectsResponse = check.acks != 0;
    r.int32(); // timeout
    const qint64 topics = r.arrayLength(compact);
    for (qint64 t = 0; t < topics && !r.failed() && check.error.isEmpty(); ++t) {
        ProduceCheck::Topic topic;
        topic.name = r.string(compact);
        const qint64 partitions = r.arrayLength(compact);
        for (qint64 p = 0; p < partitions && !r.failed() && check.error.isEmpty(); ++p) {
            topic.partitions.append(r.int32());
            measureRecords(r.bytes(compact), check);
            if (compact)
                r.skipTaggedFields();
        }
        if (compact)
            r.skipTaggedFields();
        check.topics.append(std::move(topic));
    }
    if (r.failed() && check.error.isEmpty())
        check.error = QStringLiteral("the Produce request ends early");
    check.parsed = check.error.isEmpty();
    return check;
}

QByteArray produceRefusal(const RequestHeader &header, const ProduceCheck &request, int16_t errorCode, const QByteArray &message)
{
    const int16_t v = header.apiVersion;
    const bool compact = isFlexible(Produce, v);
    Writer w;
    w.int32(header.correlationId);
    if (compact)
        w.noTaggedFields(); // response header v1
    w.arrayLength(request.topics.size(), compact);
    for (const auto &topic : request.topics) {
        w.string(topic.name, compact);
        w.arrayLength(topic.partitions.size(), compact);
        for (const int32_t partition : topic.partitions) {
            w.int32(partition);
            w.int16(errorCode);
            w.int64(-1); // base offset
            if (v >= 2)
                w.int64(-1); // log append time
            if (v >= 5)
                w.int64(-1); // log start offset
            if (v >= 8) {
                w.arrayLength(0, compact); // record errors
                w.string(message, compact);
            }
            if (compact)
                w.noTaggedFields();
        }
        if (compact)
            w.noTaggedFields();
    }
    if (v >= 1)
        w.int32(0); // throttle time
    if (compact)
        w.noTaggedFields();
    return w.framed();
}

bool rewriteBrokerPorts(QByteArray &frame, int16_t apiKey, int16_t apiVersion, int32_t from, int32_t to)
{
    const bool compact = isFlexible(apiKey, apiVersion);
    Reader r(frame, 4); // after the correlation id
    if (compact)
        r.skipTaggedFields();
    QList<int> portAt;
    const auto hostAndPort = [&] {
        r.string(compact);
        portAt.append(r.pos());
        r.int32();
    };
    if (apiKey == Metadata) {
        if (apiVersion >= 3)
            r.int32(); // throttle time
        const qint64 brokers = r.arrayLength(compact);
        if (brokers < 0 || brokers > 10000)
            return false;
        for (qint64 i = 0; i < brokers && !r.failed(); ++i) {
            r.int32(); // node id
            hostAndPort();
            if (apiVersion >= 1)
                r.string(compact); // rack
            if (compact)
                r.skipTaggedFields();
        }
    } else if (apiKey == FindCoordinator) {
        if (apiVersion >= 1)
            r.int32(); // throttle time
        if (apiVersion >= 4) {
            const qint64 coordinators = r.arrayLength(compact);
            if (coordinators < 0 || coordinators > 10000)
                return false;
            for (qint64 i = 0; i < coordinators && !r.failed(); ++i) {
                r.string(compact); // key
                r.int32();         // node id
                hostAndPort();
                r.int16();         // error code
                r.string(compact); // error message
                if (compact)
                    r.skipTaggedFields();
            }
        } else {
            r.int16(); // error code
            if (apiVersion >= 1)
                r.string(compact); // error message
            r.int32();             // node id
            hostAndPort();
        }
    } else {
        return false;
    }
    if (r.failed())
        return false;
    for (const int at : portAt) {
        if (qFromBigEndian<int32_t>(frame.constData() + at) == from)
            qToBigEndian<int32_t>(to, frame.data() + at);
    }
    return true;
}

} // namespace pitwall::kafka_wire
