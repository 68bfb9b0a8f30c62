#include "TopicFraming.h"

#include "SchemaFetcher.h"
#include "WireFormat.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QWaitCondition>

namespace pitwall::registry {

struct TopicFraming::Pending {
    QMutex mutex;
    QWaitCondition answered;
    std::optional<Expected<Codec>> result;
};

TopicFraming::TopicFraming() = default;
TopicFraming::~TopicFraming() = default;

void TopicFraming::setResolver(const RegistrySettings &settings, ResolverOptions options)
{
    m_options = options;
    RegistrySettings lookup = settings;
    // One attempt per lookup: the refusal's expiry is the retry, and no consumer waits longer.
    lookup.retryForMs = 0;
    lookup.requestTimeoutMs = std::min(settings.requestTimeoutMs, std::max(1, options.waitMs));
    m_fetcher = std::make_unique<SchemaFetcher>(lookup);
}

Expected<TopicFraming::Codec> TopicFraming::makeCodec(qint32 id, const QString &schemaType, const QString &schema)
{
    Codec codec;
    codec.id = id;
    if (schemaType == QLatin1String("AVRO")) {
        auto avro = AvroCodec::fromSchema(schema);
        if (!avro)
            return avro.error();
        codec.avro = avro.value();
    } else if (schemaType == QLatin1String("JSON")) {
        auto json = JsonSchemaCodec::fromSchema(schema);
        if (!json)
            return json.error();
        codec.json = std::make_shared<const JsonSchemaCodec>(std::move(json.value()));
    } else {
        return Error{QStringLiteral("schema type %1 is not supported").arg(schemaType)};
    }
    return codec;
}

Expected<bool> TopicFraming::add(const QString &topic, qint32 id, const QString &schemaType, const QString &schema)
{
    auto codec = makeCodec(id, schemaType, schema);
    if (!codec)
        return Error{QStringLiteral("%1: %2").arg(topic, codec.error().message)};
    m_byTopic.insert(topic.toUtf8(), codec.value());
    m_byId.insert(id, codec.value());
    return true;
}

Expected<TopicFraming::Codec> TopicFraming::resolve(qint32 id) const
{
    if (const auto known = m_byId.constFind(id); known != m_byId.constEnd())
        return *known;
    if (!m_fetcher)
        return Error{QStringLiteral("schema id %1 is not one Pit Wall registered").arg(id)};
    std::shared_ptr<Pending> pending;
    {
        QMutexLocker lock(&m_resolvedMutex);
        if (const auto resolved = m_resolved.constFind(id); resolved != m_resolved.constEnd())
            return *resolved;
        if (const auto refused = m_unresolvable.constFind(id); refused != m_unresolvable.constEnd()) {
            if (!refused->until.hasExpired())
                return Error{refused->reason};
            m_unresolvable.erase(refused);
        }
        pending = m_pending.value(id);
        if (!pending) {
            pending = std::make_shared<Pending>();
            m_pending.insert(id, pending);
            m_fetcher->fetch(id, [this, id](Expected<RegisteredSchema> fetched) { answered(id, fetched); });
        }
    }
    // Only this id's consumers wait, and not for long: the answer is cached whenever it comes.
    QMutexLocker wait(&pending->mutex);
    if (!pending->result)
        pending->answered.wait(&pending->mutex, QDeadlineTimer(m_options.waitMs));
    if (!pending->result)
        return Error{QStringLiteral("schema id %1: the Schema Registry has not answered within %2 ms").arg(id).arg(m_options.waitMs)};
    return *pending->result;
}

// On the fetcher's thread: cache the codec or the refusal (for a while), then wake the waiters.
void TopicFraming::answered(qint32 id, const Expected<RegisteredSchema> &fetched) const
{
    auto codec = fetched ? makeCodec(id, fetched->schemaType, fetched->schema) : Expected<Codec>(fetched.error());
    if (!codec)
        codec = Error{QStringLiteral("schema id %1: %2").arg(id).arg(codec.error().message)};
    std::shared_ptr<Pending> pending;
    {
        QMutexLocker lock(&m_resolvedMutex);
        if (codec)
            m_resolved.insert(id, codec.value());
        else
            m_unresolvable.insert(id, {codec.error().message, QDeadlineTimer(m_options.refusalTtlMs)});
        pending = m_pending.take(id);
    }
    if (!pending)
        return;
    QMutexLocker lock(&pending->mutex);
    pending->result = codec;
    pending->answered.wakeAll();
}

qint32 TopicFraming::idOf(const QString &topic) const
{
    return m_byTopic.value(topic.toUtf8()).id;
}

Expected<QByteArray> TopicFraming::toWire(QByteArrayView topic, QByteArrayView json) const
{
    const auto found = m_byTopic.constFind(lookupKey(topic));
    if (found == m_byTopic.constEnd())
        return Error{QStringLiteral("no registered schema for %1").arg(QString::fromUtf8(topic))};
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(QByteArray(json.data(), json.size()), &error);
    if (!document.isObject())
        return Error{QStringLiteral("not a JSON object (%1)").arg(error.errorString())};
    QJsonObject record = document.object();
    for (auto it = record.begin(); it != record.end(); ++it)
        if (it.value().isObject())
            it.value() = QString::fromUtf8(QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact));
    auto payload = found->avro ? found->avro->encode(record) : found->json->encode(record);
    if (!payload)
        return Error{QStringLiteral("%1 does not fit its registered schema: %2").arg(QString::fromUtf8(topic), payload.error().message)};
    return frame(found->id, payload.value());
}

Expected<QByteArray> TopicFraming::fromWire(QByteArrayView message) const
{
    if (message.isEmpty() || message.front() != '\0')
        return QByteArray(message.data(), message.size());
    auto framed = unframe(QByteArray(message.data(), message.size()));
    if (!framed)
        return framed.error();
    const auto found = resolve(framed->schemaId);
    if (!found)
        return found.error();
    if (!found->avro)
        return framed->payload; // JSON Schema: the payload is the JSON text
    auto record = found->avro->decode(framed->payload);
    if (!record)
        return record.error();
    return QJsonDocument(record.value()).toJson(QJsonDocument::Compact);
}

namespace {

// Runs one asynchronous registry call to its answer on this thread's own event loop.
template <typename T>
Expected<T> awaitAnswer(const std::function<void(std::function<void(Expected<T>)>)> &call)
{
    QEventLoop loop;
    std::optional<Expected<T>> answer;
    call([&](Expected<T> value) {
        answer = std::move(value);
        loop.quit();
    });
    if (!answer) // a cached answer comes at once
        loop.exec();
    return std::move(*answer);
}

} // namespace

Expected<std::shared_ptr<const TopicFraming>> registerTopicSchemas(const RegistrySettings &settings, const QList<TopicSchema> &schemas)
{
    auto framing = std::make_shared<TopicFraming>();
    SchemaRegistryClient client(settings);
    for (const TopicSchema &schema : schemas) {
        const QString subject = schema.topic + QStringLiteral("-value");
        const auto id = awaitAnswer<qint32>(
            [&](auto done) { client.registerSchema(subject, schema.schemaType, schema.schema, done); });
        if (!id)
            return Error{QStringLiteral("Schema Registry, subject %1: %2").arg(subject, id.error().message)};
        if (auto added = framing->add(schema.topic, id.value(), schema.schemaType, schema.schema); !added)
            return added.error();
    }
    framing->setResolver(settings);
    return std::shared_ptr<const TopicFraming>(std::move(framing));
}

} // namespace pitwall::registry
