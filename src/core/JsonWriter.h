#pragma once
// A streaming JSON object writer for the high-volume topics (telemetry at up to 50 Hz
// per car, positions). QJsonDocument builds a tree and sorts keys before writing, ~10x
// slower for these flat records; this appends straight into one buffer. Output is
// RFC 8259 JSON: strings escaped, non-finite numbers written as null.

#include <QByteArray>
#include <QString>
#include <optional>
#include <string>
#include <string_view>

namespace pitwall {

class JsonWriter {
public:
    JsonWriter();

    JsonWriter &field(std::string_view name, const QString &value);
    JsonWriter &field(std::string_view name, qint64 value);
    JsonWriter &field(std::string_view name, int value) { return field(name, qint64(value)); }
    // Written with at most `decimals` digits after the point (trailing zeros dropped).
    JsonWriter &field(std::string_view name, double value, int decimals);
    JsonWriter &field(std::string_view name, bool value);
    JsonWriter &null(std::string_view name);

    template <typename T>
    JsonWriter &field(std::string_view name, const std::optional<T> &value)
    {
        return value ? field(name, *value) : null(name);
    }
    JsonWriter &field(std::string_view name, const std::optional<double> &value, int decimals)
    {
        return value ? field(name, *value, decimals) : null(name);
    }

    // Closes the object and hands over the bytes; the writer is then empty.
    QByteArray finish();

private:
    void key(std::string_view name);
    void string(const QString &value);

    std::string m_buffer; // std::string appends are cheaper than QByteArray's
    bool m_first = true;
};

} // namespace pitwall
