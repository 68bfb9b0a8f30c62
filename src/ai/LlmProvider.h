#pragma once
// A language model that writes text: Bedrock, OpenAI (or compatible). Asynchronous;
// lives on one thread (its network access does) and answers on that thread.

#include "LlmTypes.h"
#include "core/Expected.h"

#include <QObject>
#include <functional>

namespace pitwall::ai {

class LlmProvider : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(Expected<LlmReply, LlmError>)>;

    using QObject::QObject;
    // "bedrock", "openai": for messages and the price table.
    virtual QString providerName() const = 0;
    // The model id as configured (shown as the commentary's source).
    virtual QString model() const = 0;
    virtual void complete(const LlmRequest &request, Done done) = 0;
};

} // namespace pitwall::ai
