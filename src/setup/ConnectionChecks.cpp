#include "ConnectionChecks.h"

#include "ai/BedrockProvider.h"
#include "net/HttpExchange.h"
#include "ai/OpenAiProvider.h"
#include "cloud/FlinkStatementsClient.h"
#include "registry/SchemaRegistryClient.h"
#include "stream/KafkaAdmin.h"
#include "vector/MongoVectorStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

namespace pitwall::setup {

QString serviceName(Service service)
{
    switch (service) {
    case Service::Kafka: return ConnectionChecks::tr("Kafka");
    case Service::SchemaRegistry: return ConnectionChecks::tr("Schema Registry");
    case Service::Flink: return ConnectionChecks::tr("Confluent Cloud Flink");
    case Service::Bedrock: return ConnectionChecks::tr("Amazon Bedrock");
    case Service::OpenAi: return ConnectionChecks::tr("OpenAI");
    case Service::MongoDb: return ConnectionChecks::tr("MongoDB Atlas");
    }
    return {};
}

ConnectionChecks::ConnectionChecks(QObject *parent)
    : QObject(parent)
{
}

bool ConnectionChecks::isConfigured(Service service, const SetupConfig &c)
{
    switch (service) {
    case Service::Kafka: return c.mode != SetupMode::Local && (!c.bootstrap.isEmpty() || !c.propertiesFile.isEmpty());
    case Service::SchemaRegistry: return !c.registryUrl.isEmpty();
    case Service::Flink: return !c.environmentId.isEmpty();
    case Service::Bedrock: return !c.awsRegion.isEmpty();
    case Service::OpenAi: return !c.openAiApiKey.isEmpty() || !c.openAiBaseUrl.isEmpty();
    case Service::MongoDb: return !c.mongoUri.isEmpty();
    }
    return false;
}

void ConnectionChecks::report(Service service, bool ok, const QString &message)
{
    // Always after check() returned, whichever way the answer came.
    QTimer::singleShot(0, this, [this, service, ok, message] { emit finished(service, ok, message); });
}

void ConnectionChecks::runBlocking(Service service, std::function<Expected<QString>()> work)
{
    QPointer<ConnectionChecks> self(this);
    QThreadPool::globalInstance()->start([self, service, work = std::move(work)] {
        const auto result = work();
        const bool ok = result.hasValue();
        const QString message = ok ? result.value() : result.error().message;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, service, ok, message] {
                if (self)
                    emit self->finished(service, ok, message);
            },
            Qt::QueuedConnection);
    });
}

void ConnectionChecks::check(Service service, const SetupConfig &c)
{
    if (!isConfigured(service, c)) {
        report(service, true, tr("skipped (nothing entered): the local default is used"));
        return;
    }
    switch (service) {
    case Service::Kafka: {
        auto config = KafkaSelection{c.bootstrap, c.propertiesFile, c.kafkaApiKey, c.kafkaApiSecret}.toConfig();
        if (!config || !config.value()) {
            report(service, false, config ? tr("no Kafka cluster given") : config.error().message);
            return;
        }
        const KafkaConfig kafka = *config.value();
        const int timeout = timeoutMs;
        runBlocking(service, [kafka, timeout]() -> Expected<QString> {
            auto described = kafka_admin::describeCluster(kafka, timeout);
            if (!described)
                return described.error();
            return tr("connected: %1").arg(described.value());
        });
        return;
    }
    case Service::SchemaRegistry: {
        auto *client = new registry::SchemaRegistryClient({c.registryUrl, c.registryApiKey, c.registryApiSecret, 0, timeoutMs}, this);
        client->listSubjects([this, client, service](Expected<QStringList> subjects) {
            client->deleteLater();
            if (!subjects)
                emit finished(service, false, subjects.error().message);
            else
                emit finished(service, true, tr("connected: %n subject(s)", nullptr, int(subjects.value().size())));
        });
        return;
    }
    case Service::Flink: {
        cloud::FlinkSettings settings{c.flinkEndpoint(), c.organizationId, c.environmentId, c.computePoolId, {},
                                      c.flinkApiKey,     c.flinkApiSecret, c.catalog,       c.database,      timeoutMs};
        settings.retryForMs = 0; // a test says what is wrong now, as the registry's does
        auto *client = new cloud::FlinkStatementsClient(settings, this);
        client->list(1, [this, client, service](Expected<QList<cloud::FlinkStatement>> statements) {
            client->deleteLater();
            if (!statements)
                emit finished(service, false, statements.error().message);
            else
                emit finished(service, true, tr("connected: the statements API answered"));
        });
        return;
    }
    case Service::Bedrock: {
        ai::BedrockSettings settings{c.awsRegion, c.bedrockModel, {}, {c.awsAccessKeyId, c.awsSecretAccessKey, c.awsSessionToken}};
        auto *provider = new ai::BedrockProvider(settings, this);
        ai::LlmRequest request;
        request.prompt = QStringLiteral("Reply with OK.");
        request.maxTokens = 1;
        request.temperature = 0;
        request.timeoutMs = timeoutMs;
        provider->complete(request, [this, provider, service](Expected<ai::LlmReply, ai::LlmError> reply) {
            provider->deleteLater();
            if (!reply)
                emit finished(service, false, reply.error().message);
            else
                emit finished(service, true,
                              tr("the model answered (%1 tokens in, %2 out)").arg(reply->inputTokens).arg(reply->outputTokens));
        });
        return;
    }
    case Service::OpenAi: {
        const QString base = c.openAiBaseUrl.isEmpty() ? QStringLiteral("https://api.openai.com/v1") : c.openAiBaseUrl;
        ai::OpenAiSettings settings;
        settings.apiKey = c.openAiApiKey;
        auto *http = new net::HttpExchange(this);
        const QString chatModel = c.openAiChatModel;
        http->send("GET", net::joinUrl(base, QStringLiteral("/models")), ai::openAiHeaders(settings), {}, timeoutMs,
                   [this, http, service, chatModel](const net::HttpResponse &response, const net::TransportError *transport) {
                       http->deleteLater();
                       if (transport) {
                           emit finished(service, false, transport->message);
                           return;
                       }
                       if (response.status != 200) {
                           emit finished(service, false, ai::openAiError(response, tr("OpenAI")).message);
                           return;
                       }
                       QStringList models;
                       for (const auto &model : QJsonDocument::fromJson(response.body).object().value(QLatin1String("data")).toArray())
                           models << model.toObject().value(QLatin1String("id")).toString();
                       if (!chatModel.isEmpty() && !models.isEmpty() && !models.contains(chatModel))
                           emit finished(service, false, tr("connected, but the server has no model '%1'").arg(chatModel));
                       else
                           emit finished(service, true, tr("connected: %n model(s) available", nullptr, int(models.size())));
                   });
        return;
    }
    case Service::MongoDb: {
        ai::MongoSettings settings;
        settings.uri = c.mongoUri;
        if (!c.mongoDatabase.isEmpty())
            settings.database = c.mongoDatabase;
        if (!c.mongoCollection.isEmpty())
            settings.collection = c.mongoCollection;
        runBlocking(service, [settings]() -> Expected<QString> {
            vector::MongoVectorStore store(settings);
            if (auto opened = store.open(); !opened)
                return opened.error();
            return tr("connected: the cluster answered a ping");
        });
        return;
    }
    }
}

} // namespace pitwall::setup
