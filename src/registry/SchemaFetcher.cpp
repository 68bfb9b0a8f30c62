#include "SchemaFetcher.h"

namespace pitwall::registry {

SchemaFetcher::SchemaFetcher(RegistrySettings settings)
    : m_context(new QObject)
{
    m_thread.setObjectName(QStringLiteral("schema-fetcher"));
    m_client = new SchemaRegistryClient(std::move(settings), m_context);
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

SchemaFetcher::~SchemaFetcher()
{
    m_thread.quit();
    m_thread.wait();
}

void SchemaFetcher::fetch(qint32 id, std::function<void(Expected<RegisteredSchema>)> done)
{
    QMetaObject::invokeMethod(m_context, [client = m_client, id, done = std::move(done)] { client->schemaById(id, done); });
}

} // namespace pitwall::registry
