#pragma once
// The few pieces of the Kafka wire protocol the embedded broker's front door reads and
// writes (https://kafka.apache.org/protocol): request headers, the record sizes inside a
// Produce request, the broker ports inside Metadata and FindCoordinator responses, and a
// Produce response that refuses every partition. Every read is bounds-checked; a frame
// that does not parse is reported, never guessed at.

#include <QByteArray>
#include <QList>
#include <QString>
#include <cstdint>
#include <optional>

namespace pitwall::kafka_wire {

enum ApiKey : int16_t { Produce = 0, Metadata = 3, FindCoordinator = 10, ApiVersions = 18 };

// Whether a request of this api and version uses the "flexible" encoding (compact
// strings and arrays, tagged fields), from the protocol's per-api version tables.
bool isFlexible(int16_t apiKey, int16_t apiVersion);

struct RequestHeader {
    int16_t apiKey = 0;
    int16_t apiVersion = 0;
    int32_t correlationId = 0;
    int bodyOffset = 0; // where the request body starts in the frame (after the size)
};

// `frame` is a request without its 4-byte size prefix.
std::optional<RequestHeader> readRequestHeader(const QByteArray &frame);

struct ProduceCheck {
    bool parsed = false;
    bool expectsResponse = true; // acks != 0
    int16_t acks = 0;
    qint64 largestRecord = 0;          // bytes, of the largest record in an uncompressed batch
    qint64 largestCompressedBatch = 0; // bytes, of the largest compressed (or legacy) batch
    QString error;                     // why it did not parse
    // Topic and partition indexes, in the request's order, for a refusal's response.
    struct Topic {
        QByteArray name;
        QList<int32_t> partitions;
    };
    QList<Topic> topics;
};

ProduceCheck inspectProduce(const QByteArray &frame, const RequestHeader &header);

// A complete response frame (size prefix included) answering every partition of the
// Produce request with `errorCode` (MESSAGE_TOO_LARGE is 10).
QByteArray produceRefusal(const RequestHeader &header, const ProduceCheck &request, int16_t errorCode, const QByteArray &message);

// Rewrites, in place, every broker port equal to `from` into `to` in a Metadata or
// FindCoordinator response (`frame` without its size prefix). Returns false when the
// response does not parse; the frame is then left as it was.
bool rewriteBrokerPorts(QByteArray &frame, int16_t apiKey, int16_t apiVersion, int32_t from, int32_t to);

} // namespace pitwall::kafka_wire
