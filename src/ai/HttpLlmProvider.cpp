#include "HttpLlmProvider.h"

namespace pitwall::ai {

HttpLlmProvider::HttpLlmProvider(QObject *parent)
    : LlmProvider(parent)
    , m_http(this)
{
}

void HttpLlmProvider::post(const QUrl &url, const net::HttpHeaders &headers, const QByteArray &body, int timeoutMs, Done done)
{
    m_http.send("POST", url, headers, body, timeoutMs,
                [this, done = std::move(done)](const net::HttpResponse &response, const net::TransportError *transport) {
                    noticeResponse(response);
                    const auto answer = answerBody(response, transport, [this](const auto &r) { return refusal(r); });
                    if (!answer) {
                        done(answer.error());
                        return;
                    }
                    auto reply = replyOf(answer.value());
                    if (reply) {
                        // An OpenAI-compatible server may name the model that answered.
                        if (reply.value().model.isEmpty())
                            reply.value().model = model();
                        reply.value().latencyMs = response.latencyMs;
                    }
                    done(std::move(reply));
                });
}

} // namespace pitwall::ai
