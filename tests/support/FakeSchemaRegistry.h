#pragma once
// A fake Schema Registry for tests only: registration (POST /subjects/{subject}/versions)
// with Basic auth SRKEY:sr-secret-55 (401 otherwise), one id per subject and schema text
// (the same schema answers the same id), lookup by id (GET /schemas/ids/{id}); every
// POST and lookup counted.

#include "FakeHttpServer.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace pitwall::test {

inline const QByteArray kRegistryAuth = "Basic " + QByteArray("SRKEY:sr-secret-55").toBase64();

// Ids by subject and schema text, as a registry gives them: the same schema, the same id.
struct FakeRegistry {
    QHash<QString, int> ids;
    QHash<int, QJsonObject> byId; // {"schema", "schemaType"} as GET /schemas/ids/{id} answers
    int posts = 0;
    int lookups = 0;

    FakeResponse handle(const FakeRequest &request)
    {
        if (request.header("Authorization") != kRegistryAuth)
            return FakeResponse::json(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
        const QString target = QString::fromUtf8(request.target);
        if (request.method == "GET" && target.startsWith(QLatin1String("/schemas/ids/"))) {
            ++lookups;
            const int id = target.mid(13).toInt();
            if (!byId.contains(id))
                return FakeResponse::json(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
            return FakeResponse::json(200, QJsonDocument(byId.value(id)).toJson());
        }
        if (request.method != "POST" || !target.startsWith(QLatin1String("/subjects/")) || !target.endsWith(QLatin1String("/versions")))
            return FakeResponse::json(404, "{\"error_code\":404,\"message\":\"not found\"}");
        ++posts;
        const QString key = target + QJsonDocument::fromJson(request.body).object().value("schema").toString();
        if (!ids.contains(key)) {
            ids.insert(key, 100001 + int(ids.size()));
            auto body = QJsonDocument::fromJson(request.body).object();
            byId.insert(ids.value(key),
                        QJsonObject{{"schema", body.value("schema")}, {"schemaType", body.value("schemaType").toString("AVRO")}});
        }
        return FakeResponse::json(200, QByteArray("{\"id\":") + QByteArray::number(ids.value(key)) + "}");
    }
};

} // namespace pitwall::test
