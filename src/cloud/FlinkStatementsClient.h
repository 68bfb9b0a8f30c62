#pragma once
// Confluent Cloud Flink's SQL statements REST API (sql/v1), with a Flink API key (HTTP
// Basic): create a named statement, read its phase and detail, stop it, delete it, list.
// Asynchronous; answers on this object's thread.

#include "FlinkGateway.h"
#include "core/Expected.h"

#include <QObject>
#include <functional>

namespace pitwall::cloud {

struct FlinkStatement {
    QString name;
    QString sql;
    QString phase;   // PENDING, RUNNING, COMPLETED, DELETING, FAILING, FAILED, STOPPING, STOPPED, DEGRADED
    QString detail;  // the error text when it failed
    QString sqlKind; // status.traits.sql_kind
    bool exists = true;
};

class FlinkStatementsClient : public FlinkClient {
    Q_OBJECT
public:
    using FlinkClient::FlinkClient;

    using Done = std::function<void(Expected<FlinkStatement>)>;
    using ListDone = std::function<void(Expected<QList<FlinkStatement>>)>;

    void create(const QString &name, const QString &sql, Done done);
    // A statement that does not exist answers exists = false, not an error.
    void get(const QString &name, Done done);
    void stop(const QString &name, Done done);
    // Done with exists = false once it is gone (or was never there).
    void remove(const QString &name, Done done);
    void list(int pageSize, ListDone done);

    // Statement names: lowercase letters, digits and '-' (not at the ends), at most 100.
    static bool isValidName(const QString &name);

private:
    QUrl statementsUrl(const QString &name = {}) const { return m_gateway.url(QStringLiteral("statements"), name); }
};

FlinkStatement parseStatement(const QJsonObject &object);
QByteArray createStatementBody(const FlinkSettings &settings, const QString &name, const QString &sql);

} // namespace pitwall::cloud
