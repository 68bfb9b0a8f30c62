#pragma once
// The Kafka the races run on: the embedded broker or the configured cluster, prepared
// off the calling thread (the broker starts, or the cluster is reached), and prepared
// anew when the user picks another. The window and the headless run share it through
// the race controller.

#include "core/Expected.h"
#include "stream/KafkaSelection.h"

#include <QObject>
#include <memory>

namespace pitwall {

class KafkaEndpoint;

class KafkaConnection : public QObject {
    Q_OBJECT
public:
    explicit KafkaConnection(QObject *parent = nullptr);
    ~KafkaConnection() override;

    // Drops the current endpoint and prepares `selection` in a worker; ready or failed
    // follows. A selection that cannot be read (a bad address, a missing file) fails at
    // once: returned here (and not emitted).
    Expected<bool> connectTo(const KafkaSelection &selection);

    const KafkaSelection &selection() const { return m_selection; }
    // Null until ready (and while another selection is being prepared).
    const std::shared_ptr<KafkaEndpoint> &endpoint() const { return m_endpoint; }
    bool isReady() const { return bool(m_endpoint); }
    bool isPreparing() const { return m_preparing; }
    // While preparing: the cluster being reached; empty for the embedded broker.
    QString pendingBootstrap() const { return m_pendingBootstrap; }

signals:
    void connecting();
    void ready();
    void failed(const QString &reason);

private:
    KafkaSelection m_selection;
    std::shared_ptr<KafkaEndpoint> m_endpoint;
    bool m_preparing = false;
    QString m_pendingBootstrap;
    quint64 m_generation = 0; // a newer connectTo wins over an older preparation still running
};

} // namespace pitwall
