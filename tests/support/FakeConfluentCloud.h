#pragma once
// A fake of Confluent Cloud's management API (org/v2, cmk/v2, fcpm/v2, iam/v2, srcm/v3)
// for tests only: lists what was created, creates with ids, reports clusters and pools
// PROVISIONING for a few reads, makes API keys with secrets, answers 401 to any other
// key than CLOUDKEY:cloud-secret-42, and logs every call.

#include "FakeHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace pitwall::test {

inline const QByteArray kCloudAuth = "Basic " + QByteArray("CLOUDKEY:cloud-secret-42").toBase64();

struct FakeCloud {
    QMap<QString, QJsonArray> lists; // path -> items
    QStringList log;
    int clusterReads = 0, poolReads = 0, keys = 0;
    bool roleBindingExists = false;

    static QJsonObject item(const QString &id, const QString &name, bool inSpec)
    {
        return inSpec ? QJsonObject{{"id", id}, {"spec", QJsonObject{{"display_name", name}}}}
                      : QJsonObject{{"id", id}, {"display_name", name}};
    }

    FakeResponse json(int status, const QJsonObject &body) { return FakeResponse::json(status, QJsonDocument(body).toJson()); }

    FakeResponse handle(const FakeRequest &request)
    {
        if (request.header("Authorization") != kCloudAuth)
            return FakeResponse::json(401, "{\"errors\":[{\"status\":\"401\",\"detail\":\"Invalid API Key\"}]}");
        const QString target = QString::fromUtf8(request.target);
        const QString path = target.section(QLatin1Char('?'), 0, 0);
        const auto body = QJsonDocument::fromJson(request.body).object();
        log << QString::fromLatin1(request.method) + QLatin1Char(' ') + path;
        if (request.method == "DELETE")
            return FakeResponse::json(204, "");
        if (path == "/org/v2/organizations")
            return json(200, {{"data", QJsonArray{QJsonObject{{"id", "1111aaaa-2222-3333-4444-555566667777"}}}}});
        if (path == "/srcm/v3/clusters")
            return json(200,
                        {{"data", QJsonArray{QJsonObject{{"id", "lsrc-1"},
                                                         {"spec", QJsonObject{{"http_endpoint",
                                                                               "https://psrc-1.us-east-2.aws.confluent.cloud"}}}}}}});
        if (path.startsWith("/cmk/v2/clusters/"))
            return json(200, {{"id", "lkc-1"},
                              {"spec", QJsonObject{{"kafka_bootstrap_endpoint", "SASL_SSL://pkc-1.us-east-1.aws.confluent.cloud:9092"}}},
                              {"status", QJsonObject{{"phase", ++clusterReads < 3 ? "PROVISIONING" : "PROVISIONED"}}}});
        if (path.startsWith("/fcpm/v2/compute-pools/"))
            return json(200, {{"id", "lfcp-1"}, {"status", QJsonObject{{"phase", ++poolReads < 2 ? "PROVISIONING" : "PROVISIONED"}}}});
        if (path == "/iam/v2/role-bindings")
            return roleBindingExists
                       ? FakeResponse::json(409, "{\"errors\":[{\"status\":\"409\",\"code\":\"resource_already_exists\"}]}")
                       : json(201, {{"id", "rb-1"}});
        if (path == "/iam/v2/api-keys") {
            ++keys;
            return json(202, {{"id", QStringLiteral("KEY%1").arg(keys)},
                              {"spec", QJsonObject{{"secret", QStringLiteral("secret-%1").arg(keys)}}}});
        }
        if (request.method == "GET")
            return json(200, {{"data", lists.value(path)}});
        // Creation: remember it so the next list finds it.
        const QString name = body.contains("spec") ? body.value("spec").toObject().value("display_name").toString()
                                                   : body.value("display_name").toString();
        const QString prefix = path.contains("environments")    ? "env-"
                               : path.contains("clusters")      ? "lkc-"
                               : path.contains("compute-pools") ? "lfcp-"
                                                                : "sa-";
        const QString id = prefix + QString::number(lists.value(path).size() + 1);
        lists[path].append(item(id, name, body.contains("spec")));
        return json(201, {{"id", id}});
    }
};

} // namespace pitwall::test
