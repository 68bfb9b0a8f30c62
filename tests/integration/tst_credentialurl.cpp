// Issue 22 item 4: a request carrying a key goes over https, or plain http to this machine
// only; anywhere else it is refused unsent, in words. The "other machine" is reached here
// through an HTTP proxy on loopback (the fake server), so the test sees whatever would leave.
#include "../support/FakeHttpServer.h"
#include "ai/BedrockProvider.h"
#include "net/CredentialUrl.h"
#include "ai/Embedder.h"
#include "net/HttpExchange.h"

#include <QNetworkProxy>
#include <QTest>

using namespace pitwall;
using namespace pitwall::ai;
using namespace pitwall::test;

class TestCredentialUrl : public QObject {
    Q_OBJECT

    int m_seen = 0;
    QByteArray m_lastAuthorization;
    std::unique_ptr<FakeHttpServer> m_proxy;

private slots:
    void init()
    {
        m_seen = 0;
        m_lastAuthorization.clear();
        m_proxy = std::make_unique<FakeHttpServer>([this](const FakeRequest &request) {
            ++m_seen;
            m_lastAuthorization = request.header("Authorization");
            return FakeResponse::json(200, R"({"data":[{"index":0,"embedding":[0.1,0.2]}]})");
        });
        QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), m_proxy->port()));
    }

    void cleanup()
    {
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
        m_proxy.reset();
    }

    void theRule()
    {
        QCOMPARE(net::credentialUrlProblem(QUrl("https://api.openai.com/v1")), QString());
        QCOMPARE(net::credentialUrlProblem(QUrl("http://127.0.0.1:11434/v1")), QString());
        QCOMPARE(net::credentialUrlProblem(QUrl("http://localhost:8081")), QString());
        QCOMPARE(net::credentialUrlProblem(QUrl("http://[::1]:8081")), QString());
        QVERIFY(net::credentialUrlProblem(QUrl("http://api.openai.com/v1")).contains("https"));
        QVERIFY(net::credentialUrlProblem(QUrl("http://10.0.0.5/v1")).contains("https"));
        QVERIFY(!net::credentialUrlProblem(QUrl("ftp://example.com")).isEmpty());
        QVERIFY(net::isCloudRegion("us-east-1") && net::isCloudRegion("eastus2") && net::isCloudRegion("europe-west4"));
        QVERIFY(!net::isCloudRegion("evil.example/x#") && !net::isCloudRegion("us-east-1.evil") && !net::isCloudRegion("") &&
                !net::isCloudRegion("-a"));
        QVERIFY(net::isAwsRegion("us-east-1") && net::isAwsRegion("us-gov-west-1") && !net::isAwsRegion("evil.example/x#"));
    }

    // Without a key the same request does leave (so the proxy would see a key if one were sent).
    void aKeyOverPlainHttpToAnotherMachineIsRefusedUnsent()
    {
        net::HttpExchange http;
        std::optional<QString> refused;
        http.send("POST", QUrl("http://models.pitwall-test.example/v1/embeddings"), {{"Authorization", "Bearer sk-secret-1"}},
                  "{}", 5000, [&](const net::HttpResponse &, const net::TransportError *error) {
                      refused = error ? error->message : QString();
                  });
        QTRY_VERIFY(refused.has_value());
        QVERIFY2(refused->contains("https"), qPrintable(*refused));
        QVERIFY(!refused->contains("sk-secret-1"));
        QCOMPARE(m_seen, 0);

        std::optional<int> status;
        http.send("POST", QUrl("http://models.pitwall-test.example/v1/embeddings"), {{"Content-Type", "application/json"}}, "{}",
                  5000, [&](const net::HttpResponse &response, const net::TransportError *) { status = response.status; });
        QTRY_VERIFY(status.has_value());
        QCOMPARE(*status, 200);
        QCOMPARE(m_seen, 1);
    }

    void theOpenAiEmbedderSendsNoKeyOverPlainHttp()
    {
        OpenAiSettings settings;
        settings.baseUrl = QStringLiteral("http://models.pitwall-test.example/v1");
        settings.apiKey = QStringLiteral("sk-secret-2");
        OpenAiEmbedder embedder(settings);
        std::optional<Expected<std::vector<Vector>, LlmError>> answer;
        embedder.embed({QStringLiteral("Hamilton")},
                       [&](Expected<std::vector<Vector>, LlmError> vectors) { answer = std::move(vectors); });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
        QVERIFY(!answer->hasValue());
        QVERIFY2(answer->error().message.contains("https"), qPrintable(answer->error().message));
        QCOMPARE(m_seen, 0);
        QVERIFY(m_lastAuthorization.isEmpty());
    }

    // The Bedrock region becomes the host: `evil.example/x#` would send the signed request elsewhere.
    void aBedrockRegionThatIsNotARegionIsRefused()
    {
        BedrockSettings settings;
        settings.region = QStringLiteral("evil.example/x#");
        settings.model = QStringLiteral("anthropic.claude-3-haiku-20240307-v1:0");
        settings.credentials = {QStringLiteral("AKIAEXAMPLEEXAMPLE"), QStringLiteral("secret"), {}};
        BedrockProvider bedrock(settings);
        std::optional<Expected<LlmReply, LlmError>> answer;
        LlmRequest request;
        request.prompt = QStringLiteral("hello");
        bedrock.complete(request, [&](Expected<LlmReply, LlmError> reply) { answer = std::move(reply); });
        QTRY_VERIFY(answer.has_value());
        QVERIFY(!answer->hasValue());
        QVERIFY2(answer->error().message.contains("region"), qPrintable(answer->error().message));
        QCOMPARE(m_seen, 0);
    }
};

QTEST_GUILESS_MAIN(TestCredentialUrl)
#include "tst_credentialurl.moc"
