#include "CloudPipeline.h"


#include <QTimer>

namespace pitwall::cloud {

CloudPipeline::CloudPipeline(FlinkSettings settings, std::optional<registry::RegistrySettings> registry, int pollMs,
                             int settleTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_statements(settings, this)
    , m_connections(settings, this)
    , m_deployer(&m_statements, pollMs, settleTimeoutMs, this)
{
    if (registry)
        m_registry = std::make_unique<registry::SchemaRegistryClient>(*registry, this);
    connect(&m_deployer, &FlinkDeployer::statementChanged, this, &CloudPipeline::phaseChanged);
    connect(&m_deployer, &FlinkDeployer::finished, this, [this](const QString &error) {
        auto after = std::exchange(m_afterDeployer, {});
        if (error.isEmpty() && after)
            after();
        else
            end(error);
    });
}

CloudPipeline::~CloudPipeline() = default;

bool CloudPipeline::begin(Action action)
{
    if (m_busy) {
        QTimer::singleShot(0, this, [this, action] { emit finished(action, tr("another Confluent Cloud action is still running")); });
        return false;
    }
    m_busy = true;
    m_action = action;
    return true;
}

void CloudPipeline::end(const QString &error)
{
    m_busy = false;
    emit finished(m_action, error);
}

void CloudPipeline::deploy(const CloudPlan &plan)
{
    if (!begin(Action::Deploy))
        return;
    registerSchemas(plan.schemas, [this, plan] {
        ensureConnections(plan.connections, [this, statements = plan.statements] {
            m_afterDeployer = [this] { end({}); };
            m_deployer.deploy(statements);
        });
    });
}

void CloudPipeline::registerSchemas(QList<registry::TopicSchema> remaining, std::function<void()> then)
{
    if (!m_registry || remaining.isEmpty()) {
        then();
        return;
    }
    const registry::TopicSchema schema = remaining.takeFirst();
    const QString subject = schema.topic + QStringLiteral("-value");
    m_registry->registerSchema(subject, schema.schemaType, schema.schema, [this, subject, remaining, then](Expected<qint32> id) {
        if (!id) {
            emit phaseChanged(subject, QStringLiteral("FAILED"), id.error().message);
            end(tr("Schema Registry, subject %1: %2").arg(subject, id.error().message));
            return;
        }
        emit phaseChanged(subject, QStringLiteral("REGISTERED"), tr("schema id %1").arg(id.value()));
        registerSchemas(remaining, then);
    });
}

void CloudPipeline::ensureConnections(QList<PlannedConnection> remaining, std::function<void()> then)
{
    if (remaining.isEmpty()) {
        then();
        return;
    }
    const PlannedConnection connection = remaining.takeFirst();
    emit phaseChanged(connection.name, QStringLiteral("PENDING"), tr("connection to %1").arg(connection.endpoint));
    m_connections.ensure(connection, [this, connection, remaining, then](Expected<FlinkConnection> made) {
        if (!made) {
            emit phaseChanged(connection.name, QStringLiteral("FAILED"), made.error().message);
            end(made.error().message);
            return;
        }
        emit phaseChanged(connection.name, made->phase.isEmpty() ? QStringLiteral("READY") : made->phase, made->detail);
        ensureConnections(remaining, then);
    });
}

void CloudPipeline::stop(const CloudPlan &plan)
{
    if (!begin(Action::Stop))
        return;
    QStringList streaming;
    for (const auto &statement : plan.statements)
        if (statement.streaming)
            streaming << statement.name;
    stopEach(streaming);
}

void CloudPipeline::stopEach(QStringList remaining)
{
    if (remaining.isEmpty()) {
        end({});
        return;
    }
    const QString name = remaining.takeLast();
    m_statements.get(name, [this, name, remaining](Expected<FlinkStatement> found) {
        if (!found) {
            end(found.error().message);
            return;
        }
        if (!found->exists || found->phase == QLatin1String("STOPPED") || found->phase == QLatin1String("FAILED")
            || found->phase == QLatin1String("COMPLETED")) {
            emit phaseChanged(name, found->exists ? found->phase : QStringLiteral("DELETED"), found->detail);
            stopEach(remaining);
            return;
        }
        m_statements.stop(name, [this, name, remaining](Expected<FlinkStatement> stopped) {
            if (!stopped) {
                end(stopped.error().message);
                return;
            }
            emit phaseChanged(name, stopped->phase.isEmpty() ? QStringLiteral("STOPPING") : stopped->phase, stopped->detail);
            stopEach(remaining);
        });
    });
}

void CloudPipeline::remove(const CloudPlan &plan)
{
    if (!begin(Action::Delete))
        return;
    QStringList statements, connections;
    for (const auto &statement : plan.statements)
        statements << statement.name;
    for (const auto &connection : plan.connections)
        connections << connection.name;
    m_afterDeployer = [this, connections] { removeConnections(connections); };
    m_deployer.teardown(statements);
}

void CloudPipeline::refresh(const CloudPlan &plan)
{
    if (!begin(Action::Refresh))
        return;
    QStringList names;
    for (const auto &statement : plan.statements)
        names << statement.name;
    readEach(names);
}

void CloudPipeline::readEach(QStringList remaining)
{
    if (remaining.isEmpty()) {
        end({});
        return;
    }
    const QString name = remaining.takeFirst();
    m_statements.get(name, [this, name, remaining](Expected<FlinkStatement> found) {
        if (!found) {
            end(found.error().message);
            return;
        }
        emit phaseChanged(name, found->exists ? found->phase : QStringLiteral("ABSENT"), found->detail);
        readEach(remaining);
    });
}

void CloudPipeline::removeConnections(QStringList remaining)
{
    if (remaining.isEmpty()) {
        end({});
        return;
    }
    const QString name = remaining.takeLast();
    m_connections.remove(name, [this, name, remaining](Expected<FlinkConnection> removed) {
        if (!removed) {
            end(removed.error().message);
            return;
        }
        emit phaseChanged(name, QStringLiteral("DELETED"), {});
        removeConnections(remaining);
    });
}

} // namespace pitwall::cloud
