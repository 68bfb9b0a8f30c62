#pragma once
// Texts the window shows about a race and its setup, made from plain data: the results
// page's classification and the start page's setup card.

#include <QCoreApplication>
#include <QStringList>

namespace pitwall {

class AiServices;
class Grid;
class RaceViewStore;
struct KafkaSelection;
struct RaceSummary;

class RaceReports {
    Q_DECLARE_TR_FUNCTIONS(RaceReports)
public:
    // The results page: the classification, the followed driver's place, the fastest lap.
    static QString resultsHtml(const RaceSummary &summary, const Grid &grid, const RaceViewStore &store, const QString &raceName,
                               const QString &followed);
    // The setup card: which Kafka and AI services the next race uses; `offline` when
    // nothing leaves this machine. `ai` null: the races' own offline services.
    static QStringList setupLines(const KafkaSelection &kafka, const AiServices *ai, bool *offline);
};

} // namespace pitwall
