// Report: the streaming ARIMA detector on the three NAB series in ../shared/data/nab —
// anomaly windows detected and false positives (detection events outside every
// window), per series, for a few confidence levels. Printed as a table at the end.
//
//   build/tests/bench/nab_report [path/to/shared/data/nab]

#include "ml/ArimaStream.h"
#include "ml/SeriesCsv.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <cstdio>

using namespace pitwall;

namespace {

QDateTime parseTime(const QString &text)
{
    auto time = QDateTime::fromString(text.left(19), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    time.setTimeZone(QTimeZone::utc());
    return time;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString folder = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(PITWALL_SHARED_DATA_DIR "/nab");
    QFile windowsFile(folder + QStringLiteral("/combined_windows.json"));
    if (!windowsFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "nab_report: cannot read %s\n", qPrintable(windowsFile.fileName()));
        return 1;
    }
    const auto windows = QJsonDocument::fromJson(windowsFile.readAll()).object();
    struct Row {
        QString series;
        QString variant;
        double confidence;
        int windows, detected, falsePositives, points;
    };
    std::vector<Row> rows;
    // Each series plain, and those with a daily season that fits twice in the window also
    // with enableStl (NYC taxi: 30-minute rows, m = 48; ambient temperature: hourly, m = 24).
    struct Run {
        const char *name;
        QString variant;
        QString extraConfig;
    };
    const std::vector<Run> runs{{"machine_temperature_system_failure", QStringLiteral("plain"), {}},
                                {"nyc_taxi", QStringLiteral("plain"), {}},
                                {"nyc_taxi", QStringLiteral("STL m=48"), QStringLiteral(R"(,"enableStl":true,"m":48)")},
                                {"ambient_temperature_system_failure", QStringLiteral("plain"), {}},
                                {"ambient_temperature_system_failure", QStringLiteral("STL m=24"), QStringLiteral(R"(,"enableStl":true,"m":24)")}};
    for (const auto &run : runs) {
        const char *name = run.name;
        const auto series = ml::readSeriesCsv(QStringLiteral("%1/%2.csv").arg(folder, QLatin1String(name)));
        if (!series) {
            std::fprintf(stderr, "nab_report: %s\n", qPrintable(series.error().message));
            return 1;
        }
        std::vector<std::pair<QDateTime, QDateTime>> spans;
        for (const auto &span : windows.value(QStringLiteral("realKnownCause/%1.csv").arg(QLatin1String(name))).toArray())
            spans.push_back({parseTime(span.toArray().at(0).toString()), parseTime(span.toArray().at(1).toString())});
        for (double confidence : {99.0, 99.9, 99.99}) {
            auto config = ml::ArimaConfig::fromJson(
                QStringLiteral(R"({"minTrainingSize":128,"maxTrainingSize":512,"confidencePercentage":%1%2})")
                    .arg(confidence).arg(run.extraConfig).toUtf8());
            ml::ArimaStream stream(config.value());
            std::vector<bool> hit(spans.size(), false);
            int falsePositives = 0;
            bool previousFlag = false;
            for (const auto &point : series.value()) {
                const bool flag = stream.detect(point.value).isAnomaly.value_or(false);
                if (flag && !previousFlag) { // one detection event per run of flags
                    const auto at = parseTime(point.timestamp);
                    bool inside = false;
                    for (size_t i = 0; i < spans.size(); ++i) {
                        if (at >= spans[i].first && at <= spans[i].second)
                            inside = hit[i] = true;
                    }
                    falsePositives += !inside;
                }
                previousFlag = flag;
            }
            rows.push_back({QString::fromLatin1(name), run.variant, confidence, int(spans.size()), int(std::count(hit.begin(), hit.end(), true)),
                            falsePositives, int(series.value().size())});
        }
    }
    std::printf("\n=== nab_report: streaming ARIMA (automatic order, window 512, 128 rows to train) ===\n");
    std::printf("%-38s %-9s %10s %8s %9s %16s %8s\n", "series", "model", "confidence", "windows", "detected",
                "false positives", "rows");
    for (const auto &row : rows)
        std::printf("%-38s %-9s %9.2f%% %8d %9d %16d %8d\n", qPrintable(row.series), qPrintable(row.variant), row.confidence,
                    row.windows, row.detected, row.falsePositives, row.points);
    return 0;
}
