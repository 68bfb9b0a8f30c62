#include "ByteReader.h"

#include <QtEndian>

#include <cstring>

namespace pitwall::sources::f1game {

bool ByteReader::take(qsizetype count)
{
    if (m_failed || count < 0 || count > remaining()) {
        m_failed = true;
        return false;
    }
    return true;
}

template <typename T>
T ByteReader::littleEndian()
{
    if (!take(qsizetype(sizeof(T))))
        return 0;
    const T value = qFromLittleEndian<T>(m_bytes.data() + m_position);
    m_position += qsizetype(sizeof(T));
    return value;
}

std::uint8_t ByteReader::u8()
{
    return littleEndian<std::uint8_t>();
}

std::int8_t ByteReader::i8()
{
    return static_cast<std::int8_t>(u8());
}

std::uint16_t ByteReader::u16()
{
    return littleEndian<std::uint16_t>();
}

std::int16_t ByteReader::i16()
{
    return static_cast<std::int16_t>(u16());
}

std::uint32_t ByteReader::u32()
{
    return littleEndian<std::uint32_t>();
}

std::uint64_t ByteReader::u64()
{
    const std::uint64_t low = u32();
    const std::uint64_t high = u32();
    return low | (high << 32);
}

float ByteReader::f32()
{
    // The bits as a little-endian integer, then memcpy: the float's own byte order follows
    // the integer's on every platform Qt supports.
    const std::uint32_t bits = u32();
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

double ByteReader::f64()
{
    const std::uint64_t bits = u64();
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

QString ByteReader::utf8Field(qsizetype fieldSize)
{
    if (!take(fieldSize))
        return {};
    const QByteArrayView field = m_bytes.sliced(m_position, fieldSize);
    m_position += fieldSize;
    const qsizetype nul = field.indexOf('\0');
    return QString::fromUtf8(nul < 0 ? field : field.first(nul));
}

void ByteReader::skip(qsizetype count)
{
    if (take(count))
        m_position += count;
}

} // namespace pitwall::sources::f1game
