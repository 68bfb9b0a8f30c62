#pragma once
// Looks schemas up by id (GET /schemas/ids/{id}) on a thread of its own, so no consumer
// thread does network I/O: a consumer that meets an unknown id asks here and waits only
// for that id's answer, holding no lock the other consumers need.

#include "SchemaRegistryClient.h"

#include <QThread>
#include <functional>

namespace pitwall::registry {

class SchemaFetcher {
public:
    explicit SchemaFetcher(RegistrySettings settings);
    ~SchemaFetcher(); // stops the thread: no answer is delivered after it
    SchemaFetcher(const SchemaFetcher &) = delete;
    SchemaFetcher &operator=(const SchemaFetcher &) = delete;

    // `done` runs on the fetcher's thread, once.
    void fetch(qint32 id, std::function<void(Expected<RegisteredSchema>)> done);

private:
    QThread m_thread;
    QObject *m_context;             // lives on m_thread
    SchemaRegistryClient *m_client; // lives on m_thread, a child of m_context
};

} // namespace pitwall::registry
