#pragma once
// Cloud mode's message framing at the Kafka boundary: the app speaks JSON; on the topics
// whose schemas Pit Wall registered, what goes to Kafka is Confluent's wire format (magic
// byte, schema id, then Avro binary or JSON text), as Flink's avro-registry and
// json-registry tables read and write it. Immutable once made, so producers and consumers
// on any thread share it.

#include "AvroCodec.h"
#include "JsonSchemaCodec.h"
#include "SchemaRegistryClient.h"

#include <QByteArrayView>
#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <memory>
#include <optional>

namespace pitwall::registry {

class SchemaFetcher;

struct TopicSchema {
    QString topic;
    QString schemaType; // AVRO or JSON
    QString schema;
};

class TopicFraming {
public:
    // A schema of a topic, under the id the registry gave it; refused when it cannot be parsed.
    Expected<bool> add(const QString &topic, qint32 id, const QString &schemaType, const QString &schema);

    bool covers(QByteArrayView topic) const { return m_byTopic.contains(lookupKey(topic)); }
    // JSON object in, wire format out (nested objects become JSON text: the tables
    // declare them STRING). Topics not covered are refused: check covers() first.
    Expected<QByteArray> toWire(QByteArrayView topic, QByteArrayView json) const;
    // Wire format in, JSON object out, by the message's schema id; a message that is not
    // framed (plain JSON from a local producer) is returned as it is.
    Expected<QByteArray> fromWire(QByteArrayView message) const;

    qint32 idOf(const QString &topic) const;

    // Messages under an id Pit Wall did not register (Flink writes its output tables with
    // the schema it derived) are decoded with that schema, fetched from here (set before the
    // framing is shared) on a thread of its own: the consumer meeting the id waits for that
    // answer only (at most `waitMs`), holding no lock; consumers of other ids go on. An id
    // the registry could not give is refused for `refusalTtlMs`, then asked again (a
    // network blip does not dead-letter an id for the whole session).
    struct ResolverOptions {
        int waitMs = 10'000;
        int refusalTtlMs = 30'000;
    };
    void setResolver(const RegistrySettings &settings, ResolverOptions options);
    void setResolver(const RegistrySettings &settings) { setResolver(settings, ResolverOptions{}); }
    ~TopicFraming();
    TopicFraming();
    TopicFraming(const TopicFraming &) = delete;
    TopicFraming &operator=(const TopicFraming &) = delete;

private:
    struct Codec {
        qint32 id = 0;
        std::shared_ptr<const AvroCodec> avro; // null: JSON Schema
        std::shared_ptr<const JsonSchemaCodec> json;
    };
    // The topic as a hash key without copying it (produce() asks for every message).
    static QByteArray lookupKey(QByteArrayView topic) { return QByteArray::fromRawData(topic.data(), topic.size()); }
    static Expected<Codec> makeCodec(qint32 id, const QString &schemaType, const QString &schema);
    Expected<Codec> resolve(qint32 id) const;
    void answered(qint32 id, const Expected<RegisteredSchema> &fetched) const;

    struct Pending; // one lookup in flight, shared by the consumers waiting for it
    struct Refusal {
        QString reason;
        QDeadlineTimer until;
    };

    QHash<QByteArray, Codec> m_byTopic;
    QHash<qint32, Codec> m_byId;
    ResolverOptions m_options;
    mutable QMutex m_resolvedMutex; // guards the three below; never held while waiting
    mutable QHash<qint32, Codec> m_resolved;
    mutable QHash<qint32, Refusal> m_unresolvable;
    mutable QHash<qint32, std::shared_ptr<Pending>> m_pending;
    // Last: stopped first when the framing goes, so no answer arrives after.
    std::unique_ptr<SchemaFetcher> m_fetcher;
};

// Registers each topic's schema under `<topic>-value` (idempotent: the registry answers the
// existing id for a schema it has) and returns the framing. Blocking, with its own event
// loop on the calling thread (a worker's or the headless main thread); retries while a new
// key propagates, as the client does, within settings.retryForMs.
Expected<std::shared_ptr<const TopicFraming>> registerTopicSchemas(const RegistrySettings &settings, const QList<TopicSchema> &schemas);

} // namespace pitwall::registry
