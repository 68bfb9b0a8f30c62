#pragma once
// A fake of Confluent Cloud Flink's sql/v1 API for tests only: statements move one phase
// per read (PENDING, then COMPLETED for DDL or RUNNING for an INSERT; a statement naming
// missing_table FAILS with its detail), deletes take one read to finish; connections are
// created, read (secret redacted) and deleted. Only FLINKKEY:flink-secret-77 is let in.

#include "FakeHttpServer.h"
#include "cloud/FlinkGateway.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace pitwall::test {

inline const QByteArray kFlinkAuth = "Basic " + QByteArray("FLINKKEY:flink-secret-77").toBase64();
inline const QString kFlinkBase = QStringLiteral("/sql/v1/organizations/org-uuid-1/environments/env-abc123/statements");
inline const QString kFlinkConnections = QStringLiteral("/sql/v1/organizations/org-uuid-1/environments/env-abc123/connections");

// The statements an environment holds, each moving one phase per read.
struct FakeFlink {
    struct Stored {
        QString sql;
        QJsonObject properties;
        QString computePool;
        int reads = 0;
        bool deleting = false;
        bool stopped = false;
    };
    QMap<QString, Stored> statements;
    QStringList log;                        // "POST name", "DELETE name"
    QMap<QString, QJsonObject> connections; // name -> the create request's body
    QStringList connectionLog;              // "POST name", "DELETE name"
    int refuseFirst = 0;                    // answer 401 to this many requests first, as a key that has not propagated yet

    FakeResponse handleConnection(const FakeRequest &request, const QString &name)
    {
        if (request.method == "POST") {
            const auto body = QJsonDocument::fromJson(request.body).object();
            const QString newName = body.value("name").toString();
            if (connections.contains(newName))
                return FakeResponse::json(409, "{\"errors\":[{\"status\":\"409\",\"code\":\"resource_already_exists\"}]}");
            connections.insert(newName, body);
            connectionLog << QStringLiteral("POST ") + newName;
            return FakeResponse::json(201, QJsonDocument(connectionObject(newName)).toJson());
        }
        if (!connections.contains(name))
            return FakeResponse::json(404, "{\"errors\":[{\"status\":\"404\",\"detail\":\"Connection not found\"}]}");
        if (request.method == "DELETE") {
            connectionLog << QStringLiteral("DELETE ") + name;
            connections.remove(name);
            return FakeResponse::json(202, "");
        }
        return FakeResponse::json(200, QJsonDocument(connectionObject(name)).toJson());
    }

    // As the API answers: the secret redacted.
    QJsonObject connectionObject(const QString &name) const
    {
        auto spec = connections.value(name).value("spec").toObject();
        spec.insert("auth_data", QJsonObject{{"kind", "PlaintextProvider"}, {"data", "<REDACTED>"}});
        return {{"name", name}, {"spec", spec}, {"status", QJsonObject{{"phase", "READY"}}}};
    }

    QJsonObject object(const QString &name, const Stored &s) const
    {
        QString phase = QStringLiteral("PENDING");
        QString detail;
        const bool streaming = s.sql.startsWith(QLatin1String("INSERT"));
        if (s.deleting)
            phase = QStringLiteral("DELETING");
        else if (s.stopped)
            phase = QStringLiteral("STOPPED");
        else if (s.sql.contains(QLatin1String("missing_table")) && s.reads >= 2) {
            phase = QStringLiteral("FAILED");
            detail = QStringLiteral("Table 'missing_table' does not exist");
        } else if (s.reads >= 2)
            phase = streaming ? QStringLiteral("RUNNING") : QStringLiteral("COMPLETED");
        return {{"api_version", "sql/v1"},
                {"kind", "Statement"},
                {"name", name},
                {"spec", QJsonObject{{"statement", s.sql}, {"properties", s.properties}, {"compute_pool_id", s.computePool}}},
                {"status", QJsonObject{{"phase", phase},
                                       {"detail", detail},
                                       {"traits", QJsonObject{{"sql_kind", streaming ? "INSERT_INTO" : "CREATE_TABLE"}}}}}};
    }

    FakeResponse handle(const FakeRequest &request)
    {
        if (refuseFirst > 0) {
            --refuseFirst;
            return FakeResponse::json(401, "{\"errors\":[{\"status\":\"401\",\"detail\":\"Unauthorized\"}]}");
        }
        if (request.header("Authorization") != kFlinkAuth)
            return FakeResponse::json(401, "{\"errors\":[{\"status\":\"401\",\"detail\":\"Unauthorized\"}]}");
        const QString target = QString::fromUtf8(request.target).section(QLatin1Char('?'), 0, 0);
        if (target.startsWith(kFlinkConnections))
            return handleConnection(request, target.mid(kFlinkConnections.size() + 1));
        if (!target.startsWith(kFlinkBase))
            return FakeResponse::json(404, "{\"errors\":[{\"status\":\"404\",\"detail\":\"Not found\"}]}");
        const QString name = target.mid(kFlinkBase.size() + 1);
        if (request.method == "POST") {
            const auto body = QJsonDocument::fromJson(request.body).object();
            const QString newName = body.value("name").toString();
            if (statements.contains(newName))
                return FakeResponse::json(409, "{\"errors\":[{\"status\":\"409\",\"code\":\"resource_already_exists\"}]}");
            const auto spec = body.value("spec").toObject();
            statements.insert(newName, {spec.value("statement").toString(), spec.value("properties").toObject(),
                                        spec.value("compute_pool_id").toString()});
            log << QStringLiteral("POST ") + newName;
            return FakeResponse::json(201, QJsonDocument(object(newName, statements[newName])).toJson());
        }
        if (name.isEmpty()) { // list
            QJsonArray data;
            for (auto it = statements.begin(); it != statements.end(); ++it)
                data.append(object(it.key(), it.value()));
            return FakeResponse::json(200, QJsonDocument(QJsonObject{{"data", data}}).toJson());
        }
        if (!statements.contains(name))
            return FakeResponse::json(404, "{\"errors\":[{\"status\":\"404\",\"detail\":\"Statement not found\"}]}");
        auto &stored = statements[name];
        if (request.method == "DELETE") {
            log << QStringLiteral("DELETE ") + name;
            stored.deleting = true;
            return FakeResponse::json(202, "");
        }
        if (request.method == "PATCH") { // [{"op":"replace","path":"/spec/stopped","value":true}]
            const auto patch = QJsonDocument::fromJson(request.body).array().at(0).toObject();
            if (request.header("Content-Type") != "application/json-patch+json" || patch.value("path") != "/spec/stopped")
                return FakeResponse::json(400, "{\"errors\":[{\"status\":\"400\",\"detail\":\"bad patch\"}]}");
            stored.stopped = patch.value("value").toBool();
            log << QStringLiteral("PATCH ") + name;
            return FakeResponse::json(200, QJsonDocument(object(name, stored)).toJson());
        }
        if (stored.deleting) { // gone on the next read after a delete
            statements.remove(name);
            return FakeResponse::json(404, "{\"errors\":[{\"status\":\"404\"}]}");
        }
        ++stored.reads;
        return FakeResponse::json(200, QJsonDocument(object(name, stored)).toJson());
    }
};

// The fake's organization, environment, pool and key, on `server`; a refused key is said
// after 1.5 s of retries, not the two minutes a real key gets to propagate.
inline cloud::FlinkSettings fakeFlinkSettings(const FakeHttpServer &server, const QString &secret = QStringLiteral("flink-secret-77"))
{
    cloud::FlinkSettings settings;
    settings.endpoint = server.baseUrl();
    settings.organizationId = QStringLiteral("org-uuid-1");
    settings.environmentId = QStringLiteral("env-abc123");
    settings.computePoolId = QStringLiteral("lfcp-pool1");
    settings.apiKey = QStringLiteral("FLINKKEY");
    settings.apiSecret = secret;
    settings.retryForMs = 1500;
    settings.firstBackoffMs = 50;
    settings.catalog = QStringLiteral("f1-leaderboard-env");
    settings.database = QStringLiteral("f1-cluster");
    return settings;
}

} // namespace pitwall::test
