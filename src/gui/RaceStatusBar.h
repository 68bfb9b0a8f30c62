#pragma once
// The status bar's race gauges: the Kafka address, the F1 game's receiver, the lap
// progress and the message counters.

#include <QObject>

class QJsonObject;
class QLabel;
class QProgressBar;
class QStatusBar;

namespace pitwall {

struct SessionStats;

class RaceStatusBar : public QObject {
    Q_OBJECT
public:
    explicit RaceStatusBar(QStatusBar &bar);

    void setKafkaText(const QString &text);
    QString kafkaText() const;
    void showStats(const SessionStats &stats);
    void setLaps(int laps); // 0: unknown
    void setLap(int lap);   // clamped to the laps
    // The F1 game's receiver status (`where`: the address to type into the game); hidden when empty.
    void showGame(const QJsonObject &status, const QString &where);
    void hideGame();

private:
    QLabel *m_kafka;
    QLabel *m_game;
    QProgressBar *m_lapProgress;
    QLabel *m_counts;
    QLabel *m_lag;
    QLabel *m_errors;
};

} // namespace pitwall
