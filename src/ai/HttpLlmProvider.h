#pragma once
// The language models that answer over HTTP (Bedrock, OpenAI): each builds, and signs, its
// own request; what comes back is read here, in one way, for both.

#include "LlmProvider.h"
#include "net/HttpExchange.h"

namespace pitwall::ai {

class HttpLlmProvider : public LlmProvider {
    Q_OBJECT
public:
    explicit HttpLlmProvider(QObject *parent = nullptr);

protected:
    // Sends the request; `done` gets the transport's failure, the provider's refusal
    // (refusal()) or the reply (replyOf()) with its model and latency.
    void post(const QUrl &url, const net::HttpHeaders &headers, const QByteArray &body, int timeoutMs, Done done);

    // What an answer with a status other than 200 means, in the provider's words.
    virtual LlmError refusal(const net::HttpResponse &response) const = 0;
    // The reply a 200 answer's body holds.
    virtual Expected<LlmReply, LlmError> replyOf(const QByteArray &body) const = 0;
    // Sees every response first, failed ones too (Bedrock learns the server's clock from it).
    virtual void noticeResponse(const net::HttpResponse &response) { Q_UNUSED(response); }

private:
    net::HttpExchange m_http;
};

} // namespace pitwall::ai
