#include "FlinkDeployer.h"

#include "core/AsyncLoop.h"

#include <QTimer>

namespace pitwall::cloud {

namespace {

bool isHealthy(const QString &phase, bool streaming)
{
    if (phase == QLatin1String("PENDING"))
        return true;
    return streaming ? phase == QLatin1String("RUNNING") : phase == QLatin1String("COMPLETED");
}

} // namespace

FlinkDeployer::FlinkDeployer(FlinkStatementsClient *client, int pollMs, int settleTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_pollMs(pollMs)
    , m_settleTimeoutMs(settleTimeoutMs)
{
}

void FlinkDeployer::refuseLater(const QString &error)
{
    // Always after deploy() or teardown() returned, like every other outcome.
    QTimer::singleShot(0, this, [this, error] { emit finished(error); });
}

void FlinkDeployer::deploy(const QList<PlannedStatement> &plan)
{
    if (m_busy) {
        refuseLater(QStringLiteral("a deployment is already running"));
        return;
    }
    for (const auto &statement : plan)
        if (!FlinkStatementsClient::isValidName(statement.name)) {
            refuseLater(QStringLiteral("'%1' is not a valid statement name").arg(statement.name));
            return;
        }
    m_busy = true;
    m_plan = plan;
    m_index = 0;
    next();
}

void FlinkDeployer::next()
{
    if (m_index >= m_plan.size()) {
        m_busy = false;
        emit finished({});
        return;
    }
    const PlannedStatement statement = m_plan.at(m_index);
    m_client->get(statement.name, [this, statement](Expected<FlinkStatement> found) {
        if (!found) {
            fail(found.error().message);
            return;
        }
        if (!found->exists) {
            create(statement);
            return;
        }
        if (found->sql.trimmed() == statement.sql.trimmed() && isHealthy(found->phase, statement.streaming)) {
            emit statementChanged(statement.name, found->phase, found->detail); // already deployed: kept
            waitUntilSettled(statement);
            return;
        }
        replace(statement);
    });
}

void FlinkDeployer::replace(const PlannedStatement &statement)
{
    emit statementChanged(statement.name, QStringLiteral("DELETING"), tr("replacing the deployed version"));
    m_client->remove(statement.name, [this, statement](Expected<FlinkStatement> removed) {
        if (!removed) {
            fail(removed.error().message);
            return;
        }
        m_waiting.start();
        waitUntilGone(statement.name, [this, statement] { create(statement); });
    });
}

void FlinkDeployer::waitUntilGone(const QString &name, std::function<void()> then)
{
    m_client->get(name, [this, name, then](Expected<FlinkStatement> found) {
        if (!found) {
            fail(found.error().message);
            return;
        }
        if (!found->exists) {
            then();
            return;
        }
        if (m_waiting.elapsed() > m_settleTimeoutMs) {
            fail(tr("statement %1 was still being deleted after %2 s").arg(name).arg(m_settleTimeoutMs / 1000));
            return;
        }
        QTimer::singleShot(m_pollMs, this, [this, name, then] { waitUntilGone(name, then); });
    });
}

void FlinkDeployer::create(const PlannedStatement &statement)
{
    m_client->create(statement.name, statement.sql, [this, statement](Expected<FlinkStatement> created) {
        if (!created) {
            fail(created.error().message);
            return;
        }
        emit statementChanged(statement.name, created->phase.isEmpty() ? QStringLiteral("PENDING") : created->phase, created->detail);
        m_waiting.start();
        waitUntilSettled(statement);
    });
}

void FlinkDeployer::waitUntilSettled(const PlannedStatement &statement)
{
    m_client->get(statement.name, [this, statement](Expected<FlinkStatement> found) {
        if (!found) {
            fail(found.error().message);
            return;
        }
        if (!found->exists) { // a statement that failed fast can vanish
            fail(tr("statement %1 disappeared before it ran (it may have failed at once: see its exceptions in the Confluent Cloud console)")
                     .arg(statement.name));
            return;
        }
        emit statementChanged(statement.name, found->phase, found->detail);
        const QString &phase = found->phase;
        if (phase == QLatin1String("FAILED") || phase == QLatin1String("FAILING") || phase == QLatin1String("STOPPED")) {
            fail(tr("statement %1 is %2: %3").arg(statement.name, phase, found->detail.isEmpty() ? tr("no detail given") : found->detail));
            return;
        }
        if ((statement.streaming && phase == QLatin1String("RUNNING")) || phase == QLatin1String("COMPLETED")) {
            ++m_index;
            next();
            return;
        }
        if (m_waiting.isValid() && m_waiting.elapsed() > m_settleTimeoutMs) {
            fail(tr("statement %1 was still %2 after %3 s").arg(statement.name, phase).arg(m_settleTimeoutMs / 1000));
            return;
        }
        QTimer::singleShot(m_pollMs, this, [this, statement] { waitUntilSettled(statement); });
    });
}

void FlinkDeployer::teardown(const QStringList &names)
{
    if (m_busy) {
        refuseLater(QStringLiteral("a deployment is already running"));
        return;
    }
    m_busy = true;
    auto remaining = std::make_shared<QStringList>(names);
    runAsyncLoop([this, remaining](const std::shared_ptr<LoopStep> &step) {
        if (remaining->isEmpty()) {
            m_busy = false;
            emit finished({});
            return;
        }
        const QString name = remaining->takeLast(); // last deployed, first deleted
        m_client->remove(name, [this, name, step](Expected<FlinkStatement> removed) {
            if (!removed) {
                fail(removed.error().message);
                return;
            }
            emit statementChanged(name, removed->exists ? QStringLiteral("DELETING") : QStringLiteral("DELETED"), {});
            m_waiting.start();
            waitUntilGone(name, [this, name, step] {
                emit statementChanged(name, QStringLiteral("DELETED"), {});
                (*step)();
            });
        });
    });
}

void FlinkDeployer::fail(const QString &error)
{
    m_busy = false;
    emit finished(error);
}

} // namespace pitwall::cloud
