#pragma once
// Amazon Bedrock runtime, Converse API (POST /model/{modelId}/converse), signed with
// SigV4 for service "bedrock". The model may be a base id or a cross-region inference
// profile ("us.anthropic.claude-..."): both go in the path unchanged.

#include "HttpLlmProvider.h"
#include "net/SigV4Signer.h"

namespace pitwall::ai {

struct BedrockSettings {
    QString region;   // e.g. us-east-1
    QString model;    // model id or inference profile id/ARN
    QString endpoint; // empty: https://bedrock-runtime.<region>.amazonaws.com
    net::AwsCredentials credentials;

    QString effectiveEndpoint() const;
};

class BedrockProvider : public HttpLlmProvider {
    Q_OBJECT
public:
    explicit BedrockProvider(BedrockSettings settings, QObject *parent = nullptr);

    QString providerName() const override { return QStringLiteral("bedrock"); }
    QString model() const override { return m_settings.model; }
    void complete(const LlmRequest &request, Done done) override;

private:
    LlmError refusal(const net::HttpResponse &response) const override;
    Expected<LlmReply, LlmError> replyOf(const QByteArray &body) const override;
    void noticeResponse(const net::HttpResponse &response) override;

    BedrockSettings m_settings;
    qint64 m_clockSkewMs = 0; // server time minus ours, learnt from the Date header
};

// Exposed for the tests: the request body, the answer's text and usage, and the error
// an unsuccessful answer means.
QByteArray converseRequestBody(const LlmRequest &request);
Expected<LlmReply, LlmError> parseConverseResponse(const QByteArray &body);
LlmError bedrockError(const net::HttpResponse &response);

} // namespace pitwall::ai
