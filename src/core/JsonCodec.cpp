#include "JsonCodec.h"

#include "JsonFieldReader.h"
#include "RecordFields.h"
#include "JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <functional>
#include <type_traits>

namespace pitwall::codec {

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Our fields beyond the demo's are left out when empty, so the demo's rows look as they did.
void insertIfSet(QJsonObject &object, const char *key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(QLatin1String(key), value);
}

template <typename T>
QJsonValue nullable(const std::optional<T> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

template <typename T>
Decoded<T> finish(const JsonFieldReader &reader, T value)
{
    if (!reader.ok())
        return reader.error();
    return value;
}

void checkOneOf(JsonFieldReader &reader, const char *field, const QString &value, const QStringList &allowed)
{
    if (reader.ok() && !allowed.contains(value))
        reader.fail(DecodeErrorKind::InvalidValue, field,
                    QStringLiteral("'%1' is not one of %2").arg(value, allowed.join(QLatin1String(", "))));
}

using records::Description;
using records::JsonStyle;
using records::WhenSet;

template <typename F, typename Record>
decltype(auto) member(const F &field, Record &record)
{
    return std::invoke(field.access, record);
}

template <typename T>
bool unset(const T &value)
{
    if constexpr (std::is_same_v<T, QString>)
        return value.isEmpty();
    else if constexpr (requires { value.has_value(); })
        return !value.has_value();
    else
        return false;
}

// Streamed JSON: one JsonWriter call per field, in the table's order.
template <typename F, typename T>
void writeField(JsonWriter &json, const F &field, const T &value)
{
    if (field.has(WhenSet) && unset(value))
        return;
    if constexpr (std::is_same_v<T, double> || std::is_same_v<T, std::optional<double>>)
        json.field(field.name, value, field.decimals);
    else if constexpr (std::is_same_v<T, CommentaryType>)
        json.field(field.name, commentaryTypeName(value));
    else
        json.field(field.name, value);
}

template <typename T>
QJsonValue jsonValue(const T &value)
{
    if constexpr (requires { value.has_value(); })
        return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
    else
        return QJsonValue(value);
}

template <typename Record>
QByteArray encodeRecord(const Record &record)
{
    if constexpr (Description<Record>::style == JsonStyle::Stream) {
        JsonWriter json;
        std::apply([&](const auto &...field) { (writeField(json, field, member(field, record)), ...); }, Description<Record>::fields);
        return json.finish();
    } else {
        QJsonObject object;
        const auto insert = [&](const auto &field) {
            const auto &value = member(field, record);
            if (!(field.has(WhenSet) && unset(value)))
                object.insert(QLatin1String(field.name), jsonValue(value));
        };
        std::apply([&](const auto &...field) { (insert(field), ...); }, Description<Record>::fields);
        return compact(object);
    }
}

// Reads and checks one field: required unless the member is optional (or written only when set).
template <typename F, typename T>
void readField(JsonFieldReader &reader, const F &field, T &out)
{
    const auto maxLength = qsizetype(field.max);
    if constexpr (std::is_same_v<T, QString>) {
        if (field.has(WhenSet))
            out = reader.nullableString(field.name, maxLength).value_or(QString());
        else
            out = reader.requiredString(field.name, maxLength, field.has(records::AllowEmpty));
        if (field.oneOf && !(field.has(WhenSet) && out.isEmpty()))
            checkOneOf(reader, field.name, out, field.oneOf());
    } else if constexpr (std::is_same_v<T, std::optional<QString>>) {
        out = reader.nullableString(field.name, maxLength);
        if (field.oneOf && out)
            checkOneOf(reader, field.name, *out, field.oneOf());
    } else if constexpr (std::is_same_v<T, int>) {
        out = reader.requiredInt(field.name, int(field.min), int(field.max));
    } else if constexpr (std::is_same_v<T, std::optional<int>>) {
        out = reader.nullableInt(field.name, int(field.min), int(field.max));
    } else if constexpr (std::is_same_v<T, qint64>) {
        out = reader.requiredTimestampMs(field.name);
    } else if constexpr (std::is_same_v<T, double>) {
        out = reader.requiredDouble(field.name, field.min, field.max);
    } else if constexpr (std::is_same_v<T, std::optional<double>>) {
        out = reader.nullableDouble(field.name, field.min, field.max);
    } else if constexpr (std::is_same_v<T, bool>) {
        out = reader.requiredBool(field.name);
    } else if constexpr (std::is_same_v<T, QJsonObject>) {
        out = reader.optionalObject(field.name);
    } else if constexpr (std::is_same_v<T, CommentaryType>) {
        const auto name = reader.requiredString(field.name, maxLength);
        if (!reader.ok())
            return;
        if (const auto parsed = commentaryTypeFromName(name))
            out = *parsed;
        else
            reader.fail(DecodeErrorKind::InvalidValue, field.name,
                        QStringLiteral("'%1' is not one of highlight, warning, info").arg(name));
    } else {
        static_assert(sizeof(T) == 0, "a member type the codec does not read");
    }
}

template <typename Record>
Decoded<Record> decodeRecord(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    Record record;
    std::apply([&](const auto &...field) { (readField(reader, field, member(field, record)), ...); }, Description<Record>::fields);
    return finish(reader, std::move(record));
}

} // namespace

QByteArray encode(const Commentary &commentary)
{
    QJsonObject object{{"id", commentary.id},
                       {"message", commentary.message},
                       {"timestamp", commentary.timestampMs},
                       {"type", commentaryTypeName(commentary.type)}};
    insertIfSet(object, "source", commentary.source);
    if (!commentary.eventIds.isEmpty())
        object.insert(QStringLiteral("event_ids"), QJsonArray::fromStringList(commentary.eventIds));
    insertIfSet(object, "race_id", commentary.raceId);
    return compact(object);
}

Decoded<Commentary> decodeCommentary(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    Commentary commentary;
    commentary.id = reader.requiredString("id", kMaxNameLength);
    commentary.message = reader.requiredString("message", kMaxTextLength);
    commentary.timestampMs = reader.requiredTimestampMs("timestamp");
    // The demo's consumer treats a null type as "info"; an unknown name is an error.
    if (const auto typeName = reader.nullableString("type", kMaxNameLength)) {
        if (const auto type = commentaryTypeFromName(*typeName))
            commentary.type = *type;
        else
            reader.fail(DecodeErrorKind::InvalidValue, "type",
                        QStringLiteral("'%1' is not one of highlight, warning, info").arg(*typeName));
    }
    commentary.source = reader.nullableString("source", kMaxNameLength).value_or(QString());
    commentary.eventIds = reader.optionalStringList("event_ids", 64, kMaxNameLength);
    commentary.raceId = reader.nullableString("race_id", kMaxNameLength).value_or(QString());
    return finish(reader, std::move(commentary));
}

namespace {

// The ask messages carry arrays (vectors, matches): read with Qt's parser, checked field by field.
Decoded<QJsonObject> parsedObject(QByteArrayView bytes, qsizetype maxBytes)
{
    if (bytes.size() > maxBytes)
        return DecodeError{DecodeErrorKind::Oversize, {}, QStringLiteral("%1 bytes (at most %2)").arg(bytes.size()).arg(maxBytes)};
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(QByteArray::fromRawData(bytes.data(), bytes.size()), &error);
    if (error.error != QJsonParseError::NoError)
        return DecodeError{DecodeErrorKind::NotJson, {}, error.errorString()};
    if (!document.isObject())
        return DecodeError{DecodeErrorKind::NotAnObject, {}, QStringLiteral("expected a JSON object")};
    return document.object();
}

std::optional<DecodeError> readText(const QJsonObject &object, const char *field, bool required, qsizetype maxLength, QString &out)
{
    const auto value = object.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return DecodeError{DecodeErrorKind::MissingField, QString::fromLatin1(field), QStringLiteral("is missing")};
        return std::nullopt;
    }
    if (!value.isString())
        return DecodeError{DecodeErrorKind::WrongType, QString::fromLatin1(field), QStringLiteral("expected a string")};
    out = value.toString();
    if (out.size() > maxLength)
        return DecodeError{DecodeErrorKind::OutOfRange, QString::fromLatin1(field),
                           QStringLiteral("longer than %1 characters").arg(maxLength)};
    if (required && out.trimmed().isEmpty())
        return DecodeError{DecodeErrorKind::InvalidValue, QString::fromLatin1(field), QStringLiteral("is empty")};
    return std::nullopt;
}

// One text field of an ask message, read into `out` by readTexts.
struct TextField {
    const char *name;
    bool required;
    qsizetype maxLength;
    QString &out;
};

// Reads the fields in order; the first that fails is the message's error.
std::optional<DecodeError> readTexts(const QJsonObject &object, std::initializer_list<TextField> fields)
{
    for (const auto &field : fields) {
        if (auto error = readText(object, field.name, field.required, field.maxLength, field.out))
            return error;
    }
    return std::nullopt;
}

// An ask message (at most 256 KiB) with its text fields read; the rest is the caller's.
Decoded<QJsonObject> askMessage(QByteArrayView bytes, std::initializer_list<TextField> texts)
{
    auto object = parsedObject(bytes, 256 * 1024);
    if (!object)
        return object;
    if (auto error = readTexts(*object, texts))
        return *error;
    return object;
}

} // namespace

QByteArray encode(const CommentaryQueryVector &vector)
{
    QJsonArray values;
    for (float v : vector.embedding)
        values.append(double(v));
    QJsonObject object{{"query", vector.query}, {"embedding", values}};
    insertIfSet(object, "id", vector.id);
    insertIfSet(object, "race_id", vector.raceId);
    return compact(object);
}

Decoded<CommentaryQueryVector> decodeCommentaryQueryVector(QByteArrayView bytes)
{
    CommentaryQueryVector vector;
    const auto object = askMessage(bytes, {{"query", true, kMaxTextLength, vector.query},
                                           {"id", false, kMaxNameLength, vector.id},
                                           {"race_id", false, kMaxNameLength, vector.raceId}});
    if (!object)
        return object.error();
    const auto values = object->value(QLatin1String("embedding"));
    if (!values.isArray() || values.toArray().isEmpty() || values.toArray().size() > kMaxEmbeddingDimensions)
        return DecodeError{DecodeErrorKind::InvalidValue, QStringLiteral("embedding"),
                           QStringLiteral("expected an array of 1 to %1 numbers").arg(kMaxEmbeddingDimensions)};
    for (const auto &value : values.toArray()) {
        if (!value.isDouble() || !std::isfinite(value.toDouble()))
            return DecodeError{DecodeErrorKind::WrongType, QStringLiteral("embedding"),
                               QStringLiteral("holds a value that is not a number")};
        vector.embedding.push_back(float(value.toDouble()));
    }
    return vector;
}

QJsonArray searchResultsJson(const QVector<CommentaryMatch> &matches)
{
    QJsonArray array;
    for (const auto &match : matches)
        array.append(QJsonObject{{"message", match.message},
                                 {"score", match.score},
                                 {"race_id", match.raceId},
                                 {"timestamp", match.timestampMs},
                                 {"type", match.type},
                                 {"source", match.source}});
    return array;
}

QByteArray encode(const CommentaryQueryResult &result)
{
    QJsonObject object{{"id", result.id}, {"query", result.query}, {"search_results", searchResultsJson(result.results)}};
    if (!result.answer.isEmpty()) {
        object.insert(QStringLiteral("answer"), result.answer);
        object.insert(QStringLiteral("answer_source"), result.answerSource);
    }
    insertIfSet(object, "error", result.error);
    return compact(object);
}

Decoded<CommentaryQueryResult> decodeCommentaryQueryResult(QByteArrayView bytes)
{
    CommentaryQueryResult result;
    const auto object = askMessage(bytes, {{"id", false, kMaxNameLength, result.id},
                                           {"query", true, kMaxTextLength, result.query},
                                           {"answer", false, kMaxTextLength, result.answer},
                                           {"answer_source", false, kMaxNameLength, result.answerSource},
                                           {"error", false, kMaxTextLength, result.error}});
    if (!object)
        return object.error();
    const auto matches = object->value(QLatin1String("search_results"));
    if (!matches.isArray() || matches.toArray().size() > 100)
        return DecodeError{DecodeErrorKind::InvalidValue, QStringLiteral("search_results"),
                           QStringLiteral("expected an array of at most 100 matches")};
    for (const auto &item : matches.toArray()) {
        const auto match = item.toObject();
        CommentaryMatch read;
        if (auto error = readTexts(match, {{"message", true, kMaxTextLength, read.message},
                                           {"race_id", false, kMaxNameLength, read.raceId},
                                           {"type", false, kMaxNameLength, read.type},
                                           {"source", false, kMaxNameLength, read.source}}))
            return DecodeError{error->kind, QStringLiteral("search_results.") + error->field, error->reason};
        const auto score = match.value(QLatin1String("score"));
        // A store's float rounding may pass 1 by a hair: tolerated and clamped, more is refused.
        if (!score.isDouble() || score.toDouble() < -1e-6 || score.toDouble() > 1 + 1e-6)
            return DecodeError{DecodeErrorKind::OutOfRange, QStringLiteral("search_results.score"),
                               QStringLiteral("expected a number from 0 to 1")};
        read.score = std::clamp(score.toDouble(), 0.0, 1.0);
        read.timestampMs = qint64(match.value(QLatin1String("timestamp")).toDouble());
        result.results.push_back(read);
    }
    return result;
}

QByteArray encode(const FaultLabel &label)
{
    return encodeRecord(label);
}

Decoded<FaultLabel> decodeFaultLabel(QByteArrayView bytes)
{
    auto label = decodeRecord<FaultLabel>(bytes);
    if (label && label->endMs < label->startMs)
        return DecodeError{DecodeErrorKind::OutOfRange, QStringLiteral("end_ms"), QStringLiteral("ends before it starts")};
    return label;
}

// The records whose JSON is exactly their field table (RecordFields.h): their public encode
// and decode are the table-driven ones, spelt once here instead of a pair of forwarders each.
#define PITWALL_TABLE_CODEC(Record)                                                                                              \
    QByteArray encode(const Record &record)                                                                                      \
    {                                                                                                                            \
        return encodeRecord(record);                                                                                             \
    }                                                                                                                            \
    Decoded<Record> decode##Record(QByteArrayView bytes)                                                                         \
    {                                                                                                                            \
        return decodeRecord<Record>(bytes);                                                                                      \
    }

PITWALL_TABLE_CODEC(PositionUpdate)
PITWALL_TABLE_CODEC(CarMetrics)
PITWALL_TABLE_CODEC(EngineAnomaly)
PITWALL_TABLE_CODEC(TelemetrySample)
PITWALL_TABLE_CODEC(RaceEvent)
PITWALL_TABLE_CODEC(TelemetryAnomaly)
PITWALL_TABLE_CODEC(CommentaryInput)
PITWALL_TABLE_CODEC(ForecastPoint)
PITWALL_TABLE_CODEC(CommentaryQuery)

#undef PITWALL_TABLE_CODEC

} // namespace pitwall::codec
