#pragma once
// Reads fields out of one JSON object with validation. The first failure is kept and
// every later read becomes a no-op, so a decoder reads all its fields and checks once.
// Parsing is simdjson's (validating, UTF-8 checked): every telemetry message passes here
// at 10-50 Hz per car, and QJsonDocument took most of a stage's time.

#include "DecodeError.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QStringList>
#include <memory>
#include <optional>

namespace pitwall {

class JsonFieldReader {
public:
    // Largest message any topic of ours accepts; anything bigger is refused before parsing.
    static constexpr qsizetype kMaxMessageBytes = 64 * 1024;
    // Epoch-millisecond timestamps must fall between 1970 and 2100.
    static constexpr qint64 kMaxTimestampMs = 4102444800000LL;

    explicit JsonFieldReader(QByteArrayView bytes);
    ~JsonFieldReader();
    JsonFieldReader(const JsonFieldReader &) = delete;
    JsonFieldReader &operator=(const JsonFieldReader &) = delete;

    QString requiredString(const char *field, qsizetype maxLength, bool allowEmpty = false);
    // Absent or null gives nullopt; any other non-string is an error.
    std::optional<QString> nullableString(const char *field, qsizetype maxLength);
    int requiredInt(const char *field, int min, int max);
    qint64 requiredTimestampMs(const char *field);
    double requiredDouble(const char *field, double min, double max);
    std::optional<double> nullableDouble(const char *field, double min, double max);
    std::optional<int> nullableInt(const char *field, int min, int max);
    bool requiredBool(const char *field);
    // Absent or null gives an empty object; a string holding an object's JSON text (cloud
    // mode: Flink tables carry it as STRING) gives that object; anything else is an error.
    QJsonObject optionalObject(const char *field);
    // An array of strings, each at most maxLength, at most maxItems of them; absent or null: empty.
    QStringList optionalStringList(const char *field, qsizetype maxItems, qsizetype maxLength);

    bool ok() const { return !m_error.has_value(); }
    const DecodeError &error() const { return *m_error; }
    // Lets a decoder report a rule that spans fields (e.g. an unknown enum name).
    void fail(DecodeErrorKind kind, const char *field, const QString &reason);

private:
    struct Document; // the parsed message (simdjson stays out of this header)
    struct Field;
    std::optional<Field> present(const char *field, bool required);
    std::optional<double> number(const char *field, bool required, double min, double max);
    // number() that must also be whole; `expected` names it in the error ("an integer").
    std::optional<double> wholeNumber(const char *field, bool required, double min, double max, const char *expected);
    void failType(const char *field, const char *expected, const Field &got);

    std::unique_ptr<Document> m_document;
    std::optional<DecodeError> m_error;
};

} // namespace pitwall
