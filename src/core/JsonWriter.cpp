#include "JsonWriter.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace pitwall {

namespace {

constexpr qsizetype kInitialCapacity = 640;

} // namespace

JsonWriter::JsonWriter()
{
    m_buffer.reserve(kInitialCapacity);
    m_buffer.push_back('{');
}

void JsonWriter::key(std::string_view name)
{
    if (!m_first)
        m_buffer.push_back(',');
    m_first = false;
    m_buffer.push_back('"');
    m_buffer.append(name.data(), name.size()); // our own field names: plain ASCII
    m_buffer.append("\":", 2);
}

void JsonWriter::string(const QString &value)
{
    static constexpr char kHex[] = "0123456789abcdef";
    // Names are nearly always ASCII: write those characters directly, and convert to
    // UTF-8 only for the rare string that needs it.
    bool ascii = true;
    for (const QChar ch : value)
        ascii = ascii && ch.unicode() < 0x80;
    const QByteArray utf8 = ascii ? QByteArray() : value.toUtf8();
    const qsizetype length = ascii ? value.size() : utf8.size();
    m_buffer.push_back('"');
    for (qsizetype i = 0; i < length; ++i) {
        const char c = ascii ? char(value.at(i).unicode()) : utf8.at(i);
        switch (c) {
        case '"': m_buffer.append("\\\"", 2); break;
        case '\\': m_buffer.append("\\\\", 2); break;
        case '\n': m_buffer.append("\\n", 2); break;
        case '\r': m_buffer.append("\\r", 2); break;
        case '\t': m_buffer.append("\\t", 2); break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                const char escaped[6] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xf], kHex[c & 0xf]};
                m_buffer.append(escaped, 6);
            } else {
                m_buffer.push_back(c);
            }
        }
    }
    m_buffer.push_back('"');
}

JsonWriter &JsonWriter::field(std::string_view name, const QString &value)
{
    key(name);
    string(value);
    return *this;
}

JsonWriter &JsonWriter::field(std::string_view name, qint64 value)
{
    key(name);
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    m_buffer.append(digits, size_t(result.ptr - digits));
    return *this;
}

JsonWriter &JsonWriter::field(std::string_view name, double value, int decimals)
{
    if (!std::isfinite(value))
        return null(name);
    key(name);
    static constexpr qint64 kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    decimals = std::clamp(decimals, 0, 6);
    const qint64 scale = kScale[decimals];
    char digits[40];
    if (std::abs(value) * double(scale) > 9e15) { // beyond exact integers: let the library format it
        const auto result = std::to_chars(digits, digits + sizeof digits, value);
        m_buffer.append(digits, size_t(result.ptr - digits));
        return *this;
    }
    // Fixed point by integer arithmetic: several times faster than formatting a double.
    const qint64 scaled = std::llround(value * double(scale));
    if (scaled < 0)
        m_buffer.push_back('-');
    const quint64 magnitude = quint64(scaled < 0 ? -scaled : scaled);
    auto result = std::to_chars(digits, digits + sizeof digits, magnitude / quint64(scale));
    m_buffer.append(digits, size_t(result.ptr - digits));
    quint64 fraction = magnitude % quint64(scale);
    if (fraction != 0) {
        int width = decimals;
        while (fraction % 10 == 0) { // drop trailing zeros
            fraction /= 10;
            --width;
        }
        m_buffer.push_back('.');
        result = std::to_chars(digits, digits + sizeof digits, fraction);
        const int length = int(result.ptr - digits);
        m_buffer.append(size_t(width - length), '0');
        m_buffer.append(digits, size_t(length));
    }
    return *this;
}

JsonWriter &JsonWriter::field(std::string_view name, bool value)
{
    key(name);
    if (value)
        m_buffer.append("true", 4);
    else
        m_buffer.append("false", 5);
    return *this;
}

JsonWriter &JsonWriter::null(std::string_view name)
{
    key(name);
    m_buffer.append("null", 4);
    return *this;
}

QByteArray JsonWriter::finish()
{
    m_buffer.push_back('}');
    QByteArray bytes(m_buffer.data(), qsizetype(m_buffer.size()));
    m_buffer.clear();
    m_buffer.push_back('{');
    m_first = true;
    return bytes;
}

} // namespace pitwall
