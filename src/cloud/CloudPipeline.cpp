#include "CloudPipeline.h"

#include <QTimer>
#include <algorithm>

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
        QTimer::singleShot(0, this,
                           [this, action] { emit finished(action, tr("another Confluent Cloud action is still running")); });
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

namespace {

QStringList namesOf(const QList<PlannedStatement> &statements, bool streamingOnly = false)
{
    QStringList names;
    for (const auto &statement : statements)
        if (statement.streaming || !streamingOnly)
            names << statement.name;
    return names;
}

template <typename T>
QList<T> reversed(QList<T> items)
{
    std::reverse(items.begin(), items.end());
    return items;
}

} // namespace

template <typename Item>
void CloudPipeline::inTurn(QList<Item> items, std::function<void(const Item &, std::function<void()>)> step, std::function<void()> then)
{
    if (items.isEmpty()) {
        then();
        return;
    }
    const Item item = items.takeFirst();
    step(item, [this, items, step, then] { inTurn(items, step, then); });
}

void CloudPipeline::deploy(const CloudPlan &plan)
{
    if (!begin(Action::Deploy))
        return;
    const auto schemas = m_registry ? plan.schemas : QList<registry::TopicSchema>();
    inTurn<registry::TopicSchema>(
        schemas, [this](const auto &schema, auto next) { registerSchema(schema, next); },
        [this, plan] {
            inTurn<PlannedConnection>(
                plan.connections, [this](const auto &connection, auto next) { ensureConnection(connection, next); },
                [this, statements = plan.statements] {
                    m_afterDeployer = [this] { end({}); };
                    m_deployer.deploy(statements);
                });
        });
}

void CloudPipeline::registerSchema(const registry::TopicSchema &schema, std::function<void()> next)
{
    const QString subject = schema.topic + QStringLiteral("-value");
    m_registry->registerSchema(subject, schema.schemaType, schema.schema, [this, subject, next](Expected<qint32> id) {
        if (!id) {
            emit phaseChanged(subject, QStringLiteral("FAILED"), id.error().message);
            end(tr("Schema Registry, subject %1: %2").arg(subject, id.error().message));
            return;
        }
        emit phaseChanged(subject, QStringLiteral("REGISTERED"), tr("schema id %1").arg(id.value()));
        next();
    });
}

void CloudPipeline::ensureConnection(const PlannedConnection &connection, std::function<void()> next)
{
    emit phaseChanged(connection.name, QStringLiteral("PENDING"), tr("connection to %1").arg(connection.endpoint));
    const auto report = phaseReport<FlinkConnection>(connection.name, QStringLiteral("READY"), next);
    m_connections.ensure(connection, [this, name = connection.name, report](Expected<FlinkConnection> made) {
        if (!made)
            emit phaseChanged(name, QStringLiteral("FAILED"), made.error().message);
        report(std::move(made));
    });
}

void CloudPipeline::stop(const CloudPlan &plan)
{
    if (!begin(Action::Stop))
        return;
    // Last deployed, first stopped.
    inTurn<QString>(
        reversed(namesOf(plan.statements, true)), [this](const QString &name, auto next) { stopStatement(name, next); },
        [this] { end({}); });
}

void CloudPipeline::stopStatement(const QString &name, std::function<void()> next)
{
    m_statements.get(name, [this, name, next](Expected<FlinkStatement> found) {
        if (endedOnError(found))
            return;
        if (!found->exists || found->phase == QLatin1String("STOPPED") || found->phase == QLatin1String("FAILED") ||
            found->phase == QLatin1String("COMPLETED")) {
            emit phaseChanged(name, found->exists ? found->phase : QStringLiteral("DELETED"), found->detail);
            next();
            return;
        }
        m_statements.stop(name, phaseReport<FlinkStatement>(name, QStringLiteral("STOPPING"), next));
    });
}

void CloudPipeline::remove(const CloudPlan &plan)
{
    if (!begin(Action::Delete))
        return;
    QStringList connections;
    for (const auto &connection : plan.connections)
        connections << connection.name;
    // The statements (the deployer deletes them last first), then the connections likewise.
    m_afterDeployer = [this, connections] {
        inTurn<QString>(
            reversed(connections), [this](const QString &name, auto next) { removeConnection(name, next); }, [this] { end({}); });
    };
    m_deployer.teardown(namesOf(plan.statements));
}

void CloudPipeline::removeConnection(const QString &name, std::function<void()> next)
{
    m_connections.remove(name, [this, name, next](Expected<FlinkConnection> removed) {
        if (endedOnError(removed))
            return;
        emit phaseChanged(name, QStringLiteral("DELETED"), {});
        next();
    });
}

void CloudPipeline::refresh(const CloudPlan &plan)
{
    if (!begin(Action::Refresh))
        return;
    inTurn<QString>(
        namesOf(plan.statements), [this](const QString &name, auto next) { readStatement(name, next); }, [this] { end({}); });
}

void CloudPipeline::readStatement(const QString &name, std::function<void()> next)
{
    m_statements.get(name, [this, name, next](Expected<FlinkStatement> found) {
        if (endedOnError(found))
            return;
        emit phaseChanged(name, found->exists ? found->phase : QStringLiteral("ABSENT"), found->detail);
        next();
    });
}

} // namespace pitwall::cloud
