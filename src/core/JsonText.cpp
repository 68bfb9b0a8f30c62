#include "JsonText.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace pitwall {

Expected<QJsonObject, QString> parseJsonObject(QByteArrayView json)
{
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return parseError.errorString();
    return document.object();
}

} // namespace pitwall
