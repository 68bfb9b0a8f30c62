#include "JsonCodec.h"

#include "JsonFieldReader.h"
#include "JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace pitwall::codec {

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
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

const QStringList &tyreCompounds()
{
    static const QStringList compounds{QStringLiteral("SOFT"), QStringLiteral("MEDIUM"), QStringLiteral("HARD"),
                                       QStringLiteral("INTERMEDIATE"), QStringLiteral("WET"),
                                       // a real race whose source does not say
                                       QStringLiteral("UNKNOWN")};
    return compounds;
}

void checkOneOf(JsonFieldReader &reader, const char *field, const QString &value, const QStringList &allowed)
{
    if (reader.ok() && !allowed.contains(value))
        reader.fail(DecodeErrorKind::InvalidValue, field,
                    QStringLiteral("'%1' is not one of %2").arg(value, allowed.join(QLatin1String(", "))));
}

} // namespace

QByteArray encode(const PositionUpdate &update)
{
    JsonWriter json;
    json.field("driver_name", update.driverName)
        .field("position", update.position)
        .field("timestamp", update.timestampMs)
        .field("race_id", update.raceId)
        .field("team_name", update.teamName)
        .field("speed", update.speedKph, 3);
    // Our extras are left out when unknown, so a demo-shaped update stays demo-shaped.
    if (update.gapToLeaderS)
        json.field("gap_to_leader", *update.gapToLeaderS, 3);
    if (update.intervalS)
        json.field("interval", *update.intervalS, 3);
    if (update.lap)
        json.field("lap", *update.lap);
    if (update.tyre)
        json.field("tyre", *update.tyre);
    if (update.tyreAgeLaps)
        json.field("tyre_age_laps", *update.tyreAgeLaps);
    if (update.pitStops)
        json.field("pit_stops", *update.pitStops);
    if (update.status)
        json.field("status", *update.status);
    return json.finish();
}

Decoded<PositionUpdate> decodePositionUpdate(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    PositionUpdate update;
    update.driverName = reader.requiredString("driver_name", kMaxNameLength);
    update.position = reader.requiredInt("position", 1, kMaxPosition);
    update.timestampMs = reader.requiredTimestampMs("timestamp");
    update.raceId = reader.nullableString("race_id", kMaxNameLength);
    update.teamName = reader.nullableString("team_name", kMaxNameLength);
    update.speedKph = reader.nullableDouble("speed", 0.0, kMaxSpeedKph);
    update.gapToLeaderS = reader.nullableDouble("gap_to_leader", 0.0, kMaxGapS);
    update.intervalS = reader.nullableDouble("interval", 0.0, kMaxGapS);
    update.lap = reader.nullableInt("lap", 0, kMaxLap);
    update.tyre = reader.nullableString("tyre", kMaxNameLength);
    if (update.tyre)
        checkOneOf(reader, "tyre", *update.tyre, tyreCompounds());
    update.tyreAgeLaps = reader.nullableInt("tyre_age_laps", 0, kMaxLap);
    update.pitStops = reader.nullableInt("pit_stops", 0, 20);
    update.status = reader.nullableString("status", kMaxNameLength);
    return finish(reader, std::move(update));
}

QByteArray encode(const CarMetrics &metrics)
{
    return JsonWriter()
        .field("team_name", metrics.teamName)
        .field("timestamp", metrics.timestampMs)
        .field("engine_temperature", metrics.engineTemperatureC, 3)
        .finish();
}

Decoded<CarMetrics> decodeCarMetrics(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    CarMetrics metrics;
    metrics.teamName = reader.requiredString("team_name", kMaxNameLength);
    metrics.timestampMs = reader.requiredTimestampMs("timestamp");
    metrics.engineTemperatureC = reader.requiredDouble("engine_temperature", kMinTemperatureC, kMaxTemperatureC);
    return finish(reader, std::move(metrics));
}

QByteArray encode(const Commentary &commentary)
{
    QJsonObject object{{"id", commentary.id},
                       {"message", commentary.message},
                       {"timestamp", commentary.timestampMs},
                       {"type", commentaryTypeName(commentary.type)}};
    if (!commentary.source.isEmpty())
        object.insert(QStringLiteral("source"), commentary.source);
    if (!commentary.eventIds.isEmpty())
        object.insert(QStringLiteral("event_ids"), QJsonArray::fromStringList(commentary.eventIds));
    if (!commentary.raceId.isEmpty())
        object.insert(QStringLiteral("race_id"), commentary.raceId);
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

QByteArray encode(const EngineAnomaly &anomaly)
{
    return compact({{"key", anomaly.key},
                    {"ts", anomaly.tsMs},
                    {"team_name", anomaly.teamName},
                    {"engine_temperature", anomaly.engineTemperatureC},
                    {"is_anomaly", anomaly.isAnomaly}});
}

Decoded<EngineAnomaly> decodeEngineAnomaly(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    EngineAnomaly anomaly;
    anomaly.key = reader.requiredString("key", kMaxNameLength);
    anomaly.tsMs = reader.requiredTimestampMs("ts");
    anomaly.teamName = reader.requiredString("team_name", kMaxNameLength);
    anomaly.engineTemperatureC = reader.requiredDouble("engine_temperature", kMinTemperatureC, kMaxTemperatureC);
    anomaly.isAnomaly = reader.requiredBool("is_anomaly");
    return finish(reader, std::move(anomaly));
}

QByteArray encode(const CommentaryQuery &query)
{
    QJsonObject object{{"query", query.query}};
    if (!query.id.isEmpty())
        object.insert(QStringLiteral("id"), query.id);
    if (!query.raceId.isEmpty())
        object.insert(QStringLiteral("race_id"), query.raceId);
    return compact(object);
}

Decoded<CommentaryQuery> decodeCommentaryQuery(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    CommentaryQuery query;
    query.query = reader.requiredString("query", kMaxTextLength);
    query.id = reader.nullableString("id", kMaxNameLength).value_or(QString());
    query.raceId = reader.nullableString("race_id", kMaxNameLength).value_or(QString());
    return finish(reader, std::move(query));
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
        return DecodeError{DecodeErrorKind::OutOfRange, QString::fromLatin1(field), QStringLiteral("longer than %1 characters").arg(maxLength)};
    if (required && out.trimmed().isEmpty())
        return DecodeError{DecodeErrorKind::InvalidValue, QString::fromLatin1(field), QStringLiteral("is empty")};
    return std::nullopt;
}

} // namespace

QByteArray encode(const CommentaryQueryVector &vector)
{
    QJsonArray values;
    for (float v : vector.embedding)
        values.append(double(v));
    QJsonObject object{{"query", vector.query}, {"embedding", values}};
    if (!vector.id.isEmpty())
        object.insert(QStringLiteral("id"), vector.id);
    if (!vector.raceId.isEmpty())
        object.insert(QStringLiteral("race_id"), vector.raceId);
    return compact(object);
}

Decoded<CommentaryQueryVector> decodeCommentaryQueryVector(QByteArrayView bytes)
{
    auto object = parsedObject(bytes, 256 * 1024);
    if (!object)
        return object.error();
    CommentaryQueryVector vector;
    for (auto error : {readText(*object, "query", true, kMaxTextLength, vector.query),
                       readText(*object, "id", false, kMaxNameLength, vector.id),
                       readText(*object, "race_id", false, kMaxNameLength, vector.raceId)})
        if (error)
            return *error;
    const auto values = object->value(QLatin1String("embedding"));
    if (!values.isArray() || values.toArray().isEmpty() || values.toArray().size() > kMaxEmbeddingDimensions)
        return DecodeError{DecodeErrorKind::InvalidValue, QStringLiteral("embedding"),
                           QStringLiteral("expected an array of 1 to %1 numbers").arg(kMaxEmbeddingDimensions)};
    for (const auto &value : values.toArray()) {
        if (!value.isDouble() || !std::isfinite(value.toDouble()))
            return DecodeError{DecodeErrorKind::WrongType, QStringLiteral("embedding"), QStringLiteral("holds a value that is not a number")};
        vector.embedding.push_back(float(value.toDouble()));
    }
    return vector;
}

QByteArray encode(const CommentaryQueryResult &result)
{
    QJsonArray matches;
    for (const auto &match : result.results)
        matches.append(QJsonObject{{"message", match.message},
                                   {"score", match.score},
                                   {"race_id", match.raceId},
                                   {"timestamp", match.timestampMs},
                                   {"type", match.type},
                                   {"source", match.source}});
    QJsonObject object{{"id", result.id}, {"query", result.query}, {"search_results", matches}};
    if (!result.answer.isEmpty()) {
        object.insert(QStringLiteral("answer"), result.answer);
        object.insert(QStringLiteral("answer_source"), result.answerSource);
    }
    if (!result.error.isEmpty())
        object.insert(QStringLiteral("error"), result.error);
    return compact(object);
}

Decoded<CommentaryQueryResult> decodeCommentaryQueryResult(QByteArrayView bytes)
{
    auto object = parsedObject(bytes, 256 * 1024);
    if (!object)
        return object.error();
    CommentaryQueryResult result;
    for (auto error : {readText(*object, "id", false, kMaxNameLength, result.id),
                       readText(*object, "query", true, kMaxTextLength, result.query),
                       readText(*object, "answer", false, kMaxTextLength, result.answer),
                       readText(*object, "answer_source", false, kMaxNameLength, result.answerSource),
                       readText(*object, "error", false, kMaxTextLength, result.error)})
        if (error)
            return *error;
    const auto matches = object->value(QLatin1String("search_results"));
    if (!matches.isArray() || matches.toArray().size() > 100)
        return DecodeError{DecodeErrorKind::InvalidValue, QStringLiteral("search_results"), QStringLiteral("expected an array of at most 100 matches")};
    for (const auto &item : matches.toArray()) {
        const auto match = item.toObject();
        CommentaryMatch read;
        for (auto error : {readText(match, "message", true, kMaxTextLength, read.message),
                           readText(match, "race_id", false, kMaxNameLength, read.raceId),
                           readText(match, "type", false, kMaxNameLength, read.type),
                           readText(match, "source", false, kMaxNameLength, read.source)})
            if (error)
                return DecodeError{error->kind, QStringLiteral("search_results.") + error->field, error->reason};
        const auto score = match.value(QLatin1String("score"));
        // A store's float rounding may pass 1 by a hair: tolerated and clamped, more is refused.
        if (!score.isDouble() || score.toDouble() < -1e-6 || score.toDouble() > 1 + 1e-6)
            return DecodeError{DecodeErrorKind::OutOfRange, QStringLiteral("search_results.score"), QStringLiteral("expected a number from 0 to 1")};
        read.score = std::clamp(score.toDouble(), 0.0, 1.0);
        read.timestampMs = qint64(match.value(QLatin1String("timestamp")).toDouble());
        result.results.push_back(read);
    }
    return result;
}

namespace {

const char *const kTyreTempFields[4] = {"tyre_temp_fl", "tyre_temp_fr", "tyre_temp_rl", "tyre_temp_rr"};
const char *const kBrakeTempFields[4] = {"brake_temp_fl", "brake_temp_fr", "brake_temp_rl", "brake_temp_rr"};

} // namespace

QByteArray encode(const TelemetrySample &sample)
{
    JsonWriter json;
    json.field("race_id", sample.raceId)
        .field("driver_name", sample.driverName)
        .field("team_name", sample.teamName)
        .field("timestamp", sample.timestampMs)
        .field("lap", sample.lap)
        .field("lap_distance", sample.lapDistanceM, 1)
        .field("x", sample.x, 1)
        .field("y", sample.y, 1)
        .field("speed", sample.speedKph, 1)
        .field("rpm", sample.rpm)
        .field("gear", sample.gear)
        .field("throttle", sample.throttle, 1)
        .field("brake", sample.brake, 1)
        .field("drs", sample.drs)
        .field("fuel_kg", sample.fuelKg, 2)
        .field("tyre", sample.tyre)
        .field("tyre_age_laps", sample.tyreAgeLaps)
        .field("engine_temperature", sample.engineTemperatureC, 2)
        .field("oil_temperature", sample.oilTemperatureC, 2);
    for (int i = 0; i < 4; ++i)
        json.field(kTyreTempFields[i], sample.tyreTemperatureC[i], 2);
    for (int i = 0; i < 4; ++i)
        json.field(kBrakeTempFields[i], sample.brakeTemperatureC[i], 1);
    return json.finish();
}

Decoded<TelemetrySample> decodeTelemetrySample(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    TelemetrySample sample;
    sample.raceId = reader.requiredString("race_id", kMaxNameLength);
    sample.driverName = reader.requiredString("driver_name", kMaxNameLength);
    sample.teamName = reader.requiredString("team_name", kMaxNameLength);
    sample.timestampMs = reader.requiredTimestampMs("timestamp");
    sample.lap = reader.requiredInt("lap", 0, kMaxLap);
    sample.lapDistanceM = reader.requiredDouble("lap_distance", 0, 20000);
    sample.x = reader.requiredDouble("x", -1e5, 1e5);
    sample.y = reader.requiredDouble("y", -1e5, 1e5);
    sample.speedKph = reader.requiredDouble("speed", 0, kMaxSpeedKph);
    sample.rpm = reader.requiredInt("rpm", 0, 20000);
    sample.gear = reader.requiredInt("gear", 0, 8);
    sample.throttle = reader.requiredDouble("throttle", 0, 100);
    sample.brake = reader.requiredDouble("brake", 0, 100);
    sample.drs = reader.requiredBool("drs");
    sample.fuelKg = reader.requiredDouble("fuel_kg", 0, 150);
    sample.tyre = reader.requiredString("tyre", kMaxNameLength);
    checkOneOf(reader, "tyre", sample.tyre, tyreCompounds());
    sample.tyreAgeLaps = reader.requiredInt("tyre_age_laps", 0, kMaxLap);
    sample.engineTemperatureC = reader.nullableDouble("engine_temperature", kMinTemperatureC, kMaxTemperatureC);
    sample.oilTemperatureC = reader.nullableDouble("oil_temperature", kMinTemperatureC, kMaxTemperatureC);
    for (int i = 0; i < 4; ++i) {
        sample.tyreTemperatureC[i] = reader.nullableDouble(kTyreTempFields[i], kMinTemperatureC, kMaxTemperatureC);
        sample.brakeTemperatureC[i] = reader.nullableDouble(kBrakeTempFields[i], kMinTemperatureC, kMaxTemperatureC);
    }
    return finish(reader, std::move(sample));
}

QByteArray encode(const FaultLabel &label)
{
    return compact({{"race_id", label.raceId},
                    {"driver_name", label.driverName},
                    {"team_name", label.teamName},
                    {"metric", label.metric},
                    {"kind", label.kind},
                    {"start_ms", label.startMs},
                    {"end_ms", label.endMs}});
}

Decoded<FaultLabel> decodeFaultLabel(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    FaultLabel label;
    label.raceId = reader.requiredString("race_id", kMaxNameLength);
    label.driverName = reader.requiredString("driver_name", kMaxNameLength);
    label.teamName = reader.requiredString("team_name", kMaxNameLength);
    label.metric = reader.requiredString("metric", kMaxNameLength);
    checkOneOf(reader, "metric", label.metric, telemetryMetricNames());
    label.kind = reader.requiredString("kind", kMaxNameLength);
    label.startMs = reader.requiredTimestampMs("start_ms");
    label.endMs = reader.requiredTimestampMs("end_ms");
    if (reader.ok() && label.endMs < label.startMs)
        reader.fail(DecodeErrorKind::OutOfRange, "end_ms", QStringLiteral("ends before it starts"));
    return finish(reader, std::move(label));
}

QByteArray encode(const RaceEvent &event)
{
    QJsonObject object{{"race_id", event.raceId},
                       {"timestamp", event.timestampMs},
                       {"kind", event.kind},
                       {"lap", event.lap},
                       {"details", event.details}};
    if (!event.driverName.isEmpty())
        object.insert(QLatin1String("driver_name"), event.driverName);
    return compact(object);
}

Decoded<RaceEvent> decodeRaceEvent(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    RaceEvent event;
    event.raceId = reader.requiredString("race_id", kMaxNameLength);
    event.timestampMs = reader.requiredTimestampMs("timestamp");
    event.kind = reader.requiredString("kind", kMaxNameLength);
    checkOneOf(reader, "kind", event.kind, raceEventKinds());
    event.lap = reader.requiredInt("lap", 0, kMaxLap);
    event.driverName = reader.nullableString("driver_name", kMaxNameLength).value_or(QString());
    event.details = reader.optionalObject("details");
    return finish(reader, std::move(event));
}

QByteArray encode(const TelemetryAnomaly &anomaly)
{
    return JsonWriter()
        .field("race_id", anomaly.raceId)
        .field("driver_name", anomaly.driverName)
        .field("team_name", anomaly.teamName)
        .field("metric", anomaly.metric)
        .field("timestamp", anomaly.timestampMs)
        .field("actual_value", anomaly.actual, 3)
        .field("forecast_value", anomaly.forecast, 3)
        .field("lower_bound", anomaly.lowerBound, 3)
        .field("upper_bound", anomaly.upperBound, 3)
        .field("confidence", anomaly.confidence, 3)
        .field("is_anomaly", anomaly.isAnomaly)
        .finish();
}

Decoded<TelemetryAnomaly> decodeTelemetryAnomaly(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    TelemetryAnomaly anomaly;
    anomaly.raceId = reader.requiredString("race_id", kMaxNameLength);
    anomaly.driverName = reader.requiredString("driver_name", kMaxNameLength);
    anomaly.teamName = reader.requiredString("team_name", kMaxNameLength);
    anomaly.metric = reader.requiredString("metric", kMaxNameLength);
    checkOneOf(reader, "metric", anomaly.metric, telemetryMetricNames());
    anomaly.timestampMs = reader.requiredTimestampMs("timestamp");
    anomaly.actual = reader.requiredDouble("actual_value", -1e6, 1e6);
    anomaly.forecast = reader.requiredDouble("forecast_value", -1e6, 1e6);
    anomaly.lowerBound = reader.requiredDouble("lower_bound", -1e6, 1e6);
    anomaly.upperBound = reader.requiredDouble("upper_bound", -1e6, 1e6);
    anomaly.confidence = reader.requiredDouble("confidence", 0, 100);
    anomaly.isAnomaly = reader.requiredBool("is_anomaly");
    return finish(reader, std::move(anomaly));
}

QByteArray encode(const CommentaryInput &input)
{
    JsonWriter json;
    json.field("race_id", input.raceId)
        .field("timestamp", input.timestampMs)
        .field("driver_name", input.driverName)
        .field("team_name", input.teamName)
        .field("position", input.position)
        .field("type", commentaryTypeName(input.type))
        .field("position_change", input.positionChange)
        .field("places_gained_30s", input.placesGainedRecently)
        .field("gap_to_leader", input.gapToLeaderS, 3)
        .field("interval", input.intervalS, 3)
        .field("lap", input.lap)
        .field("tyre", input.tyre)
        .field("pit_stops", input.pitStops);
    return json.finish();
}

Decoded<CommentaryInput> decodeCommentaryInput(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    CommentaryInput input;
    input.raceId = reader.requiredString("race_id", kMaxNameLength);
    input.timestampMs = reader.requiredTimestampMs("timestamp");
    input.driverName = reader.requiredString("driver_name", kMaxNameLength);
    input.teamName = reader.requiredString("team_name", kMaxNameLength, true);
    input.position = reader.requiredInt("position", 1, kMaxPosition);
    const auto type = reader.requiredString("type", kMaxNameLength);
    if (reader.ok()) {
        if (const auto parsed = commentaryTypeFromName(type))
            input.type = *parsed;
        else
            reader.fail(DecodeErrorKind::InvalidValue, "type", QStringLiteral("'%1' is not one of highlight, warning, info").arg(type));
    }
    input.positionChange = reader.requiredInt("position_change", -kMaxPosition, kMaxPosition);
    input.placesGainedRecently = reader.requiredInt("places_gained_30s", -kMaxPosition, kMaxPosition);
    input.gapToLeaderS = reader.nullableDouble("gap_to_leader", 0.0, kMaxGapS);
    input.intervalS = reader.nullableDouble("interval", 0.0, kMaxGapS);
    input.lap = reader.nullableInt("lap", 0, kMaxLap);
    input.tyre = reader.nullableString("tyre", kMaxNameLength);
    input.pitStops = reader.nullableInt("pit_stops", 0, 20);
    return finish(reader, std::move(input));
}

QByteArray encode(const ForecastPoint &point)
{
    return JsonWriter()
        .field("race_id", point.raceId)
        .field("driver_name", point.driverName)
        .field("metric", point.metric)
        .field("timestamp", point.timestampMs)
        .field("step", point.step)
        .field("forecast_value", point.forecast, 3)
        .field("lower_bound", point.lowerBound, 3)
        .field("upper_bound", point.upperBound, 3)
        .field("rmse", point.rmse, 4)
        .finish();
}

Decoded<ForecastPoint> decodeForecastPoint(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    ForecastPoint point;
    point.raceId = reader.requiredString("race_id", kMaxNameLength);
    point.driverName = reader.requiredString("driver_name", kMaxNameLength);
    point.metric = reader.requiredString("metric", kMaxNameLength);
    point.timestampMs = reader.requiredTimestampMs("timestamp");
    point.step = reader.requiredInt("step", 1, 1000);
    point.forecast = reader.requiredDouble("forecast_value", -1e9, 1e9);
    point.lowerBound = reader.requiredDouble("lower_bound", -1e9, 1e9);
    point.upperBound = reader.requiredDouble("upper_bound", -1e9, 1e9);
    point.rmse = reader.requiredDouble("rmse", 0, 1e9);
    return finish(reader, std::move(point));
}

} // namespace pitwall::codec
