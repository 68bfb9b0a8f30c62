#pragma once
// Flink connections (sql/v1 …/connections): the endpoints and credentials that CREATE MODEL
// and the MongoDB table use. Created through REST, not a CREATE CONNECTION statement, so
// the secrets never appear in a statement's text (which anyone who can list statements
// reads). Idempotent: an existing connection of that name is kept.

#include "FlinkGateway.h"
#include "core/Expected.h"

#include <QJsonObject>
#include <QObject>

namespace pitwall::cloud {

struct PlannedConnection {
    QString name;     // e.g. pitwall-bedrock
    QString type;     // BEDROCK, OPENAI, MONGODB
    QString endpoint; // the full operation URL (Bedrock invoke, OpenAI embeddings) or mongodb+srv://host
    // The secret fields under Confluent's names (API_KEY; AWS_ACCESS_KEY_ID,
    // AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN; USERNAME, PASSWORD). Never logged.
    QJsonObject secrets;
};

struct FlinkConnection {
    QString name;
    QString type;
    QString endpoint;
    QString phase; // status.phase, e.g. READY / COMPLETED
    QString detail;
    bool exists = true;
};

class FlinkConnectionsClient : public FlinkClient {
    Q_OBJECT
public:
    using FlinkClient::FlinkClient;

    using Done = std::function<void(Expected<FlinkConnection>)>;

    // Kept when one of that name exists (409 on create counts as existing), else created.
    void ensure(const PlannedConnection &connection, Done done);
    void get(const QString &name, Done done);
    // Done with exists = false once deleted (or never there).
    void remove(const QString &name, Done done);

private:
    void create(const PlannedConnection &connection, Done done);
};

// The create request's body: spec.auth_data {kind PlaintextProvider, data: the secrets as JSON text}.
QByteArray createConnectionBody(const FlinkSettings &settings, const PlannedConnection &connection);

} // namespace pitwall::cloud
