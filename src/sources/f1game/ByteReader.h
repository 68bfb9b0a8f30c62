#pragma once
// Little-endian reads over one UDP datagram, for the EA SPORTS F1 game's telemetry
// ("Data Output from F1 23/24/25": "all values are encoded using Little Endian format.
// All data is packed"). Every read is checked against the length: a read past the end
// returns zero, leaves the position where it was and marks the reader failed for good,
// so a decoder reads a whole layout and asks ok() once at the end.

#include <QByteArrayView>
#include <QString>

#include <array>
#include <cstdint>

namespace pitwall::sources::f1game {

class ByteReader {
public:
    explicit ByteReader(QByteArrayView bytes)
        : m_bytes(bytes)
    {
    }

    bool ok() const { return !m_failed; }
    qsizetype position() const { return m_position; }
    qsizetype remaining() const { return m_bytes.size() - m_position; }
    qsizetype size() const { return m_bytes.size(); }

    std::uint8_t u8();
    std::int8_t i8();
    std::uint16_t u16();
    std::int16_t i16();
    std::uint32_t u32();
    std::uint64_t u64();
    float f32();
    double f64();

    template <std::size_t N>
    std::array<std::uint8_t, N> u8Array()
    {
        return repeat<N>([this] { return u8(); });
    }
    template <std::size_t N>
    std::array<std::uint16_t, N> u16Array()
    {
        return repeat<N>([this] { return u16(); });
    }
    template <std::size_t N>
    std::array<float, N> f32Array()
    {
        return repeat<N>([this] { return f32(); });
    }

    // A fixed-size char field: UTF-8 up to the first NUL, never past the field's end.
    QString utf8Field(qsizetype fieldSize);
    void skip(qsizetype count);

private:
    // Whether `count` more bytes are there; marks the reader failed when not.
    bool take(qsizetype count);
    // One unsigned little-endian value of sizeof(T) bytes; the reads above are built on it.
    template <typename T>
    T littleEndian();
    // N values in a row, each from `read`: one loop for every kind of array.
    template <std::size_t N, typename Read>
    static auto repeat(Read read)
    {
        std::array<decltype(read()), N> values{};
        for (auto &value : values)
            value = read();
        return values;
    }

    QByteArrayView m_bytes;
    qsizetype m_position = 0;
    bool m_failed = false;
};

} // namespace pitwall::sources::f1game
