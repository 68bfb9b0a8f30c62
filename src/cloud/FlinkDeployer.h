#pragma once
// Deploys the pipeline's Flink statements to Confluent Cloud, in order, idempotently: a
// statement already there with the same SQL and healthy is kept; one that differs, failed
// or stopped is deleted and created again. Each is followed until it settles — DDL
// (CREATE …) to COMPLETED, a streaming INSERT to RUNNING — and a FAILED one stops the
// deployment with its error text. Teardown deletes them, last first.

#include "FlinkStatementsClient.h"

#include <QElapsedTimer>
#include <QObject>
#include <memory>

namespace pitwall::cloud {

struct PlannedStatement {
    QString name;
    QString sql;
    bool streaming = false; // INSERT INTO: stays RUNNING; otherwise ends COMPLETED
};

class FlinkDeployer : public QObject {
    Q_OBJECT
public:
    explicit FlinkDeployer(FlinkStatementsClient *client, int pollMs = 1000, int settleTimeoutMs = 300'000, QObject *parent = nullptr);

    void deploy(const QList<PlannedStatement> &plan);
    void teardown(const QStringList &names);
    bool isBusy() const { return m_busy; }

signals:
    // For the pipeline panel: each statement's phase as it changes, with its detail.
    void statementChanged(const QString &name, const QString &phase, const QString &detail);
    // `error` empty: every statement settled (or, for a teardown, is gone).
    void finished(const QString &error);

private:
    void next();
    void replace(const PlannedStatement &statement);
    void create(const PlannedStatement &statement);
    void waitUntilSettled(const PlannedStatement &statement);
    void waitUntilGone(const QString &name, std::function<void()> then);
    void fail(const QString &error);
    void refuseLater(const QString &error);

    FlinkStatementsClient *m_client;
    int m_pollMs;
    int m_settleTimeoutMs;
    QList<PlannedStatement> m_plan;
    int m_index = 0;
    bool m_busy = false;
    QElapsedTimer m_waiting;
};

} // namespace pitwall::cloud
