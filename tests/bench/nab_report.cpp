// Report: the anomaly detector with the CLI's default settings (`pitwall detect-anomalies`
// with no --config) on the three NAB series in ../shared/data/nab, scored as the
// Numenta Anomaly Benchmark scores detectors (ml/NabScore: NAB v1.1, its three
// profiles, windows from combined_windows.json, 15 % probation, normalised between the
// null detector and a perfect one). A detection is an alert: the first row of an
// episode of flagged rows. Printed per file and in total, beside the published
// detectors' scores on the same three files.
//
//   build/tests/bench/nab_report [path/to/shared/data/nab] [config JSON, as the CLI's --config]

#include "ml/AnomalyScore.h"
#include "ml/CalendarSeasons.h"
#include "ml/NabScore.h"
#include "ml/SeriesCsv.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

using namespace pitwall;

namespace {

struct FileResult {
    QString name;
    int rows = 0;
    std::vector<ml::nab::Window> windows;
    std::vector<bool> alerts;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString folder = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(PITWALL_SHARED_DATA_DIR "/nab");
    const QByteArray configText = argc > 2 ? QByteArray(argv[2]) : QByteArray();
    const auto config = ml::DetectorConfig::fromJson(configText);
    if (!config) {
        std::fprintf(stderr, "nab_report: %s\n", qPrintable(config.error().message));
        return 1;
    }
    QFile windowsFile(folder + QStringLiteral("/combined_windows.json"));
    if (!windowsFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "nab_report: cannot read %s\n", qPrintable(windowsFile.fileName()));
        return 1;
    }
    const auto labels = QJsonDocument::fromJson(windowsFile.read(16 * 1024 * 1024)).object();
    std::vector<FileResult> files;
    for (const char *name : {"machine_temperature_system_failure", "nyc_taxi", "ambient_temperature_system_failure"}) {
        const auto series = ml::readSeriesCsv(QStringLiteral("%1/%2.csv").arg(folder, QLatin1String(name)));
        if (!series) {
            std::fprintf(stderr, "nab_report: %s\n", qPrintable(series.error().message));
            return 1;
        }
        QStringList timestamps;
        std::vector<std::pair<QString, QString>> spans;
        for (const auto &point : series.value())
            timestamps.push_back(point.timestamp);
        for (const auto &span : labels.value(QStringLiteral("realKnownCause/%1.csv").arg(QLatin1String(name))).toArray())
            spans.push_back({span.toArray().at(0).toString(), span.toArray().at(1).toString()});
        QString error;
        FileResult file{QString::fromLatin1(name), int(series.value().size()), ml::nab::windowsByRow(timestamps, spans, &error), {}};
        if (file.windows.size() != spans.size()) {
            std::fprintf(stderr, "nab_report: %s: %s\n", name, qPrintable(error));
            return 1;
        }
        // As the CLI does: the day and the week in rows, from the file's own timestamps.
        auto settings = config.value();
        if (!settings.scoring.explicitSeasons)
            settings.scoring.seasonLags = ml::calendarSeasonLags(ml::samplingIntervalSeconds(timestamps.mid(0, 1000)));
        ml::ScoredDetector detector(settings);
        for (const auto &point : series.value())
            file.alerts.push_back(detector.detect(point.value).alert);
        files.push_back(std::move(file));
    }

    std::printf("\n=== nab_report: pitwall detect-anomalies, %s settings, scored as NAB v1.1 ===\n",
                configText.isEmpty() ? "default" : configText.constData());
    std::printf("%-36s %6s %8s %6s %6s | %9s %9s %9s\n", "file", "rows", "windows", "found", "FP", "standard",
                "low_FP", "low_FN");
    const auto profiles = ml::nab::profiles();
    std::vector<ml::nab::FileScore> totals(profiles.size());
    for (const auto &file : files) {
        std::vector<double> scores;
        ml::nab::FileScore first;
        for (size_t p = 0; p < profiles.size(); ++p) {
            const auto score = ml::nab::scoreFile(file.alerts, file.windows, profiles[p]);
            scores.push_back(ml::nab::normalised(score.raw, score.nullScore, score.scoredWindows, profiles[p]));
            totals[p].raw += score.raw;
            totals[p].nullScore += score.nullScore;
            totals[p].scoredWindows += score.scoredWindows;
            totals[p].windowsFound += score.windowsFound;
            totals[p].falsePositives += score.falsePositives;
            if (p == 0)
                first = score;
        }
        std::printf("%-36s %6d %8d %6d %6d | %9.1f %9.1f %9.1f\n", qPrintable(file.name), file.rows, first.scoredWindows,
                    first.windowsFound, first.falsePositives, scores[0], scores[1], scores[2]);
    }
    std::printf("%-36s %6s %8d %6d %6d | %9.1f %9.1f %9.1f\n", "total (NAB-normalised over the 3 files)", "",
                totals[0].scoredWindows, totals[0].windowsFound, totals[0].falsePositives,
                ml::nab::normalised(totals[0].raw, totals[0].nullScore, totals[0].scoredWindows, profiles[0]),
                ml::nab::normalised(totals[1].raw, totals[1].nullScore, totals[1].scoredWindows, profiles[1]),
                ml::nab::normalised(totals[2].raw, totals[2].nullScore, totals[2].scoredWindows, profiles[2]));
    std::printf("published, standard profile, re-scored on these 3 files: ARTime 86.3, Numenta HTM 63.8, Twitter ADVec 17.1\n");
    return 0;
}
