#include "StoredLineJson.h"

#include <QJsonArray>

namespace pitwall::vector {

QJsonObject storedLineJson(const StoredLine &line, const Vector &embedding)
{
    QJsonArray values;
    for (float v : embedding)
        values.append(double(v));
    return {{QStringLiteral("id"), line.id},
            {QStringLiteral("message"), line.message},
            {QStringLiteral("message_embedding"), values},
            {QStringLiteral("race_id"), line.raceId},
            {QStringLiteral("timestamp"), line.timestampMs},
            {QStringLiteral("type"), line.type},
            {QStringLiteral("source"), line.source}};
}

StoredLine storedLineFromJson(const QJsonObject &object)
{
    return {object.value(QLatin1String("id")).toString(),      object.value(QLatin1String("message")).toString(),
            object.value(QLatin1String("race_id")).toString(), qint64(object.value(QLatin1String("timestamp")).toDouble()),
            object.value(QLatin1String("type")).toString(),    object.value(QLatin1String("source")).toString()};
}

Vector embeddingFromJson(const QJsonObject &object)
{
    Vector vector;
    for (const auto &value : object.value(QLatin1String("message_embedding")).toArray())
        vector.push_back(float(value.toDouble()));
    return vector;
}

} // namespace pitwall::vector
