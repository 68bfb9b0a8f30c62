#include "MlCommands.h"
#include "core/PrintableText.h"

#include "ml/AnomalyScore.h"
#include "ml/ArimaStream.h"
#include "ml/CalendarSeasons.h"
#include "ml/SeriesCsv.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>
#include <cstdio>

namespace pitwall {

namespace {

QString number(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'g', 10) : QString();
}

constexpr size_t kIntervalRows = 100; // rows read ahead to find the sampling interval

int fail(const QString &message)
{
    std::fprintf(stderr, "pitwall: %s\n", qPrintable(printable(message)));
    return 1;
}

} // namespace

bool isMlCommand(const QString &word)
{
    return word == QLatin1String("detect-anomalies") || word == QLatin1String("forecast");
}

int runMlCommand(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        command == QLatin1String("forecast")
            ? QStringLiteral("Forecast a series with streaming ARIMA, like Confluent Flink's ML_FORECAST: for every input "
                             "row, the next H steps with their prediction interval (one output row per step).")
            : QStringLiteral("Find anomalies in a series with streaming ARIMA, like Confluent Flink's "
                             "ML_DETECT_ANOMALIES: one output row per input row."));
    parser.addHelpOption();
    const QCommandLineOption input(QStringLiteral("input"), QStringLiteral("CSV with a 'timestamp,value' header."),
                                   QStringLiteral("file"));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QStringLiteral("JSON object of ML_DETECT_ANOMALIES keys, e.g. "
                                                   "'{\"minTrainingSize\":16,\"confidencePercentage\":90}', or @file."),
                                    QStringLiteral("json"));
    const QCommandLineOption output(QStringLiteral("output"), QStringLiteral("Write the CSV here (default: stdout)."),
                                    QStringLiteral("file"));
    const QCommandLineOption horizon(QStringLiteral("horizon"), QStringLiteral("Steps to forecast (forecast only)."),
                                     QStringLiteral("H"));
    parser.addOptions({input, config, output, horizon});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("detect-anomalies or forecast"));
    parser.process(arguments);
    if (!parser.isSet(input))
        return fail(QStringLiteral("%1 needs --input FILE.csv (see --help)").arg(command));

    QByteArray configText = parser.value(config).toUtf8();
    if (configText.startsWith('@')) {
        QFile file(QString::fromUtf8(configText.mid(1)));
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read the config %1: %2").arg(file.fileName(), file.errorString()));
        configText = file.read(1024 * 1024);
    }
    auto settings = ml::DetectorConfig::fromJson(configText);
    if (!settings)
        return fail(settings.error().message);
    const bool forecasting = command == QLatin1String("forecast");
    if (forecasting) {
        bool ok = false;
        const int steps = parser.value(horizon).toInt(&ok);
        if (!parser.isSet(horizon) || !ok || steps < 1 || steps > 1000)
            return fail(QStringLiteral("forecast needs --horizon H, a whole number from 1 to 1000"));
        settings.value().arima.horizon = steps;
    }
    QFile in(parser.value(input));
    if (!in.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(in.fileName(), in.errorString()));

    QFile out;
    if (parser.isSet(output)) {
        out.setFileName(parser.value(output));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
            return fail(QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
    } else if (!out.open(stdout, QIODevice::WriteOnly | QIODevice::Text)) {
        return fail(QStringLiteral("cannot write to standard output"));
    }
    // Rows stream from input to output at the detector's speed; only the first few are
    // held, to read the sampling interval (the calendar's seasons) from their timestamps.
    ml::SeriesCsvReader reader(in);
    std::vector<ml::SeriesPoint> lookAhead;
    std::optional<Error> inputError;
    while (lookAhead.size() < kIntervalRows) {
        auto point = reader.next();
        if (!point) {
            inputError = point.error();
            break;
        }
        if (!*point)
            break;
        lookAhead.push_back(std::move(**point));
    }
    if (!settings.value().scoring.explicitSeasons) {
        QStringList timestamps;
        for (const auto &point : lookAhead)
            timestamps.push_back(point.timestamp);
        settings.value().scoring.seasonLags = ml::calendarSeasonLags(ml::samplingIntervalSeconds(timestamps));
    }

    QTextStream stream(&out);
    ml::ScoredDetector detector(settings.value());
    ml::ArimaStream forecaster(settings.value().arima);
    long long rows = 0, alerts = 0;
    const auto write = [&](const ml::SeriesPoint &point) {
        ++rows;
        if (!forecasting) {
            const auto scored = detector.detect(point.value);
            const auto &row = scored.detection;
            alerts += scored.alert;
            stream << ml::csvField(point.timestamp) << ',' << QString::number(point.value, 'g', 10) << ',' << number(row.forecast)
                   << ',' << number(row.lowerBound) << ',' << number(row.upperBound) << ','
                   << (row.isAnomaly ? (*row.isAnomaly ? "true" : "false") : "") << ','
                   << (scored.score ? QString::number(*scored.score, 'f', 4) : QString()) << ','
                   << (row.isAnomaly ? (scored.alert ? "true" : "false") : "") << '\n';
            return;
        }
        for (const auto &row : forecaster.forecast(point.value)) {
            stream << ml::csvField(point.timestamp) << ',' << QString::number(point.value, 'g', 10) << ',' << row.step << ','
                   << QString::number(row.forecast, 'g', 10) << ',' << QString::number(row.lowerBound, 'g', 10) << ','
                   << QString::number(row.upperBound, 'g', 10) << ',' << QString::number(row.rmse, 'g', 6) << ','
                   << QString::number(row.aic, 'g', 8) << '\n';
        }
    };
    stream << (forecasting ? "timestamp,value,step,forecast,lower_bound,upper_bound,rmse,aic\n"
                           : "timestamp,value,forecast,lower_bound,upper_bound,is_anomaly,anomaly_score,alert\n");
    for (const auto &point : lookAhead)
        write(point);
    lookAhead.clear();
    while (!inputError) {
        auto point = reader.next();
        if (!point)
            inputError = point.error();
        else if (!*point)
            break;
        else
            write(**point);
    }
    stream.flush();
    if (inputError)
        return fail(QStringLiteral("%1: %2").arg(in.fileName(), inputError->message));
    const auto &fitted = forecasting ? forecaster.model() : detector.stream().model();
    std::fprintf(
        stderr, "pitwall: %lld rows%s%s\n", rows,
        forecasting ? ""
                    : qPrintable(QStringLiteral(", %1 anomalies (alerts: episodes of rows scoring at least %2)")
                                     .arg(alerts)
                                     .arg(settings.value().scoring.threshold)),
        fitted
            ? qPrintable(
                  QStringLiteral(", last model ARIMA(%1,%2,%3)").arg(fitted->order().p).arg(fitted->order().d).arg(fitted->order().q))
            : ", too few rows for a model");
    return out.error() == QFileDevice::NoError ? 0 : fail(QStringLiteral("writing the output failed"));
}

} // namespace pitwall
