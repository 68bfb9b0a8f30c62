#pragma once
// OpenAI chat completions (POST {base}/chat/completions), and any OpenAI-compatible
// server by base URL (Ollama, vLLM, LM Studio): the key is optional for those.

#include "HttpLlmProvider.h"

namespace pitwall::ai {

struct OpenAiSettings {
    QString baseUrl = QStringLiteral("https://api.openai.com/v1"); // OPENAI_BASE_URL's convention: with /v1
    QString apiKey;
    QString model = QStringLiteral("gpt-4o-mini");
    QString embeddingModel = QStringLiteral("text-embedding-3-small");
};

class OpenAiProvider : public HttpLlmProvider {
    Q_OBJECT
public:
    explicit OpenAiProvider(OpenAiSettings settings, QObject *parent = nullptr);

    QString providerName() const override { return QStringLiteral("openai"); }
    QString model() const override { return m_settings.model; }
    void complete(const LlmRequest &request, Done done) override;

private:
    LlmError refusal(const net::HttpResponse &response) const override;
    Expected<LlmReply, LlmError> replyOf(const QByteArray &body) const override;

    OpenAiSettings m_settings;
};

// The request headers (Authorization only when there is a key).
net::HttpHeaders openAiHeaders(const OpenAiSettings &settings);
QByteArray chatRequestBody(const QString &model, const LlmRequest &request);
Expected<LlmReply, LlmError> parseChatResponse(const QByteArray &body);
LlmError openAiError(const net::HttpResponse &response, const QString &what);

} // namespace pitwall::ai
