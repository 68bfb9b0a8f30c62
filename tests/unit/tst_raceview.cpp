// What the window keeps of a race: the view feed's decoding and filtering, the store's
// two telemetry tiers, standings and laps by race time, a replay jumping back, the
// race clock, and the feed's and anomaly list's rows.

#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "view/AnomalyListModel.h"
#include "view/DisplayNames.h"
#include "view/FeedModel.h"
#include "view/RaceClock.h"
#include "view/RaceViewStore.h"
#include "pipeline/RaceViewFeed.h"

#include <QSignalSpy>
#include <QtTest>

using namespace pitwall;

namespace {

constexpr qint64 kStart = 1'700'000'000'000;

TelemetrySample sample(const QString &driver, qint64 raceMs, double speed = 200)
{
    TelemetrySample s;
    s.raceId = QStringLiteral("race-1");
    s.driverName = driver;
    s.teamName = QStringLiteral("McLaren");
    s.timestampMs = kStart + raceMs;
    s.speedKph = speed;
    s.x = double(raceMs) / 100.0;
    s.gear = 7;
    s.tyre = QStringLiteral("MEDIUM");
    s.engineTemperatureC = 105.0;
    return s;
}

KafkaRecord record(const char *topic, QByteArray value, qint64 offset = 0)
{
    KafkaRecord r;
    r.topic = QString::fromLatin1(topic);
    r.offset = offset;
    r.timestampMs = 42;
    r.value = std::move(value);
    return r;
}

RaceEvent raceEvent(const QString &kind, qint64 raceMs, const QString &driver, int lap, QJsonObject details = {})
{
    return RaceEvent{QStringLiteral("race-1"), kStart + raceMs, kind, lap, driver, std::move(details)};
}

} // namespace

class TestRaceView : public QObject {
    Q_OBJECT

private slots:
    void feedDecodesFiltersAndCountsEachTopic()
    {
        RaceViewFeed feed(QStringLiteral("race-1"));
        auto other = sample(QStringLiteral("Lando Norris"), 100);
        other.raceId = QStringLiteral("race-2");
        TelemetryAnomaly anomaly{QStringLiteral("race-1"),
                                 QStringLiteral("Lando Norris"),
                                 QStringLiteral("McLaren"),
                                 QStringLiteral("engine_temperature"),
                                 kStart + 200,
                                 130,
                                 105,
                                 100,
                                 110,
                                 99,
                                 true};
        Commentary line{QStringLiteral("c1"), QStringLiteral("Norris takes the lead!"), kStart + 300, CommentaryType::Highlight};
        feed.ingest({record(topics::kCarTelemetry, codec::encode(sample(QStringLiteral("Lando Norris"), 100)), 1),
                     record(topics::kCarTelemetry, codec::encode(other), 2),
                     record(topics::kCarTelemetry, QByteArray("{\"driver_name\": 5}"), 3),
                     record(topics::kTelemetryAnomalies, codec::encode(anomaly), 4), record(topics::kCommentary, codec::encode(line), 5),
                     record(topics::kRaceEvents,
                            codec::encode(raceEvent(QStringLiteral("pit_stop"), 400, QStringLiteral("Lando Norris"), 3)), 6)});
        const auto counts = feed.counts();
        QCOMPARE(counts.accepted, quint64(4));
        QCOMPARE(counts.otherRaces, quint64(1));
        QCOMPARE(counts.rejected, quint64(1));
        QVERIFY(counts.lastRejection.contains(QLatin1String("f1-car-telemetry/0@3")));
        QCOMPARE(feed.handledFrom(QString::fromLatin1(topics::kCarTelemetry)), quint64(3));
        const auto batch = feed.take();
        QCOMPARE(batch.telemetry.size(), size_t(1));
        QCOMPARE(batch.anomalies.size(), 1);
        QCOMPARE(batch.commentary.size(), 1);
        QCOMPARE(batch.events.size(), 1);
        QCOMPARE(batch.producedAtMs.size(), size_t(4));
        QVERIFY(feed.take().isEmpty());
    }

    void feedBoundsTelemetryTheWindowDoesNotTake()
    {
        RaceViewFeed feed(QStringLiteral("race-1"));
        const QByteArray value = codec::encode(sample(QStringLiteral("Lando Norris"), 100));
        std::vector<KafkaRecord> batch;
        for (int i = 0; i < 1000; ++i)
            batch.push_back(record(topics::kCarTelemetry, value, i));
        for (size_t i = 0; i < RaceViewFeed::kMaxPendingTelemetry / 1000 + 1; ++i)
            feed.ingest(batch);
        QVERIFY(feed.counts().dropped > 0);
        QVERIFY(feed.take().telemetry.size() <= RaceViewFeed::kMaxPendingTelemetry);
    }

    void storeKeepsFullRateRecentlyAndOneHertzForTheWholeRace()
    {
        RaceViewStore store;
        store.reset(kStart);
        RaceViewBatch batch;
        const qint64 raceMs = 20 * 60 * 1000; // 20 minutes at 10 Hz
        for (qint64 t = 0; t <= raceMs; t += 100)
            batch.telemetry.push_back(sample(QStringLiteral("Lando Norris"), t, double(t % 300)));
        batch.producedAtMs.resize(batch.telemetry.size());
        store.add(batch);
        QCOMPARE(store.newestRaceMs(), raceMs);
        const auto recent = store.telemetry(QStringLiteral("Lando Norris"), raceMs - 10'000, raceMs);
        QCOMPARE(recent.size(), size_t(101)); // every sample of the last 10 s
        const auto early = store.telemetry(QStringLiteral("Lando Norris"), 60'000, 70'000);
        QCOMPARE(early.size(), size_t(11)); // one a second, long ago
        const size_t bound = size_t(RaceViewStore::kFullRateWindowMs / 100 + raceMs / 1000 + 2);
        QVERIFY2(store.telemetryPointCount() <= bound, qPrintable(QString::number(store.telemetryPointCount())));
        const auto at = store.telemetryAt(QStringLiteral("Lando Norris"), 123'456);
        QVERIFY(at);
        QCOMPARE(at->raceMs, qint64(123'000)); // the newest point at or before, from the 1 Hz tier
        QCOMPARE(store.telemetryAt(QStringLiteral("Lando Norris"), raceMs - 50)->raceMs, raceMs - 100);
        QVERIFY(!store.telemetryAt(QStringLiteral("Nobody"), 1000));
    }

    void replayJumpingBackReplacesWhatFollows()
    {
        RaceViewStore store;
        store.reset(kStart);
        RaceViewBatch batch;
        for (qint64 t = 0; t <= 10'000; t += 100)
            batch.telemetry.push_back(sample(QStringLiteral("Lando Norris"), t, 100));
        store.add(batch);
        RaceViewBatch again;
        again.telemetry.push_back(sample(QStringLiteral("Lando Norris"), 5'000, 250));
        store.add(again);
        const auto points = store.telemetry(QStringLiteral("Lando Norris"), 0, 20'000);
        QCOMPARE(points.back().raceMs, qint64(5'000));
        QCOMPARE(points.back().speedKph, 250.0f);
    }

    void standingsAndLapsAreKeptByRaceTime()
    {
        RaceViewStore store;
        store.reset(kStart);
        auto standing = [](qint64 raceMs, const QString &leader) {
            PositionUpdate first{leader, 1, kStart + raceMs};
            PositionUpdate second{QStringLiteral("Oscar Piastri"), 2, kStart + raceMs};
            second.gapToLeaderS = 1.5;
            return QVector<PositionUpdate>{first, second};
        };
        store.setStanding(standing(1'000, QStringLiteral("Lando Norris")));
        store.setStanding(standing(9'000, QStringLiteral("Max Verstappen")));
        QCOMPARE(store.standingAt(500).size(), 0);
        QCOMPARE(store.standingAt(4'000).first().driverName, QStringLiteral("Lando Norris"));
        QCOMPARE(store.standingAt(9'500).first().driverName, QStringLiteral("Max Verstappen"));

        QSignalSpy laps(&store, &RaceViewStore::lapsAdded);
        QSignalSpy events(&store, &RaceViewStore::eventsAdded);
        RaceViewBatch batch;
        batch.events << raceEvent(QStringLiteral("lap_completed"), 90'000, QStringLiteral("Oscar Piastri"), 1,
                                  {{"lap_time_ms", 90'000}, {"pit_lap", false}, {"neutralised", false}})
                     << raceEvent(QStringLiteral("overtake"), 95'000, QStringLiteral("Oscar Piastri"), 2,
                                  {{"passed", "Max Verstappen"}, {"position", 1}, {"drs", true}});
        store.add(batch);
        QCOMPARE(laps.count(), 1);
        QCOMPARE(events.count(), 1); // lap completions are laps, not events
        const auto &piastri = store.laps(QStringLiteral("Oscar Piastri"));
        QCOMPARE(piastri.size(), size_t(1));
        QCOMPARE(piastri.front().lapTimeMs, qint64(90'000));
        QCOMPARE(piastri.front().gapToLeaderS, 1.5);
        QCOMPARE(DisplayNames::raceEvent(store.events().front().event),
                 QStringLiteral("Oscar Piastri passes Max Verstappen for P1 with DRS"));
    }

    void clockFollowsTheLiveEdgeUntilHeld()
    {
        RaceClock clock;
        QSignalSpy moved(&clock, &RaceClock::moved);
        QSignalSpy live(&clock, &RaceClock::liveChanged);
        clock.setLiveEdge(10'000);
        QCOMPARE(clock.viewMs(), qint64(10'000));
        clock.seek(4'000);
        QVERIFY(!clock.isLive());
        QCOMPARE(live.count(), 1);
        clock.setLiveEdge(12'000);
        QCOMPARE(clock.viewMs(), qint64(4'000)); // held
        clock.seek(50'000);
        QCOMPARE(clock.viewMs(), qint64(12'000)); // not past what has arrived
        clock.goLive();
        QVERIFY(clock.isLive());
        QCOMPARE(clock.viewMs(), qint64(12'000));
        QCOMPARE(moved.count(), 4);
    }

    void feedAndAnomalyListShowNewestFirst()
    {
        RaceViewStore store;
        store.reset(kStart);
        FeedModel feed(store, Grid::builtIn());
        AnomalyListModel anomalies(store, Grid::builtIn());
        RaceViewBatch batch;
        batch.events << raceEvent(QStringLiteral("pit_stop"), 1'000, QStringLiteral("Lando Norris"), 3,
                                  {{"from", "MEDIUM"}, {"to", "HARD"}, {"stationary_ms", 2400}, {"stop", 1}})
                     << raceEvent(QStringLiteral("fault"), 1'500, QStringLiteral("Lando Norris"), 3) // ground truth: not shown
                     << raceEvent(QStringLiteral("fastest_lap"), 2'000, QStringLiteral("Oscar Piastri"), 4, {{"lap_time_ms", 81'345}});
        batch.commentary << Commentary{QStringLiteral("c1"), QStringLiteral("Piastri is flying!"), kStart + 2'500,
                                       CommentaryType::Highlight};
        batch.anomalies << AnomalyRow{TelemetryAnomaly{QStringLiteral("race-1"), QStringLiteral("Lando Norris"),
                                                       QStringLiteral("McLaren"), QStringLiteral("brake_temp_fl"), kStart + 1'200,
                                                       900, 600, 550, 650, 99, true}};
        store.add(batch);
        QCOMPARE(feed.rowCount(), 3);
        QCOMPARE(feed.line(0).text, QStringLiteral("Piastri is flying!"));
        QCOMPARE(feed.line(0).driver, QStringLiteral("Oscar Piastri"));
        QCOMPARE(feed.line(0).type, QStringLiteral("highlight"));
        QCOMPARE(feed.line(1).text, QStringLiteral("Lap 4 · Fastest lap: Oscar Piastri, 1:21.345"));
        QCOMPARE(feed.line(2).text, QStringLiteral("Lap 3 · Lando Norris pits: MEDIUM → HARD, 2.4 s stationary"));
        QCOMPARE(feed.line(2).source, QStringLiteral("race control"));
        QCOMPARE(anomalies.rowCount(), 1);
        QCOMPARE(anomalies.data(anomalies.index(0, AnomalyListModel::Driver), Qt::DisplayRole).toString(), QStringLiteral("NOR"));
        QCOMPARE(anomalies.data(anomalies.index(0, AnomalyListModel::Metric), Qt::DisplayRole).toString(),
                 QStringLiteral("Brake front left"));
        QCOMPARE(anomalies.data(anomalies.index(0, AnomalyListModel::Expected), Qt::DisplayRole).toString(),
                 QStringLiteral("550.0 – 650.0"));
        QCOMPARE(anomalies.record(0).raceMs, qint64(1'200));
        // Text from Kafka never renders as markup in a tooltip.
        RaceViewBatch hostile;
        hostile.anomalies << AnomalyRow{TelemetryAnomaly{QStringLiteral("race-1"), QStringLiteral("<img src=x>"),
                                                         QStringLiteral("<b>Team</b>"), QStringLiteral("oil_temperature"),
                                                         kStart + 1'300, 150, 120, 110, 130, 99, true}};
        hostile.commentary << Commentary{QStringLiteral("c2"), QStringLiteral("<h1>big</h1>"), kStart + 1'400, CommentaryType::Info};
        store.add(hostile);
        const QString tip = anomalies.data(anomalies.index(0, AnomalyListModel::Metric), Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QLatin1String("&lt;img src=x&gt;")) && !tip.contains(QLatin1String("<img")), qPrintable(tip));
        QVERIFY(feed.data(feed.index(0), Qt::ToolTipRole).toString().contains(QLatin1String("&lt;h1&gt;")));
        // A replay jumping back to 1.1 s: what came after goes, and comes back when replayed.
        store.rewindTo(1'100);
        QCOMPARE(feed.rowCount(), 1);
        QCOMPARE(feed.line(0).text, QStringLiteral("Lap 3 · Lando Norris pits: MEDIUM → HARD, 2.4 s stationary"));
        QCOMPARE(anomalies.rowCount(), 0);
        QCOMPARE(store.newestRaceMs(), qint64(0));
        store.reset(kStart);
        QCOMPARE(feed.rowCount(), 0);
        QCOMPARE(anomalies.rowCount(), 0);
    }

    void repeatedFlagsOfOneFaultAreOneEpisode()
    {
        RaceViewStore store;
        store.reset(kStart);
        AnomalyListModel list(store, Grid::builtIn());
        auto flag = [](qint64 raceMs, double actual, const char *metric = "brake_temp_fl", const char *driver = "Lando Norris") {
            return AnomalyRow{TelemetryAnomaly{QStringLiteral("race-1"), QString::fromLatin1(driver), QStringLiteral("McLaren"),
                                               QString::fromLatin1(metric), kStart + raceMs, actual, 600, 550, 650, 99.9, true}};
        };
        RaceViewBatch first;
        first.anomalies << flag(10'000, 700) << flag(10'250, 900) << flag(10'500, 800);
        store.add(first);
        QCOMPARE(list.rowCount(), 1); // three flags of one overheat: one line
        QCOMPARE(list.episode(0).readings, 3);
        QCOMPARE(list.record(0).anomaly.actual, 900.0); // the peak: furthest outside the band
        QCOMPARE(list.data(list.index(0, AnomalyListModel::Time), Qt::DisplayRole).toString(), QStringLiteral("00:10"));
        QCOMPARE(list.data(list.index(0, AnomalyListModel::Actual), Qt::DisplayRole).toString(), QStringLiteral("900.0"));

        // The same fault still flagging 4 s later grows the line (and says so) rather than adding one.
        QSignalSpy changed(&list, &QAbstractItemModel::dataChanged);
        RaceViewBatch later;
        later.anomalies << flag(14'400, 750);
        store.add(later);
        QCOMPARE(list.rowCount(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(list.data(list.index(0, AnomalyListModel::End), Qt::DisplayRole).toString(), QStringLiteral("00:14"));

        // After a quiet spell longer than the gap, another metric, another car: new lines, newest on top.
        RaceViewBatch more;
        more.anomalies << flag(14'500, 140, "oil_temperature") << flag(14'600, 700, "brake_temp_fl", "Oscar Piastri")
                       << flag(14'400 + AnomalyEpisodes::kQuietGapMs + 1, 720);
        store.add(more);
        QCOMPARE(list.rowCount(), 4);
        QCOMPARE(list.record(0).raceMs, 14'400 + AnomalyEpisodes::kQuietGapMs + 1);
        QCOMPARE(list.episode(0).readings, 1);
        QCOMPARE(list.data(list.index(0, AnomalyListModel::End), Qt::DisplayRole).toString(), QString());
        QCOMPARE(list.episode(3).readings, 4);
        // A clear rebuilds the same lines from the store's rows.
        AnomalyListModel rebuilt(store, Grid::builtIn());
        QCOMPARE(rebuilt.rowCount(), 4);
        QCOMPARE(rebuilt.episode(3).readings, 4);
    }

    void theDemosEngineAnomaliesAreListedWithTheirStage()
    {
        // f1-car-metrics-anomalies: per team, keyed by the race; the view reads it beside the telemetry anomalies.
        RaceViewFeed feed(QStringLiteral("race-1"));
        const EngineAnomaly ours{
            QStringLiteral("race-1"), kStart + 3'000, QStringLiteral("McLaren"), 131.4, true, 104.0, 101.0, 107.0, 99.73};
        EngineAnomaly theirs = ours;
        theirs.key = QStringLiteral("race-2");
        EngineAnomaly demoRow{QStringLiteral("race-1"), kStart + 60'000, QStringLiteral("Ferrari"), 128.0, true, {}, {}, {}, {}};
        QVERIFY(RaceViewFeed::topics().contains(QString::fromLatin1(topics::kCarMetricsAnomalies)));
        feed.ingest({record(topics::kCarMetricsAnomalies, codec::encode(ours), 1),
                     record(topics::kCarMetricsAnomalies, codec::encode(theirs), 2),
                     record(topics::kCarMetricsAnomalies, codec::encode(demoRow), 3)});
        QCOMPARE(feed.counts().accepted, quint64(2));
        QCOMPARE(feed.counts().otherRaces, quint64(1));
        RaceViewStore store;
        store.reset(kStart);
        AnomalyListModel list(store, Grid::builtIn());
        store.add(feed.take());
        QCOMPARE(list.rowCount(), 2);
        // Newest first: the demo's own row, which carries no band and no confidence.
        QCOMPARE(list.data(list.index(0, AnomalyListModel::Driver), Qt::DisplayRole).toString(), QStringLiteral("Ferrari"));
        QCOMPARE(list.data(list.index(0, AnomalyListModel::Confidence), Qt::DisplayRole).toString(), QStringLiteral("–"));
        QCOMPARE(list.data(list.index(0, AnomalyListModel::Expected), Qt::DisplayRole).toString(), QStringLiteral("? – ?"));
        QCOMPARE(list.data(list.index(1, AnomalyListModel::Driver), Qt::DisplayRole).toString(), QStringLiteral("McLaren"));
        QCOMPARE(list.data(list.index(1, AnomalyListModel::Metric), Qt::DisplayRole).toString(),
                 DisplayNames::metric(QStringLiteral("engine_temperature")));
        QCOMPARE(list.data(list.index(1, AnomalyListModel::Actual), Qt::DisplayRole).toString(), QStringLiteral("131.4"));
        QCOMPARE(list.data(list.index(1, AnomalyListModel::Expected), Qt::DisplayRole).toString(), QStringLiteral("101.0 – 107.0"));
        // The detector's own confidence, below 100 %, to the precision that tells rows apart.
        QCOMPARE(list.data(list.index(1, AnomalyListModel::Confidence), Qt::DisplayRole).toString(), QStringLiteral("99.73 %"));
        QCOMPARE(list.data(list.index(1, AnomalyListModel::Stage), Qt::DisplayRole).toString(), QStringLiteral("engine-anomalies"));
        QVERIFY(list.data(list.index(1, AnomalyListModel::Metric), Qt::ToolTipRole).toString().contains(QLatin1String("f1-car-metrics-anomalies")));
        QVERIFY(list.data(list.index(1, AnomalyListModel::Driver), Qt::DecorationRole).canConvert<QColor>());
        QCOMPARE(list.record(1).source, AnomalySource::Engine);
        // The telemetry detector's rows name their own stage.
        RaceViewBatch telemetry;
        telemetry.anomalies << AnomalyRow{TelemetryAnomaly{QStringLiteral("race-1"), QStringLiteral("Lando Norris"),
                                                           QStringLiteral("McLaren"), QStringLiteral("engine_temperature"),
                                                           kStart + 3'000, 131.4, 104, 101, 107, 99.5, true}};
        store.add(telemetry);
        QCOMPARE(list.rowCount(), 3); // the same metric of the same team, but another stage: its own line
        QCOMPARE(list.data(list.index(0, AnomalyListModel::Stage), Qt::DisplayRole).toString(), QStringLiteral("telemetry-anomalies"));
    }

    void timesReadLikeATimingScreen()
    {
        QCOMPARE(DisplayNames::raceTime(83'000), QStringLiteral("01:23"));
        QCOMPARE(DisplayNames::raceTime(3'723'000), QStringLiteral("1:02:03"));
        QCOMPARE(DisplayNames::lapTime(81'045), QStringLiteral("1:21.045"));
    }
};

QTEST_MAIN(TestRaceView)
#include "tst_raceview.moc"
