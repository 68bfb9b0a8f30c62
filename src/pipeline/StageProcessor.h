#pragma once
// What a pipeline stage does to each record of its input topics. One processor per
// stage, used by that stage's thread only; per-key state (per team, per car) lives in it.

#include "stream/KafkaConsumer.h"

#include <QByteArray>
#include <optional>
#include <vector>

namespace pitwall {

struct StageOutput {
    const char *topic;
    QByteArray key;
    QByteArray value;
};

class StageProcessor {
public:
    virtual ~StageProcessor() = default;
    // Appends the records to produce. Returns the reason when the input is refused
    // (it then goes to the dead-letter topic and the stage goes on). A throw is a bug:
    // the stage is restarted with a fresh processor and the failure counted.
    virtual std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) = 0;
    // Called after every batch and, for stages that wait on something else (an LLM, an
    // embedding service), at least every 100 ms when no input comes: appends what has
    // finished meanwhile.
    virtual void poll(std::vector<StageOutput> &) {}
    // Whether poll() must be called when the input is idle.
    virtual bool wantsIdlePolls() const { return false; }
    // Thread-safe: false while work started for past input has not been produced yet
    // (a commentary window, an LLM call, an embedding). Draining waits for it.
    virtual bool isSettled() const { return true; }
};

} // namespace pitwall
