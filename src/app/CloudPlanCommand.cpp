#include "CloudPlanCommand.h"

#include "cloud/CloudPlanExport.h"
#include "pipeline/PipelineDefinition.h"
#include "secrets/AppSecrets.h"
#include "setup/SavedCloudPlan.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QSettings>
#include <cstdio>

namespace pitwall {

namespace {

constexpr int kOk = 0;
constexpr int kUsage = 1;

void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
}

// The saved setup's AI services (none when nothing is saved: the AI stages then stay local
// and the plan says why).
cloud::CloudAiSettings savedAiSettings()
{
    QSettings settings;
    if (!secrets::hasSavedSetup(settings))
        return {};
    auto store = secrets::openAppSecretStore(settings);
    QStringList problems;
    const auto config = setup::SetupConfig::load(settings, *store, &problems);
    for (const auto &problem : problems)
        say(problem);
    return setup::cloudAiSettings(config);
}

} // namespace

bool isCloudCommand(const QString &word)
{
    return word == QLatin1String("cloud");
}

int runCloudCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "pitwall cloud plan [--sql|--json]: the whole plan Deploy runs in Confluent Cloud, in deployment order —\n"
        "connections, Schema Registry subjects, tables, models, statements — from the saved setup. SQL (the default)\n"
        "is ready to paste into a Confluent Cloud Flink workspace; JSON is what the deployer reads. Secrets are never\n"
        "printed: each is a placeholder <NAME>. Exit codes: 0 printed, 1 usage."));
    parser.addHelpOption();
    const QCommandLineOption sql(QStringLiteral("sql"), QStringLiteral("Print the plan as Flink SQL (the default)."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the plan as JSON."));
    parser.addOptions({sql, json});
    parser.addPositionalArgument(QStringLiteral("cloud"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("plan"), QStringLiteral("What to do: plan."));
    parser.process(arguments);
    const QStringList words = parser.positionalArguments();
    if (words.size() != 2 || words[1] != QLatin1String("plan") || (parser.isSet(sql) && parser.isSet(json))) {
        say(QStringLiteral("usage: pitwall cloud plan [--sql|--json]"));
        return kUsage;
    }
    const cloud::CloudPlan plan = cloud::makeCloudPlan(cloudStages(pipelineDefinition()), savedAiSettings());
    const QByteArray out = parser.isSet(json) ? QJsonDocument(cloud::planToJson(plan)).toJson(QJsonDocument::Indented)
                                              : cloud::planToSql(plan).toUtf8();
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fflush(stdout);
    return kOk;
}

} // namespace pitwall
