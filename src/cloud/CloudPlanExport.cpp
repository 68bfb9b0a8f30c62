#include "CloudPlanExport.h"

#include "FlinkStatementsClient.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pitwall::cloud {

namespace {

constexpr const char *kFormat = "pitwall-cloud-plan";
constexpr int kVersion = 1;
// Far above a real plan (about 20 statements of a few KB) and Flink's own 131072-character
// statement limit: a bigger document is not a plan.
constexpr qsizetype kMaxPlanBytes = 4 * 1024 * 1024;
constexpr qsizetype kMaxStatementChars = 131072;
constexpr int kMaxItems = 200;

QString literal(const QString &value)
{
    return QLatin1Char('\'') + QString(value).replace(QLatin1Char('\''), QLatin1String("''")) + QLatin1Char('\'');
}

// The REST auth_data field names (Confluent's) and their CREATE CONNECTION option keys (spec section 2.2).
QString sqlSecretKey(const QString &restName)
{
    static const QMap<QString, QString> keys{{QStringLiteral("API_KEY"), QStringLiteral("api-key")},
                                             {QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("aws-access-key")},
                                             {QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("aws-secret-key")},
                                             {QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("aws-session-token")},
                                             {QStringLiteral("USERNAME"), QStringLiteral("username")},
                                             {QStringLiteral("PASSWORD"), QStringLiteral("password")}};
    return keys.value(restName, restName.toLower().replace(QLatin1Char('_'), QLatin1Char('-')));
}

QString connectionSql(const PlannedConnection &connection)
{
    QStringList options{QStringLiteral("  'type' = %1").arg(literal(connection.type)),
                        QStringLiteral("  'endpoint' = %1").arg(literal(connection.endpoint))};
    for (auto it = connection.secrets.begin(); it != connection.secrets.end(); ++it)
        options << QStringLiteral("  %1 = %2").arg(literal(sqlSecretKey(it.key())), literal(secretPlaceholder(it.key())));
    return QStringLiteral("CREATE CONNECTION IF NOT EXISTS `%1` WITH (\n%2\n);").arg(connection.name, options.join(QStringLiteral(",\n")));
}

QString subject(const registry::TopicSchema &schema)
{
    return schema.topic + QStringLiteral("-value");
}

QString commented(const QString &text)
{
    QStringList lines;
    for (const auto &line : text.split(QLatin1Char('\n')))
        lines << QStringLiteral("-- ") + line;
    return lines.join(QLatin1Char('\n'));
}

bool validConnectionType(const QString &type)
{
    static const QStringList types{QStringLiteral("BEDROCK"), QStringLiteral("OPENAI"), QStringLiteral("MONGODB")};
    return types.contains(type);
}

} // namespace

QString secretPlaceholder(const QString &secretName)
{
    return QLatin1Char('<') + secretName + QLatin1Char('>');
}

QString planToSql(const CloudPlan &plan)
{
    QStringList out;
    out << QStringLiteral("-- Pit Wall's cloud plan, in deployment order. Run each statement on its own in a Confluent Cloud\n"
                          "-- Flink workspace (catalog = your environment, database = your Kafka cluster).");
    out << QStringLiteral("\n-- 1. Connections. Pit Wall makes them through the REST API so no secret is in a statement;\n"
                          "--    here every secret is a placeholder <NAME> to replace.");
    for (const auto &connection : plan.connections)
        out << connectionSql(connection);
    if (plan.connections.isEmpty())
        out << QStringLiteral("-- (none: no AI service is set up)");
    out << QStringLiteral("\n-- 2. Schema Registry subjects, registered before the tables so Flink and the app agree:");
    for (const auto &schema : plan.schemas)
        out << QStringLiteral("-- %1 (%2):\n%3").arg(subject(schema), schema.schemaType, commented(schema.schema));
    out << QStringLiteral("\n-- 3. Models and tables, then 4. the stages' statements.");
    for (const auto &statement : plan.statements)
        out << QStringLiteral("-- %1%2\n%3")
                   .arg(statement.name, statement.streaming ? QStringLiteral(" (streaming: stays RUNNING)") : QString(), statement.sql);
    if (!plan.localStages.isEmpty()) {
        out << QStringLiteral("\n-- Stages that stay on this machine:");
        for (auto it = plan.localStages.begin(); it != plan.localStages.end(); ++it)
            out << QStringLiteral("--   %1: %2").arg(it.key(), it.value());
    }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QJsonObject planToJson(const CloudPlan &plan)
{
    QJsonArray connections, schemas, statements;
    for (const auto &connection : plan.connections) {
        QJsonObject secrets;
        for (auto it = connection.secrets.begin(); it != connection.secrets.end(); ++it)
            secrets.insert(it.key(), secretPlaceholder(it.key()));
        connections.append(QJsonObject{{QStringLiteral("name"), connection.name},
                                       {QStringLiteral("type"), connection.type},
                                       {QStringLiteral("endpoint"), connection.endpoint},
                                       {QStringLiteral("secrets"), secrets}});
    }
    for (const auto &schema : plan.schemas)
        schemas.append(QJsonObject{{QStringLiteral("subject"), subject(schema)},
                                   {QStringLiteral("topic"), schema.topic},
                                   {QStringLiteral("schemaType"), schema.schemaType},
                                   {QStringLiteral("schema"), schema.schema}});
    for (const auto &statement : plan.statements)
        statements.append(QJsonObject{{QStringLiteral("name"), statement.name},
                                      {QStringLiteral("sql"), statement.sql},
                                      {QStringLiteral("streaming"), statement.streaming}});
    QJsonObject local;
    for (auto it = plan.localStages.begin(); it != plan.localStages.end(); ++it)
        local.insert(it.key(), it.value());
    return {{QStringLiteral("format"), QString::fromLatin1(kFormat)},
            {QStringLiteral("version"), kVersion},
            {QStringLiteral("connections"), connections},
            {QStringLiteral("schemas"), schemas},
            {QStringLiteral("statements"), statements},
            {QStringLiteral("cloudStages"), QJsonArray::fromStringList(plan.cloudStages)},
            {QStringLiteral("localStages"), local}};
}

Expected<CloudPlan> planFromJson(const QByteArray &json)
{
    auto refuse = [](const QString &why) {
        return Expected<CloudPlan>(Error{QStringLiteral("not a Pit Wall cloud plan: ") + why});
    };
    if (json.size() > kMaxPlanBytes)
        return refuse(QStringLiteral("larger than %1 bytes").arg(kMaxPlanBytes));
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject())
        return refuse(parseError.errorString());
    const auto root = document.object();
    if (root.value(QLatin1String("format")).toString() != QLatin1String(kFormat))
        return refuse(QStringLiteral("no \"format\": \"%1\"").arg(QLatin1String(kFormat)));
    if (root.value(QLatin1String("version")).toInt() != kVersion)
        return refuse(QStringLiteral("version %1 (this Pit Wall reads %2)").arg(root.value(QLatin1String("version")).toInt()).arg(kVersion));
    const auto connections = root.value(QLatin1String("connections")).toArray();
    const auto schemas = root.value(QLatin1String("schemas")).toArray();
    const auto statements = root.value(QLatin1String("statements")).toArray();
    if (connections.size() > kMaxItems || schemas.size() > kMaxItems || statements.size() > kMaxItems)
        return refuse(QStringLiteral("more than %1 items in a list").arg(kMaxItems));
    CloudPlan plan;
    for (const auto &value : connections) {
        const auto object = value.toObject();
        PlannedConnection connection{object.value(QLatin1String("name")).toString(), object.value(QLatin1String("type")).toString(),
                                     object.value(QLatin1String("endpoint")).toString(),
                                     object.value(QLatin1String("secrets")).toObject()};
        if (!FlinkStatementsClient::isValidName(connection.name) || !validConnectionType(connection.type))
            return refuse(QStringLiteral("connection \"%1\" of type \"%2\"").arg(connection.name.left(100), connection.type.left(20)));
        plan.connections.append(connection);
    }
    for (const auto &value : schemas) {
        const auto object = value.toObject();
        registry::TopicSchema schema{object.value(QLatin1String("topic")).toString(),
                                     object.value(QLatin1String("schemaType")).toString(),
                                     object.value(QLatin1String("schema")).toString()};
        if (schema.topic.isEmpty() || schema.topic.size() > 249 ||
            (schema.schemaType != QLatin1String("AVRO") && schema.schemaType != QLatin1String("JSON")))
            return refuse(QStringLiteral("schema of \"%1\"").arg(schema.topic.left(100)));
        plan.schemas.append(schema);
    }
    for (const auto &value : statements) {
        const auto object = value.toObject();
        PlannedStatement statement{object.value(QLatin1String("name")).toString(), object.value(QLatin1String("sql")).toString(),
                                   object.value(QLatin1String("streaming")).toBool()};
        if (!FlinkStatementsClient::isValidName(statement.name))
            return refuse(QStringLiteral("statement name \"%1\"").arg(statement.name.left(100)));
        if (statement.sql.trimmed().isEmpty() || statement.sql.size() > kMaxStatementChars)
            return refuse(QStringLiteral("statement \"%1\" is empty or over %2 characters").arg(statement.name).arg(kMaxStatementChars));
        plan.statements.append(statement);
    }
    for (const auto &stage : root.value(QLatin1String("cloudStages")).toArray())
        plan.cloudStages << stage.toString();
    const auto local = root.value(QLatin1String("localStages")).toObject();
    for (auto it = local.begin(); it != local.end(); ++it)
        plan.localStages.insert(it.key(), it.value().toString());
    return plan;
}

} // namespace pitwall::cloud
