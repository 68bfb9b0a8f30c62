// The SigV4 signer against every v4 case of the AWS test suite (Apache 2.0, read where
// it lies in ../shared/data/sigv4): the classic suite and aws-c-auth's, header and query signing.
#include "net/SigV4Signer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace pitwall;

namespace {

const QString kSuite = QStringLiteral(PITWALL_SHARED_DATA_DIR "/sigv4");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// "METHOD target HTTP/1.1", header lines, an empty line, the body. A line starting with
// white space: the classic suite reads it as another value of the same header (joined
// with ','), aws-c-auth's as a folded continuation of the value (joined with a space).
enum class Folding { AnotherValue, Continuation };

net::SigV4Request parseRequest(const QByteArray &text, Folding folding)
{
    net::SigV4Request request;
    const auto bodyStart = text.indexOf("\n\n");
    const QByteArray head = bodyStart < 0 ? text : text.left(bodyStart);
    request.body = bodyStart < 0 ? QByteArray() : text.mid(bodyStart + 2);
    const auto lines = head.split('\n');
    const auto requestLine = lines.first();
    const auto firstSpace = requestLine.indexOf(' ');
    const auto lastSpace = requestLine.lastIndexOf(' ');
    request.method = requestLine.left(firstSpace);
    const QByteArray target = requestLine.mid(firstSpace + 1, lastSpace - firstSpace - 1);
    const auto question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);
    for (int i = 1; i < lines.size(); ++i) {
        const auto &line = lines[i];
        if (!line.isEmpty() && (line[0] == ' ' || line[0] == '\t') && !request.headers.empty()) {
            if (folding == Folding::Continuation)
                request.headers.back().second += '\n' + line;
            else
                request.headers.emplace_back(request.headers.back().first, line);
            continue;
        }
        const auto colon = line.indexOf(':');
        if (colon > 0)
            request.headers.emplace_back(line.left(colon), line.mid(colon + 1));
    }
    return request;
}

const net::AwsCredentials kExampleCredentials{QStringLiteral("AKIDEXAMPLE"),
                                              QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                              {}};

QDateTime exampleTime()
{
    return QDateTime(QDate(2015, 8, 30), QTime(12, 36, 0), Qt::UTC);
}

QByteArray headerValue(const net::HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

} // namespace

class TestSigV4 : public QObject {
    Q_OBJECT

private slots:
    void derivedKeyMatchesTheSuite()
    {
        QCOMPARE(net::deriveSigningKey(kExampleCredentials.secretAccessKey, "20150830", QStringLiteral("us-east-1"),
                                       QStringLiteral("service"))
                     .toHex(),
                 QByteArray("938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75"));
    }

    void classicSuite_data()
    {
        QTest::addColumn<QString>("directory");
        QDirIterator it(kSuite, {QStringLiteral("*.req")}, QDir::Files, QDirIterator::Subdirectories);
        int cases = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            if (file.contains(QLatin1String("/aws-c-auth-v4/")))
                continue;
            QTest::newRow(qPrintable(QFileInfo(file).completeBaseName())) << QFileInfo(file).absolutePath();
            ++cases;
        }
        QCOMPARE(cases, 31); // the whole classic suite, normalize-path and post-sts-token included
    }

    void classicSuite()
    {
        QFETCH(QString, directory);
        const QString name = QDir(directory).dirName();
        const auto request = parseRequest(readFile(directory + '/' + name + QStringLiteral(".req")), Folding::AnotherValue);
        net::SigV4Options options{QStringLiteral("us-east-1"), QStringLiteral("service"), exampleTime()};
        const auto signature = net::signRequest(request, kExampleCredentials, options);
        QCOMPARE(signature.canonicalRequest, readFile(directory + '/' + name + QStringLiteral(".creq")));
        QCOMPARE(signature.stringToSign, readFile(directory + '/' + name + QStringLiteral(".sts")));
        QCOMPARE(headerValue(signature.headersToAdd, "Authorization"), readFile(directory + '/' + name + QStringLiteral(".authz")));
    }

    void awsCAuthSuite_data()
    {
        QTest::addColumn<QString>("directory");
        QTest::addColumn<bool>("presign");
        const auto cases = QDir(kSuite + QStringLiteral("/aws-c-auth-v4")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(cases.size(), 38);
        for (const auto &name : cases) {
            const QString directory = kSuite + QStringLiteral("/aws-c-auth-v4/") + name;
            QTest::newRow(qPrintable(name + QStringLiteral(" header"))) << directory << false;
            if (QFile::exists(directory + QStringLiteral("/query-signature.txt")))
                QTest::newRow(qPrintable(name + QStringLiteral(" query"))) << directory << true;
        }
    }

    void awsCAuthSuite()
    {
        QFETCH(QString, directory);
        QFETCH(bool, presign);
        const auto context = QJsonDocument::fromJson(readFile(directory + QStringLiteral("/context.json"))).object();
        const auto credentialsJson = context.value(QLatin1String("credentials")).toObject();
        const net::AwsCredentials credentials{credentialsJson.value(QLatin1String("access_key_id")).toString(),
                                              credentialsJson.value(QLatin1String("secret_access_key")).toString(),
                                              credentialsJson.value(QLatin1String("token")).toString()};
        net::SigV4Options options;
        options.region = context.value(QLatin1String("region")).toString();
        options.service = context.value(QLatin1String("service")).toString();
        options.time = QDateTime::fromString(context.value(QLatin1String("timestamp")).toString(), Qt::ISODate);
        options.normalizePath = context.value(QLatin1String("normalize")).toBool(true);
        options.signBody = context.value(QLatin1String("sign_body")).toBool(false);
        options.omitSessionToken = context.value(QLatin1String("omit_session_token")).toBool(false);
        options.expiresSeconds = context.value(QLatin1String("expiration_in_seconds")).toInt(3600);
        options.presign = presign;

        const auto request = parseRequest(readFile(directory + QStringLiteral("/request.txt")), Folding::Continuation);
        const auto signature = net::signRequest(request, credentials, options);
        const QString prefix = directory + (presign ? QStringLiteral("/query-") : QStringLiteral("/header-"));
        QCOMPARE(signature.canonicalRequest, readFile(prefix + QStringLiteral("canonical-request.txt")));
        QCOMPARE(signature.stringToSign, readFile(prefix + QStringLiteral("string-to-sign.txt")));
        QCOMPARE(signature.signature, readFile(prefix + QStringLiteral("signature.txt")).trimmed());

        // The signed request carries what the suite's does.
        const QByteArray signedRequest = readFile(prefix + QStringLiteral("signed-request.txt"));
        if (presign) {
            QVERIFY(signedRequest.contains("X-Amz-Signature=" + signature.signature));
        } else {
            const QByteArray lowered = signedRequest.toLower();
            for (const auto &[name, value] : signature.headersToAdd)
                QVERIFY2(lowered.contains((name + ':' + value).toLower()), name.constData());
        }
    }

    // Bedrock: the model id's ':' is %3A on the wire and %253A in the canonical URI.
    void bedrockPathIsEncodedTwice()
    {
        net::SigV4Request request{"POST",
                                  "/model/us.anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse",
                                  {},
                                  {{"Host", "bedrock-runtime.us-east-1.amazonaws.com"}, {"Content-Type", "application/json"}},
                                  "{}"};
        net::SigV4Options options{QStringLiteral("us-east-1"), QStringLiteral("bedrock"), exampleTime()};
        net::AwsCredentials temporary = kExampleCredentials;
        temporary.sessionToken = QStringLiteral("token-value");
        const auto signature = net::signRequest(request, temporary, options);
        QVERIFY(signature.canonicalRequest.startsWith("POST\n/model/us.anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse\n\n"));
        QVERIFY(signature.canonicalRequest.contains("\ncontent-type;host;x-amz-date;x-amz-security-token\n"));
        QVERIFY(signature.stringToSign.contains("20150830/us-east-1/bedrock/aws4_request"));
        QCOMPARE(headerValue(signature.headersToAdd, "X-Amz-Security-Token"), QByteArray("token-value"));
    }
};

QTEST_GUILESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
