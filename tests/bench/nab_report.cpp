// Report: the anomaly detector with the CLI's default settings (`pitwall detect-anomalies`
// with no --config) on the three NAB series in ../shared/data/nab, scored as the
// Numenta Anomaly Benchmark scores detectors (ml/NabScore: NAB v1.1, its three
// profiles, windows from combined_windows.json, 15 % probation, normalised between the
// null detector and a perfect one). A detection is an alert: the first row of an
// episode of flagged rows. Printed per file and in total, beside the published
// detectors' scores on the same three files.
//
//   build/tests/bench/nab_report [path/to/shared/data/nab] [config JSON, as the CLI's --config]
//   build/tests/bench/nab_report --corpus path/to/NAB [config JSON]
//       every series of a NAB checkout (its data/ folder and labels/combined_windows.json),
//       scored with the same defaults; a per-file table and the corpus total.
//   build/tests/bench/nab_report --corpus path/to/NAB --half tuning|heldout [config JSON]
//       one half of the corpus only: its files sorted by path, even indexes are the tuning
//       half, odd ones the held-out half. Changes are chosen on the tuning half; the
//       held-out half tells whether they hold on series they were not chosen on.
//   build/tests/bench/nab_report --corpus path/to/NAB --half heldout --published path/to/NAB/results
//       also the published detectors on the same files: each detector's own per-file raw
//       scores (results/<detector>/<detector>_<profile>_scores.csv, NAB's corpus-tuned
//       threshold) summed over the files scored here and normalised the same way.
//   build/tests/bench/nab_report --corpus path/to/NAB --half tuning [config JSON] --baseline [baseline JSON]
//       also the baseline settings (empty: the defaults) on the same files, and the paired
//       difference of the two standard totals with its 90 % interval by resampling files.
//       Over ten files or more the total's own 90 % interval is printed too: a half of the
//       corpus moves by several points with which files are in it.

#include "ml/AnomalyScore.h"
#include "ml/CalendarSeasons.h"
#include "ml/NabScore.h"
#include "ml/SeriesCsv.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <map>
#include <optional>

using namespace pitwall;

namespace {

// One published detector's raw NAB score per file ("realKnownCause/nyc_taxi.csv"), from
// NAB's <detector>_<profile>_scores.csv; empty when the file cannot be read.
std::map<QString, double> publishedRawScores(const QString &resultsDir, const QString &detector, const char *profile)
{
    std::map<QString, double> scores;
    QFile file(QStringLiteral("%1/%2/%2_%3_scores.csv").arg(resultsDir, detector, QLatin1String(profile)));
    if (!file.open(QIODevice::ReadOnly))
        return scores;
    // Columns: Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count; the last line is the totals.
    for (const QByteArray &line : file.read(1024 * 1024).split('\n')) {
        const auto cells = line.trimmed().split(',');
        bool ok = false;
        const double score = cells.size() >= 5 ? cells.at(4).toDouble(&ok) : 0;
        if (ok && cells.at(2).endsWith(".csv"))
            scores[QString::fromUtf8(cells.at(2))] = score;
    }
    return scores;
}

struct FileResult {
    QString key;
    QString name;
    int rows = 0;
    std::vector<ml::nab::Window> windows;
    std::vector<bool> alerts;
    std::vector<bool> baselineAlerts; // with --baseline only
};

// The detector's alerts, row by row, as the CLI raises them on this series.
std::vector<bool> alertsOf(ml::DetectorConfig settings, const std::vector<ml::SeriesPoint> &series, const QStringList &timestamps)
{
    // As the CLI does: the day and the week in rows, from the file's own timestamps.
    if (!settings.scoring.explicitSeasons)
        settings.scoring.seasonLags = ml::calendarSeasonLags(ml::samplingIntervalSeconds(timestamps.mid(0, 1000)));
    ml::ScoredDetector detector(settings);
    std::vector<bool> alerts;
    alerts.reserve(series.size());
    for (const auto &point : series)
        alerts.push_back(detector.detect(point.value).alert);
    return alerts;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList arguments = app.arguments().mid(1);
    const bool corpus = !arguments.isEmpty() && arguments.first() == QLatin1String("--corpus");
    if (corpus)
        arguments.removeFirst();
    // Which half of the corpus to score: -1 all, 0 tuning (even indexes), 1 held-out (odd).
    int half = -1;
    if (const auto at = arguments.indexOf(QLatin1String("--half")); at >= 0) {
        const QString which = arguments.value(at + 1);
        half = which == QLatin1String("tuning") ? 0 : which == QLatin1String("heldout") ? 1 : -2;
        if (!corpus || half == -2) {
            std::fprintf(stderr, "nab_report: --half tuning|heldout goes with --corpus\n");
            return 1;
        }
        arguments.remove(at, 2);
    }
    QString publishedDir;
    if (const auto at = arguments.indexOf(QLatin1String("--published")); at >= 0) {
        publishedDir = arguments.value(at + 1);
        if (!corpus || publishedDir.isEmpty()) {
            std::fprintf(stderr, "nab_report: --published path/to/NAB/results goes with --corpus\n");
            return 1;
        }
        arguments.remove(at, 2);
    }
    std::optional<QByteArray> baselineText;
    if (const auto at = arguments.indexOf(QLatin1String("--baseline")); at >= 0) {
        const bool given = at + 1 < arguments.size() && arguments.at(at + 1).startsWith(QLatin1Char('{'));
        baselineText = given ? arguments.at(at + 1).toLocal8Bit() : QByteArray();
        arguments.remove(at, given ? 2 : 1);
    }
    const auto baseline = ml::DetectorConfig::fromJson(baselineText.value_or(QByteArray()));
    if (!baseline) {
        std::fprintf(stderr, "nab_report: baseline: %s\n", qPrintable(baseline.error().message));
        return 1;
    }
    const QString folder = !arguments.isEmpty() ? arguments.value(0) : QStringLiteral(PITWALL_SHARED_DATA_DIR "/nab");
    const QByteArray configText = arguments.size() > 1 ? arguments.at(1).toLocal8Bit() : QByteArray();
    const auto config = ml::DetectorConfig::fromJson(configText);
    if (!config) {
        std::fprintf(stderr, "nab_report: %s\n", qPrintable(config.error().message));
        return 1;
    }
    QFile windowsFile(folder + (corpus ? QStringLiteral("/labels/combined_windows.json") : QStringLiteral("/combined_windows.json")));
    if (!windowsFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "nab_report: cannot read %s\n", qPrintable(windowsFile.fileName()));
        return 1;
    }
    const auto labels = QJsonDocument::fromJson(windowsFile.read(16 * 1024 * 1024)).object();
    std::vector<FileResult> files;
    qint64 detectNanoseconds = 0, detectRows = 0; // the detector's own time, reading and scoring left out
    // The shared folder holds three realKnownCause series side by side; a checkout, every labelled series under data/.
    QStringList keys = labels.keys();
    keys.sort(); // QJsonObject sorts its keys already; the split must not depend on that
    if (half >= 0) {
        QStringList halfKeys;
        for (qsizetype i = half; i < keys.size(); i += 2)
            halfKeys.push_back(keys.at(i));
        keys = halfKeys;
    }
    if (!corpus)
        keys = {QStringLiteral("realKnownCause/machine_temperature_system_failure.csv"), QStringLiteral("realKnownCause/nyc_taxi.csv"),
                QStringLiteral("realKnownCause/ambient_temperature_system_failure.csv")};
    for (const QString &key : keys) {
        const QString name = corpus ? key.chopped(4) : key.section(QLatin1Char('/'), 1).chopped(4);
        const auto series = ml::readSeriesCsv(corpus ? QStringLiteral("%1/data/%2").arg(folder, key)
                                                     : QStringLiteral("%1/%2.csv").arg(folder, name));
        if (!series) {
            std::fprintf(stderr, "nab_report: %s\n", qPrintable(series.error().message));
            return 1;
        }
        QStringList timestamps;
        std::vector<std::pair<QString, QString>> spans;
        for (const auto &point : series.value())
            timestamps.push_back(point.timestamp);
        for (const auto &span : labels.value(key).toArray())
            spans.push_back({span.toArray().at(0).toString(), span.toArray().at(1).toString()});
        QString error;
        FileResult file{key, name, int(series.value().size()), ml::nab::windowsByRow(timestamps, spans, &error), {}};
        if (file.windows.size() != spans.size()) {
            std::fprintf(stderr, "nab_report: %s: %s\n", qPrintable(name), qPrintable(error));
            return 1;
        }
        QElapsedTimer clock;
        clock.start();
        file.alerts = alertsOf(config.value(), series.value(), timestamps);
        detectNanoseconds += clock.nsecsElapsed();
        detectRows += qint64(series.value().size());
        if (baselineText)
            file.baselineAlerts = alertsOf(baseline.value(), series.value(), timestamps);
        files.push_back(std::move(file));
    }

    std::printf("\n=== nab_report: pitwall detect-anomalies, %s settings, scored as NAB v1.1%s ===\n",
                configText.isEmpty() ? "default" : configText.constData(),
                half == 0   ? ", tuning half (even indexes)"
                : half == 1 ? ", held-out half (odd indexes)"
                            : "");
    std::printf("%-56s %6s %8s %6s %6s | %9s %9s %9s\n", "file", "rows", "windows", "found", "FP", "standard", "low_FP", "low_FN");
    const auto profiles = ml::nab::profiles();
    std::vector<ml::nab::FileScore> totals(profiles.size());
    std::vector<ml::nab::FileScore> standardByFile, baselineByFile; // for the intervals
    for (const auto &file : files) {
        std::vector<double> scores;
        ml::nab::FileScore first;
        for (size_t p = 0; p < profiles.size(); ++p) {
            const auto score = ml::nab::scoreFile(file.alerts, file.windows, profiles[p]);
            scores.push_back(ml::nab::normalised(score, profiles[p]));
            totals[p] += score;
            if (p == 0)
                first = score;
        }
        standardByFile.push_back(first);
        if (baselineText)
            baselineByFile.push_back(ml::nab::scoreFile(file.baselineAlerts, file.windows, profiles[0]));
        std::printf("%-56s %6d %8d %6d %6d | %9.1f %9.1f %9.1f\n", qPrintable(file.name), file.rows, first.scoredWindows,
                    first.windowsFound, first.falsePositives, scores[0], scores[1], scores[2]);
    }
    const QString total = QStringLiteral("total (NAB-normalised over %1 files)").arg(files.size());
    std::printf("%-56s %6s %8d %6d %6d | %9.1f %9.1f %9.1f\n", qPrintable(total), "", totals[0].scoredWindows,
                totals[0].windowsFound, totals[0].falsePositives, ml::nab::normalised(totals[0], profiles[0]),
                ml::nab::normalised(totals[1], profiles[1]), ml::nab::normalised(totals[2], profiles[2]));
    if (files.size() >= 10) {
        const auto interval = ml::nab::bootstrapInterval(standardByFile, profiles[0]);
        std::printf("standard total's 90 %% interval, resampling the %zu files (2,000 draws): %.1f to %.1f\n", files.size(),
                    interval.low, interval.high);
    }
    if (baselineText) {
        ml::nab::FileScore baselineTotal;
        for (const auto &file : baselineByFile)
            baselineTotal += file;
        const double before = ml::nab::normalised(baselineTotal, profiles[0]);
        const double after = ml::nab::normalised(totals[0], profiles[0]);
        const auto gain = ml::nab::pairedBootstrapInterval(standardByFile, baselineByFile, profiles[0]);
        std::printf("baseline %s: %d found, %d FP, standard %.1f; these settings %+.1f (paired, 90 %% interval %+.1f to %+.1f)\n",
                    baselineText->isEmpty() ? "(the defaults)" : baselineText->constData(), baselineTotal.windowsFound,
                    baselineTotal.falsePositives, before, after - before, gain.low, gain.high);
    }
    if (!publishedDir.isEmpty()) {
        std::printf("published detectors on the same %zu files (NAB's own per-file raw scores, normalised as above), standard / low_FP / low_FN:\n",
                    files.size());
        // "null" (no detections) must print 0.0: a check that this file set's null and perfect are NAB's.
        for (const char *detector : {"ARTime", "numenta", "contextOSE", "htmjava", "knncad", "twitterADVec", "null"}) {
            std::printf("  %-14s", detector);
            for (size_t p = 0; p < profiles.size(); ++p) {
                const auto raw = publishedRawScores(publishedDir, QLatin1String(detector), profiles[p].name);
                double sum = 0;
                bool complete = true;
                for (const auto &file : files) {
                    const auto found = raw.find(file.key);
                    complete = complete && found != raw.end();
                    sum += found != raw.end() ? found->second : 0;
                }
                if (complete)
                    std::printf(" %9.1f", ml::nab::normalised(sum, totals[p].nullScore, totals[p].scoredWindows, profiles[p]));
                else
                    std::printf(" %9s", "n/a");
            }
            std::printf("\n");
        }
    }
    if (corpus && half < 0)
        std::printf("published, whole corpus (NAB results/final_results.json), standard / low_FP / low_FN: ARTime 74.9 / 65.2 / 80.4, "
                    "Numenta HTM 70.1 / 63.1 / 74.3, Twitter ADVec 47.1 / 33.6 / 53.5\n");
    else if (!corpus)
        std::printf("published, standard profile, re-scored on these 3 files: ARTime 86.3, Numenta HTM 63.8, Twitter ADVec 17.1\n");
    std::printf("detector cost on these real series: %.2f us per row (%lld rows)\n",
                detectRows > 0 ? double(detectNanoseconds) / 1000.0 / double(detectRows) : 0.0, detectRows);
    return 0;
}
