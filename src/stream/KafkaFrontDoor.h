#pragma once
// The embedded broker's front door: the loopback address other Kafka clients (kcat, a
// script, another program) are given. librdkafka 2.0's mock broker has no message-size
// limit and keeps only ~5 MB per partition, so a local producer sending a few large
// messages would push the race's own records out before Pit Wall's stages read them.
// The front door passes the Kafka protocol through unchanged except:
//  - a Produce request holding a record (or a compressed batch) over maxRecordBytes is
//    answered MESSAGE_TOO_LARGE for every partition and never reaches the broker;
//  - a request frame over maxRequestBytes closes the connection before it is buffered;
//  - Metadata and FindCoordinator answers name the front door's port instead of the
//    broker's, so the client keeps talking through it.
// Pit Wall's own clients use the broker directly (EmbeddedBroker::internalBootstrap()).
// One thread, poll(2), bounded buffers: reading a side pauses while the other is behind.

#include "core/Expected.h"

#include <QString>
#include <atomic>
#include <memory>

namespace pitwall {

class KafkaFrontDoor {
public:
    struct Limits {
        // Pit Wall's largest message (a commentary row with its embedding vector, ~40 KB
        // of JSON) fits four times over.
        qint64 maxRecordBytes = 256 * 1024;
        qint64 maxRequestBytes = 2 * 1024 * 1024;
        qint64 maxBufferedBytes = 8 * 1024 * 1024; // per direction and connection
        int maxConnections = 64;
    };
    struct Counts {
        quint64 connections = 0;
        quint64 refusedProduceRequests = 0; // answered MESSAGE_TOO_LARGE
        quint64 refusedConnections = 0;     // over maxConnections
        quint64 closedForOversize = 0;      // a frame over maxRequestBytes
        quint64 closedForGarbage = 0;       // a frame that is not the Kafka protocol
    };

    // upstream: the broker's "HOST:PORT" (loopback).
    static Expected<std::unique_ptr<KafkaFrontDoor>> start(const QString &upstream, Limits limits);
    static Expected<std::unique_ptr<KafkaFrontDoor>> start(const QString &upstream) { return start(upstream, Limits{}); }
    ~KafkaFrontDoor();

    KafkaFrontDoor(const KafkaFrontDoor &) = delete;
    KafkaFrontDoor &operator=(const KafkaFrontDoor &) = delete;

    QString bootstrap() const { return m_bootstrap; }
    Counts counts() const;

private:
    struct Loop;
    explicit KafkaFrontDoor(std::unique_ptr<Loop> loop, QString bootstrap);

    std::unique_ptr<Loop> m_loop;
    QString m_bootstrap;
};

} // namespace pitwall
