#include "KafkaConnection.h"

#include "cloud/CloudTables.h"
#include "stream/KafkaEndpoint.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace pitwall {

KafkaConnection::KafkaConnection(QObject *parent)
    : QObject(parent)
{
}

KafkaConnection::~KafkaConnection() = default;

Expected<bool> KafkaConnection::connectTo(const KafkaSelection &selection)
{
    m_selection = selection;
    m_endpoint.reset();
    const quint64 generation = ++m_generation;
    auto config = selection.toConfig();
    if (!config) {
        m_preparing = false;
        return config.error();
    }
    m_preparing = true;
    m_pendingBootstrap = config.value() ? config.value()->bootstrap() : QString();
    emit connecting();
    using Prepared = Expected<std::shared_ptr<KafkaEndpoint>>;
    auto *watcher = new QFutureWatcher<Prepared>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // another selection was chosen meanwhile
        m_preparing = false;
        auto prepared = watcher->result();
        if (!prepared) {
            emit failed(prepared.error().message);
            return;
        }
        m_endpoint = std::move(prepared).value();
        emit ready();
    });
    watcher->setFuture(
        QtConcurrent::run([external = config.value()] { return KafkaEndpoint::prepare(external, cloud::registrySchemas()); }));
    return true;
}

} // namespace pitwall
