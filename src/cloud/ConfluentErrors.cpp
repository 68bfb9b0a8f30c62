#include "ConfluentErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pitwall::cloud {

QByteArray basicAuthorization(const QString &key, const QString &secret)
{
    return "Basic " + (key + QLatin1Char(':') + secret).toUtf8().toBase64();
}

QString confluentError(const net::HttpResponse &response, const QString &what)
{
    const auto errors = QJsonDocument::fromJson(response.body).object().value(QLatin1String("errors")).toArray();
    QStringList details;
    for (const auto &value : errors) {
        const auto error = value.toObject();
        QString text = error.value(QLatin1String("detail")).toString();
        if (text.isEmpty())
            text = error.value(QLatin1String("title")).toString();
        if (!text.isEmpty())
            details << (text.size() > 300 ? text.left(300) + QStringLiteral("…") : text);
    }
    const QString said = details.isEmpty() ? QString() : QStringLiteral(" It said: %1").arg(details.join(QStringLiteral("; ")));
    switch (response.status) {
    case 401:
        return QStringLiteral("%1 refused the API key: check the key and secret, and that it is the right kind of key.%2").arg(what, said);
    case 403:
        return QStringLiteral("%1: the key's account lacks the permission for this (a role binding such as FlinkDeveloper or "
                              "EnvironmentAdmin).%2")
            .arg(what, said);
    case 404: return QStringLiteral("%1: not found (check the organization, environment and names).%2").arg(what, said);
    case 409: return QStringLiteral("%1: it already exists.%2").arg(what, said);
    case 422:
    case 400: return QStringLiteral("%1 refused the request as invalid.%2").arg(what, said);
    case 429: return QStringLiteral("%1 is rate-limiting the requests.%2").arg(what, said);
    default: return QStringLiteral("%1 answered HTTP %2.%3").arg(what).arg(response.status).arg(said);
    }
}

} // namespace pitwall::cloud
