#include "JsonSchemaCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>
#include <utility>

namespace pitwall::registry {

namespace {

bool hasType(const QJsonValue &value, const QString &type)
{
    using Check = bool (*)(const QJsonValue &);
    static const std::pair<QLatin1String, Check> kChecks[] = {
        {QLatin1String("null"), [](const QJsonValue &v) { return v.isNull(); }},
        {QLatin1String("string"), [](const QJsonValue &v) { return v.isString(); }},
        {QLatin1String("number"), [](const QJsonValue &v) { return v.isDouble(); }},
        {QLatin1String("integer"), [](const QJsonValue &v) { return v.isDouble() && v.toDouble() == std::floor(v.toDouble()); }},
        {QLatin1String("boolean"), [](const QJsonValue &v) { return v.isBool(); }},
        {QLatin1String("object"), [](const QJsonValue &v) { return v.isObject(); }},
        {QLatin1String("array"), [](const QJsonValue &v) { return v.isArray(); }},
    };
    for (const auto &[name, check] : kChecks) {
        if (type == name)
            return check(value);
    }
    return true; // an unknown type name constrains nothing here
}

bool matchesTypes(const QJsonValue &value, const QJsonValue &types)
{
    if (types.isString())
        return hasType(value, types.toString());
    if (!types.isArray())
        return true;
    for (const auto &type : types.toArray())
        if (hasType(value, type.toString()))
            return true;
    return false;
}

} // namespace

Expected<JsonSchemaCodec> JsonSchemaCodec::fromSchema(const QString &schemaJson)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(schemaJson.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Error{QStringLiteral("not a JSON Schema: %1").arg(error.errorString())};
    JsonSchemaCodec codec;
    codec.m_schema = document.object();
    return codec;
}

std::optional<QString> JsonSchemaCodec::check(const QJsonObject &record) const
{
    for (const auto &required : m_schema.value(QLatin1String("required")).toArray())
        if (!record.contains(required.toString()))
            return QStringLiteral("'%1' is required").arg(required.toString());
    const auto properties = m_schema.value(QLatin1String("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        if (!record.contains(it.key()))
            continue;
        const auto types = it.value().toObject().value(QLatin1String("type"));
        if (!matchesTypes(record.value(it.key()), types))
            return QStringLiteral("'%1' must be of type %2")
                .arg(it.key(), types.isArray() ? QString::fromUtf8(QJsonDocument(types.toArray()).toJson(QJsonDocument::Compact))
                                               : types.toString());
    }
    return std::nullopt;
}

Expected<QByteArray> JsonSchemaCodec::encode(const QJsonObject &record) const
{
    if (auto wrong = check(record))
        return Error{*wrong};
    return QJsonDocument(record).toJson(QJsonDocument::Compact);
}

Expected<QJsonObject> JsonSchemaCodec::decode(const QByteArray &payload) const
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Error{QStringLiteral("the payload is not a JSON object (%1)").arg(error.errorString())};
    if (auto wrong = check(document.object()))
        return Error{*wrong};
    return document.object();
}

} // namespace pitwall::registry
