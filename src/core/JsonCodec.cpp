#include "JsonCodec.h"

#include "JsonFieldReader.h"

#include <QJsonDocument>
#include <QJsonObject>

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

} // namespace

QByteArray encode(const PositionUpdate &update)
{
    return compact({{"driver_name", update.driverName},
                    {"position", update.position},
                    {"timestamp", update.timestampMs},
                    {"race_id", nullable(update.raceId)},
                    {"team_name", nullable(update.teamName)},
                    {"speed", nullable(update.speedKph)}});
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
    return finish(reader, std::move(update));
}

QByteArray encode(const CarMetrics &metrics)
{
    return compact({{"team_name", metrics.teamName},
                    {"timestamp", metrics.timestampMs},
                    {"engine_temperature", metrics.engineTemperatureC}});
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
    return compact({{"id", commentary.id},
                    {"message", commentary.message},
                    {"timestamp", commentary.timestampMs},
                    {"type", commentaryTypeName(commentary.type)}});
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
    return compact({{"query", query.query}});
}

Decoded<CommentaryQuery> decodeCommentaryQuery(QByteArrayView bytes)
{
    JsonFieldReader reader(bytes);
    CommentaryQuery query;
    query.query = reader.requiredString("query", kMaxTextLength);
    return finish(reader, std::move(query));
}

} // namespace pitwall::codec
