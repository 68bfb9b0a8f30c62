#pragma once
// Runs a cloud plan against Confluent Cloud Flink: deploy (schemas, connections, then
// statements in order, each followed until it settles), stop (every INSERT, kept for
// later), delete (statements last first, then the connections), and refresh (read each
// statement's phase). One action at a time; every
// statement's and connection's phase is reported as it changes, for the pipeline panel.

#include "CloudPipelinePlan.h"

#include <QObject>
#include <memory>
#include <optional>

namespace pitwall::cloud {

class CloudPipeline : public QObject {
    Q_OBJECT
public:
    enum class Action { Deploy, Stop, Delete, Refresh };
    Q_ENUM(Action)

    // registry: where the plan's schemas are registered before the tables (none: skipped).
    explicit CloudPipeline(FlinkSettings settings, std::optional<registry::RegistrySettings> registry = std::nullopt,
                           int pollMs = 1000, int settleTimeoutMs = 300'000, QObject *parent = nullptr);
    ~CloudPipeline() override;

    void deploy(const CloudPlan &plan);
    void stop(const CloudPlan &plan);
    void remove(const CloudPlan &plan);
    // Reads every statement's phase as it is now (after a restart, say); changes nothing.
    void refresh(const CloudPlan &plan);
    bool isBusy() const { return m_busy; }

signals:
    void phaseChanged(const QString &name, const QString &phase, const QString &detail);
    // error empty: the action is done.
    void finished(pitwall::cloud::CloudPipeline::Action action, const QString &error);

private:
    bool begin(Action action);
    void end(const QString &error);
    // Ends the action with a step's error, when it failed; says whether it did.
    template <typename T>
    bool endedOnError(const Expected<T> &result)
    {
        if (!result)
            end(result.error().message);
        return !result;
    }
    // The answer to a step on `name`: ends the action on an error; otherwise says the
    // phase the service answered (`assumed` when it gave none) and goes on with `next`.
    template <typename Resource>
    std::function<void(Expected<Resource>)> phaseReport(const QString &name, const QString &assumed, std::function<void()> next)
    {
        return [this, name, assumed, next](Expected<Resource> answer) {
            if (endedOnError(answer))
                return;
            emit phaseChanged(name, answer->phase.isEmpty() ? assumed : answer->phase, answer->detail);
            next();
        };
    }
    // One asynchronous step per item, in turn: a step calls `next` when its item is done,
    // or ends the action on failure; `then` runs after the last item.
    template <typename Item>
    void inTurn(QList<Item> items, std::function<void(const Item &, std::function<void()>)> step, std::function<void()> then);
    void registerSchema(const registry::TopicSchema &schema, std::function<void()> next);
    void ensureConnection(const PlannedConnection &connection, std::function<void()> next);
    void stopStatement(const QString &name, std::function<void()> next);
    void removeConnection(const QString &name, std::function<void()> next);
    void readStatement(const QString &name, std::function<void()> next);

    FlinkStatementsClient m_statements;
    FlinkConnectionsClient m_connections;
    FlinkDeployer m_deployer;
    std::unique_ptr<registry::SchemaRegistryClient> m_registry;
    bool m_busy = false;
    Action m_action = Action::Deploy;
    std::function<void()> m_afterDeployer;
};

} // namespace pitwall::cloud
