#pragma once
// A Schema Registry client (Confluent's REST API, Basic auth with the SR API key):
// registers a subject's schema, idempotently, and looks schemas up by id, both cached.
// A freshly made key is refused for a while until it propagates: 401/403, throttling,
// 5xx and network failures are retried with backoff within `retryForMs`; an
// incompatible (409) or invalid (422) schema is said at once.

#include "RegistrySettings.h"
#include "net/HttpExchange.h"
#include "core/Expected.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <functional>

namespace pitwall::registry {

struct RegisteredSchema {
    qint32 id = 0;
    QString schemaType; // AVRO, JSON, PROTOBUF
    QString schema;
};

class SchemaRegistryClient : public QObject {
    Q_OBJECT
public:
    explicit SchemaRegistryClient(RegistrySettings settings, QObject *parent = nullptr);

    using IdDone = std::function<void(Expected<qint32>)>;
    using SchemaDone = std::function<void(Expected<RegisteredSchema>)>;

    // POST /subjects/{subject}/versions; `schemaType` AVRO or JSON.
    void registerSchema(const QString &subject, const QString &schemaType, const QString &schema, IdDone done);
    // GET /schemas/ids/{id}
    void schemaById(qint32 id, SchemaDone done);
    // GET /subjects: the setup wizard's test.
    void listSubjects(std::function<void(Expected<QStringList>)> done);

    // Requests sent (retries included): for the tests and the pipeline panel.
    int requestsSent() const { return m_requests; }

private:
    struct Call {
        QByteArray method;
        QString path;
        QByteArray body;
        std::function<void(const net::HttpResponse &)> onSuccess;
        std::function<void(const QString &)> onFailure;
        qint64 startedMs = 0;
        int attempt = 0;
    };
    void send(std::shared_ptr<Call> call);
    QString explain(const net::HttpResponse &response) const;

    RegistrySettings m_settings;
    net::HttpExchange m_http;
    QElapsedTimer m_clock;
    QHash<QString, qint32> m_registered; // subject + type + schema -> id
    QHash<qint32, RegisteredSchema> m_byId;
    int m_requests = 0;
};

// "schemaType", "schema" and empty "references", as the register call wants them.
QByteArray registerRequestBody(const QString &schemaType, const QString &schema);

} // namespace pitwall::registry
