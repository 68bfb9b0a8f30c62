#include "AskCommand.h"
#include "core/PrintableText.h"

#include "secrets/AppSecrets.h"
#include "setup/SetupConfig.h"

#include "AiOptions.h"
#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "cloud/CloudTables.h"
#include "pipeline/AskClient.h"
#include "stream/KafkaEndpoint.h"
#include "stream/KafkaSelection.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <cstdio>

namespace pitwall {

namespace {

constexpr int kOk = 0;
constexpr int kUsage = 1;
constexpr int kFailed = 2;
constexpr int kNoMatches = 3;

void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(printable(text)));
}

} // namespace

bool isAskCommand(const QString &word)
{
    return word == QLatin1String("ask");
}

int runAskCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("pitwall ask QUESTION: the five commentary lines closest in meaning to the question, with their scores\n"
                       "(1 is closest), searched in the vector store the races wrote to; with an LLM configured, also an answer\n"
                       "written from them. Exit codes: 0 found, 1 usage, 2 failed, 3 nothing stored yet."));
    parser.addHelpOption();
    const QCommandLineOption race(QStringLiteral("race"), QStringLiteral("Only this race's commentary."), QStringLiteral("id"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the result as JSON."));
    const QCommandLineOption timeout(QStringLiteral("timeout-seconds"), QStringLiteral("Wait at most this long (default 30)."),
                                     QStringLiteral("s"), QStringLiteral("30"));
    parser.addOptions({race, json, timeout});
    addAiOptions(parser);
    parser.addPositionalArgument(QStringLiteral("ask"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("question"), QStringLiteral("What to look for, in words."));
    parser.process(arguments);
    const QStringList words = parser.positionalArguments().mid(1);
    if (words.isEmpty() || words.join(QLatin1Char(' ')).trimmed().isEmpty()) {
        say(QStringLiteral("usage: pitwall ask \"comments about Hamilton\" [--race ID] [--json]"));
        return kUsage;
    }
    bool ok = false;
    const int timeoutS = parser.value(timeout).toInt(&ok);
    if (!ok || timeoutS < 1 || timeoutS > 600) {
        say(QStringLiteral("--timeout-seconds must be 1 to 600"));
        return kUsage;
    }

    auto services = startAiServices(readAiOptions(parser));
    if (!services) {
        say(services.error().message);
        return kFailed;
    }
    QSettings settings;
    auto store = secrets::openAppSecretStore(settings);
    auto kafka = setup::loadKafkaSelection(settings, *store).toConfig();
    if (!kafka) {
        say(kafka.error().message);
        return kFailed;
    }
    auto endpoint = KafkaEndpoint::prepare(kafka.value(), cloud::registrySchemas());
    if (!endpoint) {
        say(endpoint.error().message);
        return kFailed;
    }
    CommentaryQuery query{words.join(QLatin1Char(' ')), {}, parser.value(race)};
    const auto result = askWithOwnStages(endpoint.value()->clientConfig(), services.value(), query, timeoutS * 1000);
    if (!result) {
        say(result.error().message);
        return kFailed;
    }
    const auto &answer = result.value();
    if (parser.isSet(json)) {
        QJsonObject object{{"query", answer.query},
                           {"search_results", codec::searchResultsJson(answer.results)},
                           {"vector_store", services.value()->storeLabel()},
                           {"embedder", services.value()->embedderLabel()}};
        if (!answer.answer.isEmpty())
            object.insert(QStringLiteral("answer"), answer.answer);
        if (!answer.error.isEmpty())
            object.insert(QStringLiteral("error"), answer.error);
        std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
    } else {
        say(QStringLiteral("searched %1 with %2").arg(services.value()->storeLabel(), services.value()->embedderLabel()));
        int rank = 0;
        for (const auto &match : answer.results)
            std::printf("%d. %.3f  %s  [%s%s]\n", ++rank, match.score, qPrintable(match.message), qPrintable(match.raceId),
                        match.source.isEmpty() ? "" : qPrintable(QStringLiteral(", ") + match.source));
        if (!answer.answer.isEmpty())
            std::printf("\nAnswer (%s): %s\n", qPrintable(answer.answerSource), qPrintable(answer.answer));
        if (answer.results.isEmpty())
            say(answer.error.isEmpty() ? QStringLiteral("no matches") : answer.error);
    }
    std::fflush(stdout);
    return answer.results.isEmpty() ? kNoMatches : kOk;
}

} // namespace pitwall
