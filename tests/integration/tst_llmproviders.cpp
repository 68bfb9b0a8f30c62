// The LLM providers, the governor and the embedder against a fake HTTP server on
// loopback that answers like Bedrock and OpenAI do, failures included.
#include "../support/FakeHttpServer.h"
#include "ai/BedrockProvider.h"
#include "ai/Embedder.h"
#include "ai/LlmGovernor.h"
#include "ai/OpenAiProvider.h"
#include "net/SigV4Signer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <optional>

using namespace pitwall;
using namespace pitwall::ai;
using pitwall::test::FakeHttpServer;
using pitwall::test::FakeRequest;
using pitwall::test::FakeResponse;

namespace {

const QByteArray kConverseAnswer =
    R"({"output":{"message":{"role":"assistant","content":[{"text":"1: Norris passes Piastri for P2"}]}},)"
    R"("stopReason":"end_turn","usage":{"inputTokens":120,"outputTokens":12,"totalTokens":132},"metrics":{"latencyMs":300}})";
const QByteArray kChatAnswer = R"({"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,)"
                               R"("message":{"role":"assistant","content":"1: Verstappen leads!"},"finish_reason":"stop"}],)"
                               R"("usage":{"prompt_tokens":90,"completion_tokens":8,"total_tokens":98}})";

FakeResponse bedrockError(int status, const QByteArray &type, const QByteArray &message)
{
    auto response = FakeResponse::json(status, R"({"message":")" + message + R"("})");
    response.headers.emplace_back("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
    return response;
}

// Waits for one asynchronous answer.
template <typename Call>
Expected<LlmReply, LlmError> await(Call call, int timeoutMs = 15000)
{
    std::optional<Expected<LlmReply, LlmError>> result;
    call([&](Expected<LlmReply, LlmError> reply) { result = std::move(reply); });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs);
    if (!result)
        return LlmError{LlmError::Kind::Timeout, QStringLiteral("the test waited in vain")};
    return *result;
}

const net::AwsCredentials kCredentials{QStringLiteral("AKIDEXAMPLE"), QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                       QStringLiteral("session-token-example")};

LlmRequest smallRequest(int timeoutMs = 5000)
{
    LlmRequest request;
    request.system = QStringLiteral("You are a commentator.");
    request.prompt = QStringLiteral("1: Overtake: Lando Norris passed Oscar Piastri for P2");
    request.maxTokens = 60;
    request.timeoutMs = timeoutMs;
    return request;
}

} // namespace

class TestLlmProviders : public QObject {
    Q_OBJECT

private slots:
    void bedrockSignsTheConverseCallAsAwsWould()
    {
        FakeHttpServer server([](const FakeRequest &) { return FakeResponse::json(200, kConverseAnswer); });
        BedrockSettings settings{QStringLiteral("us-east-1"), QStringLiteral("us.anthropic.claude-3-5-sonnet-20240620-v1:0"),
                                 server.baseUrl(), kCredentials};
        BedrockProvider provider(settings);
        const auto reply = await([&](auto done) { provider.complete(smallRequest(), done); });
        QVERIFY2(reply.hasValue(), qPrintable(reply.hasValue() ? QString() : reply.error().message));
        QCOMPARE(reply->text, QStringLiteral("1: Norris passes Piastri for P2"));
        QCOMPARE(reply->inputTokens, 120);
        QCOMPARE(reply->outputTokens, 12);

        QCOMPARE(server.requests().size(), 1);
        const auto &request = server.requests().first();
        QCOMPARE(request.method, QByteArray("POST"));
        // The model id's ':' travels encoded, in one path segment.
        QCOMPARE(request.target, QByteArray("/model/us.anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse"));
        const auto body = QJsonDocument::fromJson(request.body).object();
        QCOMPARE(body.value("messages").toArray().first().toObject().value("role").toString(), QStringLiteral("user"));
        QCOMPARE(body.value("system").toArray().first().toObject().value("text").toString(), QStringLiteral("You are a commentator."));
        QCOMPARE(body.value("inferenceConfig").toObject().value("maxTokens").toInt(), 60);
        QCOMPARE(request.header("x-amz-security-token"), QByteArray("session-token-example"));

        // The server side of SigV4: the same canonical request gives the same signature.
        const QByteArray authorization = request.header("authorization");
        QVERIFY(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
        QVERIFY(authorization.contains("/us-east-1/bedrock/aws4_request"));
        const QByteArray signedHeaders = authorization.mid(authorization.indexOf("SignedHeaders=") + 14).split(',').first();
        QCOMPARE(signedHeaders, QByteArray("content-type;host;x-amz-date;x-amz-security-token"));
        net::HttpHeaders headers;
        for (const auto &name : signedHeaders.split(';'))
            headers.emplace_back(name, request.header(name));
        net::SigV4Request received{request.method, request.target, {}, headers, request.body};
        net::SigV4Options options{QStringLiteral("us-east-1"), QStringLiteral("bedrock"),
                                  QDateTime::fromString(QString::fromLatin1(request.header("x-amz-date")),
                                                        QStringLiteral("yyyyMMdd'T'HHmmss'Z'"))};
        options.time.setTimeSpec(Qt::UTC);
        const auto expected = net::signRequest(received, kCredentials, options);
        QVERIFY(authorization.endsWith("Signature=" + expected.signature));
    }

    void bedrockErrorsSayWhatToFix_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("says");
        QTest::newRow("bad key") << 403 << QByteArray("UnrecognizedClientException") << int(LlmError::Kind::BadCredentials)
                                 << "access key";
        QTest::newRow("bad signature") << 403 << QByteArray("InvalidSignatureException") << int(LlmError::Kind::BadCredentials) << "clock";
        QTest::newRow("expired token") << 403 << QByteArray("ExpiredTokenException") << int(LlmError::Kind::BadCredentials)
                                       << "session token";
        QTest::newRow("model not enabled") << 403 << QByteArray("AccessDeniedException") << int(LlmError::Kind::ModelNotEnabled)
                                           << "Model access";
        QTest::newRow("no such model") << 404 << QByteArray("ResourceNotFoundException") << int(LlmError::Kind::ModelNotFound)
                                       << "inference profile";
        QTest::newRow("throttled") << 429 << QByteArray("ThrottlingException") << int(LlmError::Kind::Throttled) << "throttling";
        QTest::newRow("quota") << 400 << QByteArray("ServiceQuotaExceededException") << int(LlmError::Kind::QuotaExhausted)
                               << "Service Quotas";
        QTest::newRow("validation") << 400 << QByteArray("ValidationException") << int(LlmError::Kind::BadRequest) << "refused";
        QTest::newRow("model timeout") << 408 << QByteArray("ModelTimeoutException") << int(LlmError::Kind::Timeout) << "too long";
        QTest::newRow("server") << 500 << QByteArray("InternalServerException") << int(LlmError::Kind::ServerError) << "its side";
    }

    void bedrockErrorsSayWhatToFix()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, type);
        QFETCH(int, kind);
        QFETCH(QString, says);
        FakeHttpServer server([&](const FakeRequest &) { return bedrockError(status, type, "the provider's words"); });
        BedrockProvider provider({QStringLiteral("us-east-1"), QStringLiteral("anthropic.claude-3-haiku-20240307-v1:0"),
                                  server.baseUrl(), kCredentials});
        const auto reply = await([&](auto done) { provider.complete(smallRequest(), done); });
        QVERIFY(!reply.hasValue());
        QCOMPARE(int(reply.error().kind), kind);
        QVERIFY2(reply.error().message.contains(says, Qt::CaseInsensitive), qPrintable(reply.error().message));
        QVERIFY(reply.error().message.contains(QLatin1String("the provider's words")));
        // Never the secret.
        QVERIFY(!reply.error().message.contains(kCredentials.secretAccessKey));
    }

    void openAiChatAndItsErrors()
    {
        FakeHttpServer server([](const FakeRequest &request) {
            if (request.header("authorization") != "Bearer sk-test-123")
                return FakeResponse::json(401, R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}})");
            return FakeResponse::json(200, kChatAnswer);
        });
        OpenAiSettings settings{server.baseUrl() + QStringLiteral("/v1"), QStringLiteral("sk-test-123"), QStringLiteral("gpt-4o-mini")};
        OpenAiProvider provider(settings);
        const auto reply = await([&](auto done) { provider.complete(smallRequest(), done); });
        QVERIFY(reply.hasValue());
        QCOMPARE(reply->text, QStringLiteral("1: Verstappen leads!"));
        QCOMPARE(reply->inputTokens, 90);
        QCOMPARE(server.requests().first().target, QByteArray("/v1/chat/completions"));
        const auto body = QJsonDocument::fromJson(server.requests().first().body).object();
        QCOMPARE(body.value("model").toString(), QStringLiteral("gpt-4o-mini"));
        QCOMPARE(body.value("messages").toArray().size(), 2);

        settings.apiKey = QStringLiteral("sk-wrong");
        OpenAiProvider wrong(settings);
        const auto refused = await([&](auto done) { wrong.complete(smallRequest(), done); });
        QCOMPARE(refused.error().kind, LlmError::Kind::BadCredentials);
        QVERIFY(refused.error().message.contains(QLatin1String("OPENAI_API_KEY")));

        const auto mapped = [](int status, const QByteArray &body) {
            net::HttpResponse response{status, body, {}, 0};
            return openAiError(response, QStringLiteral("OpenAI")).kind;
        };
        QCOMPARE(mapped(429, R"({"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}})"), LlmError::Kind::Throttled);
        QCOMPARE(mapped(429, R"({"error":{"message":"You exceeded your current quota","code":"insufficient_quota"}})"),
                 LlmError::Kind::QuotaExhausted);
        QCOMPARE(mapped(404, R"({"error":{"message":"The model does not exist","code":"model_not_found"}})"),
                 LlmError::Kind::ModelNotFound);
        QCOMPARE(mapped(503, "<html>oops</html>"), LlmError::Kind::ServerError);
    }

    void malformedAndCutOffAnswersAreNotRetried()
    {
        int calls = 0;
        FakeHttpServer server([&](const FakeRequest &) {
            ++calls;
            return FakeResponse::json(200, "{\"choices\": [ this is not json");
        });
        OpenAiProvider provider({server.baseUrl(), {}, QStringLiteral("local-model")});
        LlmGovernor governor(&provider, GovernorLimits{}, PriceTable::defaults());
        auto reply = await([&](auto done) { governor.submit(smallRequest(), governor.nowMs() + 5000, done); });
        QCOMPARE(reply.error().kind, LlmError::Kind::Malformed);
        QCOMPARE(calls, 1);

        server.setHandler([&](const FakeRequest &) {
            auto response = FakeResponse::json(200, kChatAnswer);
            response.cutBodyInHalf = true;
            return response;
        });
        reply = await([&](auto done) { provider.complete(smallRequest(), done); });
        QVERIFY(!reply.hasValue());
        QCOMPARE(reply.error().kind, LlmError::Kind::Malformed);
    }

    void throttlingIsRetriedWithBackoffAndRetryAfter()
    {
        int calls = 0;
        FakeHttpServer server([&](const FakeRequest &) {
            ++calls;
            if (calls == 1) {
                auto response = FakeResponse::json(429, R"({"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}})");
                response.headers.emplace_back("retry-after", "0.3");
                return response;
            }
            if (calls == 2)
                return bedrockError(429, "ThrottlingException", "Too many requests, please wait before trying again.");
            return FakeResponse::json(200, kChatAnswer);
        });
        OpenAiProvider provider({server.baseUrl(), QStringLiteral("k"), QStringLiteral("gpt-4o-mini")});
        GovernorLimits limits;
        limits.maxRetries = 3;
        limits.baseBackoffMs = 100;
        LlmGovernor governor(&provider, limits, PriceTable::defaults());
        QElapsedTimer clock;
        clock.start();
        const auto reply = await([&](auto done) { governor.submit(smallRequest(), governor.nowMs() + 8000, done); });
        QVERIFY(reply.hasValue());
        QCOMPARE(calls, 3);
        QVERIFY2(clock.elapsed() >= 300, "Retry-After: 0.3 was honoured"); // then 50-100 ms of jittered backoff
        const auto usage = governor.usage();
        QCOMPARE(usage.calls, quint64(3));
        QCOMPARE(usage.retries, quint64(2));
        QCOMPARE(usage.throttled, quint64(2));
        QCOMPARE(usage.succeeded, quint64(1));
        QCOMPARE(usage.tokensIn, qint64(90));
        QVERIFY(usage.costUsd > 0); // gpt-4o-mini is in the price table
    }

    void serverErrorsAreRetriedAndSlowAnswersTimeOut()
    {
        int calls = 0;
        FakeHttpServer server([&](const FakeRequest &) {
            ++calls;
            return FakeResponse::json(500, R"({"error":{"message":"The server had an error"}})");
        });
        OpenAiProvider provider({server.baseUrl(), QStringLiteral("k"), QStringLiteral("gpt-4o-mini")});
        GovernorLimits limits;
        limits.maxRetries = 2;
        limits.baseBackoffMs = 50;
        LlmGovernor governor(&provider, limits, PriceTable::defaults());
        auto reply = await([&](auto done) { governor.submit(smallRequest(), governor.nowMs() + 5000, done); });
        QCOMPARE(reply.error().kind, LlmError::Kind::ServerError);
        QCOMPARE(calls, 3); // the call and two retries

        server.setHandler([](const FakeRequest &) {
            auto response = FakeResponse::json(200, kChatAnswer);
            response.delayMs = 3000;
            return response;
        });
        QElapsedTimer clock;
        clock.start();
        reply = await([&](auto done) { governor.submit(smallRequest(800), governor.nowMs() + 1000, done); });
        QCOMPARE(reply.error().kind, LlmError::Kind::Timeout);
        QVERIFY2(clock.elapsed() < 2500, "the deadline holds, retries included");
    }

    void circuitOpensAfterRepeatedFailuresAndBudgetsHoldCallsBack()
    {
        int calls = 0;
        FakeHttpServer server([&](const FakeRequest &) {
            ++calls;
            return FakeResponse::json(400, R"({"error":{"message":"bad request"}})");
        });
        OpenAiProvider provider({server.baseUrl(), QStringLiteral("k"), QStringLiteral("gpt-4o-mini")});
        GovernorLimits limits;
        limits.failuresToOpen = 3;
        limits.openMs = 60'000;
        LlmGovernor governor(&provider, limits, PriceTable::defaults());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(await([&](auto done) { governor.submit(smallRequest(), governor.nowMs() + 5000, done); }).error().kind,
                     LlmError::Kind::BadRequest);
        QCOMPARE(await([&](auto done) { governor.submit(smallRequest(), governor.nowMs() + 5000, done); }).error().kind,
                 LlmError::Kind::CircuitOpen);
        QCOMPARE(calls, 3); // the open circuit did not call
        QVERIFY(governor.usage().circuitOpen);

        // Wrong credentials open the circuit at once: they will not fix themselves.
        server.setHandler([](const FakeRequest &) { return FakeResponse::json(401, R"({"error":{"code":"invalid_api_key"}})"); });
        LlmGovernor credentials(&provider, GovernorLimits{}, PriceTable::defaults());
        QCOMPARE(await([&](auto done) { credentials.submit(smallRequest(), credentials.nowMs() + 5000, done); }).error().kind,
                 LlmError::Kind::BadCredentials);
        QCOMPARE(await([&](auto done) { credentials.submit(smallRequest(), credentials.nowMs() + 5000, done); }).error().kind,
                 LlmError::Kind::CircuitOpen);

        // Two requests a minute: the third waits for the bucket, so it is held back.
        server.setHandler([](const FakeRequest &) { return FakeResponse::json(200, kChatAnswer); });
        GovernorLimits tight;
        tight.requestsPerMinute = 2;
        LlmGovernor budget(&provider, tight, PriceTable::defaults());
        QVERIFY(await([&](auto done) { budget.submit(smallRequest(), budget.nowMs() + 5000, done); }).hasValue());
        QVERIFY(await([&](auto done) { budget.submit(smallRequest(), budget.nowMs() + 5000, done); }).hasValue());
        const auto third = await([&](auto done) { budget.submit(smallRequest(), budget.nowMs() + 5000, done); });
        QCOMPARE(third.error().kind, LlmError::Kind::OverBudget);
        QCOMPARE(budget.usage().refusedByBudget, quint64(1));
        // Tokens per minute too.
        GovernorLimits fewTokens;
        fewTokens.tokensPerMinute = 50;
        LlmGovernor tokens(&provider, fewTokens, PriceTable::defaults());
        QCOMPARE(await([&](auto done) { tokens.submit(smallRequest(), tokens.nowMs() + 5000, done); }).error().kind,
                 LlmError::Kind::OverBudget);
    }

    void networkDownIsSaidPlainly()
    {
        quint16 closedPort = 0;
        {
            FakeHttpServer server([](const FakeRequest &) { return FakeResponse{}; });
            closedPort = server.port();
        }
        OpenAiProvider provider({QStringLiteral("http://127.0.0.1:%1/v1").arg(closedPort), {}, QStringLiteral("m")});
        const auto reply = await([&](auto done) { provider.complete(smallRequest(), done); });
        QCOMPARE(reply.error().kind, LlmError::Kind::NetworkDown);
        QVERIFY(reply.error().message.contains(QLatin1String("cannot reach 127.0.0.1")));
    }

    void openAiEmbeddingsAreBatchedAndMatchedByIndex()
    {
        FakeHttpServer server([](const FakeRequest &request) {
            const auto inputs = QJsonDocument::fromJson(request.body).object().value("input").toArray();
            QJsonArray data;
            // Answer in reverse order: the client must match by index.
            for (int i = int(inputs.size()) - 1; i >= 0; --i)
                data.append(QJsonObject{{"object", "embedding"},
                                        {"index", i},
                                        {"embedding", QJsonArray{double(inputs[i].toString().size()), 1.0, 0.5}}});
            return FakeResponse::json(200, QJsonDocument(QJsonObject{{"object", "list"}, {"data", data}, {"model", "text-embedding-3-small"}})
                                               .toJson(QJsonDocument::Compact));
        });
        OpenAiEmbedder embedder(
            {server.baseUrl() + QStringLiteral("/v1"), QStringLiteral("k"), {}, QStringLiteral("text-embedding-3-small")});
        QStringList texts;
        for (int i = 0; i < 300; ++i)
            texts << QString(i % 7 + 1, QLatin1Char('x'));
        std::optional<Expected<std::vector<Vector>, LlmError>> result;
        embedder.embed(texts, [&](auto vectors) { result = std::move(vectors); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY(result->hasValue());
        QCOMPARE(result->value().size(), size_t(300));
        for (int i = 0; i < 300; ++i)
            QCOMPARE(result->value()[size_t(i)][0], float(i % 7 + 1));
        QCOMPARE(server.requests().size(), 2); // 256 + 44
        QCOMPARE(server.requests().first().target, QByteArray("/v1/embeddings"));
        QCOMPARE(QJsonDocument::fromJson(server.requests().first().body).object().value("model").toString(),
                 QStringLiteral("text-embedding-3-small"));

        // An answer with a missing vector is refused, not half-used.
        QVERIFY(!parseEmbeddingsResponse(R"({"data":[{"index":0,"embedding":[1,2]}]})", 2).hasValue());
        QVERIFY(!parseEmbeddingsResponse(R"({"data":[{"index":0,"embedding":[1,2]},{"index":1,"embedding":[1]}]})", 2).hasValue());
    }
};

QTEST_GUILESS_MAIN(TestLlmProviders)
#include "tst_llmproviders.moc"
