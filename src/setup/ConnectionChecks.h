#pragma once
// The setup wizard's "Test" buttons: one real call per service with what was typed —
// Kafka metadata, the Schema Registry's subjects, a Flink statements list, a one-token
// Bedrock call, OpenAI's model list, a MongoDB ping — each answered in plain words.
// Blocking clients (librdkafka, libmongoc) run on a pool thread; answers arrive on the
// thread that asked.

#include "SetupConfig.h"

#include <QObject>

namespace pitwall::setup {

enum class Service { Kafka, SchemaRegistry, Flink, Bedrock, OpenAi, MongoDb };
QString serviceName(Service service);

class ConnectionChecks : public QObject {
    Q_OBJECT
public:
    explicit ConnectionChecks(QObject *parent = nullptr);

    // Nothing to check (the section is empty): finished() with ok and "skipped".
    void check(Service service, const SetupConfig &config);
    static bool isConfigured(Service service, const SetupConfig &config);

    int timeoutMs = 15'000;

signals:
    void finished(pitwall::setup::Service service, bool ok, const QString &message);

private:
    void report(Service service, bool ok, const QString &message);
    void runBlocking(Service service, std::function<Expected<QString>()> work);
};

} // namespace pitwall::setup
