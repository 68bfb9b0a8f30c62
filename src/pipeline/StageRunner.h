#pragma once
// Runs one pipeline stage: its own consumer thread reads the input topics, the
// processor turns records into outputs, the shared producer writes them. Refused
// records go to the dead-letter topic with the stage, the reason and the original
// bytes; a processor that throws is replaced and the failure counted.

#include "PipelineDefinition.h"
#include "StageMetrics.h"
#include "core/Expected.h"
#include "stream/KafkaConfig.h"

#include <QMutex>
#include <atomic>
#include <memory>
#include <mutex>

namespace pitwall {

class DeadLetterOnce;
class KafkaConsumer;
class KafkaProducer;

class StageRunner {
public:
    // `deadLetters`: shared by the stages of one pipeline, so a record several of them
    // refuse is copied to the dead-letter topic once (null: every refusal is copied).
    StageRunner(StageDefinition definition, KafkaProducer &producer, DeadLetterOnce *deadLetters = nullptr);
    ~StageRunner();

    // Blocking: positions the consumer at the end of the input topics, then runs.
    Expected<bool> start(const KafkaConfig &config, int timeoutMs);
    void stop();
    bool isRunning() const;
    // Switched off by the user (as opposed to stopped with the race): shown as not enabled.
    void setSwitchedOff(bool off) { m_switchedOff = off; }
    bool isSwitchedOff() const { return m_switchedOff; }
    // Starts or stops the stage to match the latest setSwitchedOff(), however many
    // switches raced to get here (they are applied one at a time). `producedSoFar`: see
    // countAsHandledUpTo.
    Expected<bool> applySwitch(const KafkaConfig &config, int timeoutMs, quint64 producedSoFar);
    // A stage switched back on starts at the end of its topics: what was produced while
    // it was off counts as passed, so the race's back-pressure does not wait for it.
    void countAsHandledUpTo(quint64 records);

    const StageDefinition &definition() const { return m_definition; }
    StageMetrics::Snapshot snapshot() const;
    // Input records handled (or lost to a skip) so far.
    quint64 handledOrLost() const;
    QString lastError() const;
    // No work of past input still under way (see StageProcessor::isSettled).
    bool isSettled() const;

private:
    void handle(std::vector<KafkaRecord> &&batch);
    void deadLetter(const KafkaRecord &record, const QString &reason);

    StageDefinition m_definition;
    KafkaProducer &m_producer;
    DeadLetterOnce *m_deadLetters = nullptr;
    // Starts and stops (workers, toggled from the GUI) one at a time: a start never
    // replaces the processor while a stopping consumer thread may still use it.
    std::recursive_mutex m_lifecycleMutex;
    // Started and stopped from a worker while the race and the GUI read the counters.
    mutable QMutex m_consumerMutex;
    std::unique_ptr<KafkaConsumer> m_consumer;
    std::unique_ptr<StageProcessor> m_processor;
    StageMetrics m_metrics;
    qint64 m_finalLag = 0; // kept from the consumer when it stops
    quint64 m_finalSkipped = 0;
    std::atomic<quint64> m_passedWhileOff{0};
    std::atomic<bool> m_switchedOff{false};
    mutable QMutex m_errorMutex;
    QString m_lastError;
};

} // namespace pitwall
