#include "McpTools.h"

#include "context/RaceContext.h"
#include "aiservices/AiServices.h"

#include <cmath>
#include <future>
#include <limits>

namespace pitwall {

namespace {

QJsonObject schema(const QJsonObject &properties, const QStringList &required = {})
{
    QJsonObject object{{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
    if (!required.isEmpty())
        object.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return object;
}

QJsonObject stringProperty(const QString &description)
{
    return {{"type", "string"}, {"minLength", 1}, {"maxLength", 100}, {"description", description}};
}

QJsonObject integerProperty(const QString &description, int minimum, int maximum)
{
    return {{"type", "integer"}, {"minimum", minimum}, {"maximum", maximum}, {"description", description}};
}

using Failure = McpTools::Failure;

// Arguments are checked against the schema's rules by hand: the types, the ranges, no extras.
std::optional<Failure> checkArguments(const QJsonObject &arguments, const QJsonObject &inputSchema)
{
    const auto properties = inputSchema.value(QLatin1String("properties")).toObject();
    for (auto it = arguments.begin(); it != arguments.end(); ++it) {
        if (!properties.contains(it.key()))
            return Failure{Failure::Kind::BadArguments, QStringLiteral("unknown argument '%1'").arg(it.key())};
        const auto rule = properties.value(it.key()).toObject();
        const QString type = rule.value(QLatin1String("type")).toString();
        const QJsonValue value = it.value();
        if (type == QLatin1String("string")) {
            if (!value.isString() || value.toString().trimmed().isEmpty() ||
                value.toString().size() > rule.value(QLatin1String("maxLength")).toInt(1000))
                return Failure{Failure::Kind::BadArguments, QStringLiteral("'%1' must be a non-empty string of at most %2 characters")
                                                                .arg(it.key())
                                                                .arg(rule.value(QLatin1String("maxLength")).toInt(1000))};
        } else if (type == QLatin1String("integer")) {
            const double number = value.toDouble(-1e300);
            if (!value.isDouble() || number != std::floor(number) || number < rule.value(QLatin1String("minimum")).toDouble() ||
                number > rule.value(QLatin1String("maximum")).toDouble())
                return Failure{Failure::Kind::BadArguments, QStringLiteral("'%1' must be a whole number from %2 to %3")
                                                                .arg(it.key())
                                                                .arg(rule.value(QLatin1String("minimum")).toDouble(), 0, 'f', 0)
                                                                .arg(rule.value(QLatin1String("maximum")).toDouble(), 0, 'f', 0)};
        } else if (type == QLatin1String("array")) {
            if (!value.isArray())
                return Failure{Failure::Kind::BadArguments, QStringLiteral("'%1' must be an array").arg(it.key())};
            for (const auto &item : value.toArray())
                if (!item.isString())
                    return Failure{Failure::Kind::BadArguments, QStringLiteral("'%1' must hold strings").arg(it.key())};
        }
    }
    for (const auto &required : inputSchema.value(QLatin1String("required")).toArray())
        if (!arguments.contains(required.toString()))
            return Failure{Failure::Kind::BadArguments, QStringLiteral("'%1' is required").arg(required.toString())};
    return std::nullopt;
}

} // namespace

McpTools::McpTools(std::shared_ptr<RaceContext> context, Search search)
    : m_context(std::move(context))
    , m_search(std::move(search))
    , m_definitions(toolDefinitions())
{
}

McpTools::Search McpTools::commentarySearch(std::shared_ptr<AiServices> ai, std::weak_ptr<RaceContext> context, int timeoutMs)
{
    return [ai = std::move(ai), context = std::move(context), timeoutMs](const QString &query, int k, SearchDone done) {
        const auto live = context.lock();
        ai->searchCommentary(query, k, live ? live->raceId() : QString(), timeoutMs,
                             [done = std::move(done)](Expected<std::vector<vector::VectorMatch>> found) {
                                 if (!found)
                                     return done(found.error());
                                 QJsonArray results;
                                 for (const auto &match : found.value())
                                     results.append(QJsonObject{{"message", match.line.message},
                                                                {"score", match.score},
                                                                {"race_id", match.line.raceId},
                                                                {"timestamp", match.line.timestampMs},
                                                                {"source", match.line.source}});
                                 done(results);
                             });
    };
}

QJsonArray McpTools::definitions() const
{
    return m_definitions;
}

QJsonArray McpTools::toolDefinitions()
{
    QJsonObject sinceMs = integerProperty(QStringLiteral("Only what happened at or after this race timestamp (ms since the epoch)"),
                                          0, std::numeric_limits<int>::max());
    sinceMs.insert(QStringLiteral("maximum"), 9007199254740991.0); // ms timestamps exceed 32 bits
    QJsonObject query = stringProperty(QStringLiteral("What to look for, in words"));
    query.insert(QStringLiteral("maxLength"), 500);
    return {
        QJsonObject{{"name", "get_leaderboard"},
                    {"description", "The live leaderboard: position, driver, team, gap to the leader, interval, lap, tyre and its age, pit stops."},
                    {"inputSchema", schema({})}},
        QJsonObject{{"name", "get_driver"},
                    {"description", "One driver now: standing, latest telemetry (speed, gear, throttle, brake, temperatures), last laps and pit stops."},
                    {"inputSchema",
                     schema({{"driver", stringProperty(QStringLiteral("Full name, surname or timing code, e.g. Norris or NOR"))},
                             {"laps", integerProperty(QStringLiteral("How many recent laps (default 5)"), 1, 100)}},
                            {QStringLiteral("driver")})}},
        QJsonObject{{"name", "get_gap"},
                    {"description", "The gap between two drivers in seconds (positive: driver_b is behind) and who was faster over their recent laps."},
                    {"inputSchema", schema({{"driver_a", stringProperty(QStringLiteral("The first driver"))},
                                            {"driver_b", stringProperty(QStringLiteral("The second driver"))},
                                            {"laps", integerProperty(QStringLiteral("Recent laps to compare (default 3)"), 1, 100)}},
                                           {QStringLiteral("driver_a"), QStringLiteral("driver_b")})}},
        QJsonObject{{"name", "list_anomalies"},
                    {"description", "Anomalies the ARIMA detectors found (newest first): driver (or team), metric, actual value, expected range, "
                                    "confidence in percent and source: f1-telemetry-anomalies (each car's temperatures) or "
                                    "f1-car-metrics-anomalies (the demo's engine temperature per team, no driver; confidence null when "
                                    "the row carries none)."},
                    {"inputSchema", schema({{"since", sinceMs},
                                            {"limit", integerProperty(QStringLiteral("At most this many (default 50)"), 1, 500)}})}},
        QJsonObject{{"name", "search_commentary"},
                    {"description", "The commentary lines closest in meaning to a query, with scores (1 is closest)."},
                    {"inputSchema", schema({{"query", query}, {"k", integerProperty(QStringLiteral("How many lines (default 5)"), 1, 20)}},
                                           {QStringLiteral("query")})}},
        QJsonObject{{"name", "get_race_events"},
                    {"description", "Race events (newest first): overtakes, pit stops, fastest laps, safety cars, retirements, start and finish."},
                    {"inputSchema", schema({{"since", sinceMs},
                                            {"kinds", QJsonObject{{"type", "array"},
                                                                  {"items", QJsonObject{{"type", "string"}}},
                                                                  {"description", "Only these kinds, e.g. [\"overtake\", \"pit_stop\"]"}}},
                                            {"limit", integerProperty(QStringLiteral("At most this many (default 50)"), 1, 500)}})}},
    };
}

std::optional<McpTools::Failure> McpTools::check(const QString &name, const QJsonObject &arguments) const
{
    QJsonObject inputSchema;
    for (const auto &definition : m_definitions)
        if (definition.toObject().value(QLatin1String("name")).toString() == name)
            inputSchema = definition.toObject().value(QLatin1String("inputSchema")).toObject();
    if (inputSchema.isEmpty())
        return Failure{Failure::Kind::UnknownTool, QStringLiteral("unknown tool '%1'").arg(name)};
    return checkArguments(arguments, inputSchema);
}

void McpTools::callAsync(const QString &name, const QJsonObject &arguments, std::function<void(Result)> done) const
{
    if (name != QLatin1String("search_commentary"))
        return done(call(name, arguments));
    if (auto wrong = check(name, arguments))
        return done(*wrong);
    m_search(arguments.value(QLatin1String("query")).toString(), arguments.value(QLatin1String("k")).toInt(5),
             [done = std::move(done)](Expected<QJsonArray> found) {
                 if (!found)
                     return done(Failure{Failure::Kind::ToolError, found.error().message});
                 done(QJsonObject{{"results", found.value()}});
             });
}

Expected<QJsonObject, McpTools::Failure> McpTools::call(const QString &name, const QJsonObject &arguments) const
{
    if (auto wrong = check(name, arguments))
        return *wrong;

    auto unknownDriver = [](const QString &driver) {
        return Failure{Failure::Kind::ToolError, QStringLiteral("no driver '%1' in this race").arg(driver)};
    };
    if (name == QLatin1String("get_leaderboard"))
        return QJsonObject{{"race_id", m_context->raceId()}, {"leaderboard", m_context->leaderboard()}};
    if (name == QLatin1String("get_driver")) {
        const QString driver = arguments.value(QLatin1String("driver")).toString();
        const auto found = m_context->driver(driver, arguments.value(QLatin1String("laps")).toInt(5));
        if (!found)
            return unknownDriver(driver);
        return *found;
    }
    if (name == QLatin1String("get_gap")) {
        const QString a = arguments.value(QLatin1String("driver_a")).toString();
        const QString b = arguments.value(QLatin1String("driver_b")).toString();
        const auto found = m_context->gap(a, b, arguments.value(QLatin1String("laps")).toInt(3));
        if (!found)
            return unknownDriver(m_context->resolveDriver(a) ? b : a);
        return *found;
    }
    const qint64 since = qint64(arguments.value(QLatin1String("since")).toDouble(0));
    const int limit = arguments.value(QLatin1String("limit")).toInt(50);
    if (name == QLatin1String("list_anomalies"))
        return QJsonObject{{"anomalies", m_context->anomaliesSince(since, limit)}};
    if (name == QLatin1String("get_race_events")) {
        QStringList kinds;
        for (const auto &kind : arguments.value(QLatin1String("kinds")).toArray())
            kinds << kind.toString();
        return QJsonObject{{"events", m_context->eventsSince(since, kinds, limit)}};
    }
    // search_commentary: the search answers within its own timeout; the wait here is only a
    // backstop for services that stopped before answering.
    auto promise = std::make_shared<std::promise<Result>>();
    auto answer = promise->get_future();
    callAsync(name, arguments, [promise](Result result) { promise->set_value(std::move(result)); });
    if (answer.wait_for(std::chrono::seconds(60)) != std::future_status::ready)
        return Failure{Failure::Kind::ToolError, QStringLiteral("the search did not answer")};
    return answer.get();
}

} // namespace pitwall
