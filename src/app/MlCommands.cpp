#include "MlCommands.h"
#include "core/PrintableText.h"

#include "ml/ArimaStream.h"
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
    auto settings = ml::ArimaConfig::fromJson(configText);
    if (!settings)
        return fail(settings.error().message);
    if (command == QLatin1String("forecast")) {
        bool ok = false;
        const int steps = parser.value(horizon).toInt(&ok);
        if (!parser.isSet(horizon) || !ok || steps < 1 || steps > 1000)
            return fail(QStringLiteral("forecast needs --horizon H, a whole number from 1 to 1000"));
        settings.value().horizon = steps;
    }
    const auto series = ml::readSeriesCsv(parser.value(input));
    if (!series)
        return fail(series.error().message);

    QFile out;
    if (parser.isSet(output)) {
        out.setFileName(parser.value(output));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
            return fail(QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
    } else if (!out.open(stdout, QIODevice::WriteOnly | QIODevice::Text)) {
        return fail(QStringLiteral("cannot write to standard output"));
    }
    QTextStream stream(&out);
    ml::ArimaStream model(settings.value());
    int anomalies = 0;
    if (command == QLatin1String("detect-anomalies")) {
        stream << "timestamp,value,forecast,lower_bound,upper_bound,is_anomaly\n";
        for (const auto &point : series.value()) {
            const auto row = model.detect(point.value);
            anomalies += row.isAnomaly.value_or(false);
            stream << ml::csvField(point.timestamp) << ',' << QString::number(point.value, 'g', 10) << ','
                   << number(row.forecast) << ',' << number(row.lowerBound) << ',' << number(row.upperBound) << ','
                   << (row.isAnomaly ? (*row.isAnomaly ? "true" : "false") : "") << '\n';
        }
    } else {
        stream << "timestamp,value,step,forecast,lower_bound,upper_bound,rmse,aic\n";
        for (const auto &point : series.value()) {
            for (const auto &row : model.forecast(point.value)) {
                stream << ml::csvField(point.timestamp) << ',' << QString::number(point.value, 'g', 10) << ','
                       << row.step << ',' << QString::number(row.forecast, 'g', 10) << ','
                       << QString::number(row.lowerBound, 'g', 10) << ',' << QString::number(row.upperBound, 'g', 10)
                       << ',' << QString::number(row.rmse, 'g', 6) << ',' << QString::number(row.aic, 'g', 8) << '\n';
            }
        }
    }
    stream.flush();
    const auto &fitted = model.model();
    std::fprintf(stderr, "pitwall: %zu rows%s%s\n", series.value().size(),
                 command == QLatin1String("detect-anomalies") ? qPrintable(QStringLiteral(", %1 anomalies").arg(anomalies)) : "",
                 fitted ? qPrintable(QStringLiteral(", last model ARIMA(%1,%2,%3)")
                                         .arg(fitted->order().p).arg(fitted->order().d).arg(fitted->order().q))
                        : ", too few rows for a model");
    return out.error() == QFileDevice::NoError ? 0 : fail(QStringLiteral("writing the output failed"));
}

} // namespace pitwall
