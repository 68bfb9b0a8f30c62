#pragma once
// The line above the leaderboard: the race's name and laps, and where the race is
// (starting, lap n of m live, stopping, finished with its result).

#include <QObject>
#include <QString>

class QLabel;

namespace pitwall {

class RaceSession;
struct RaceSummary;
struct SessionStats;

class RaceTitle : public QObject {
    Q_OBJECT
public:
    RaceTitle(QLabel &label, QObject *parent = nullptr);

    // A new session: its name (the circuit's Grand Prix, a replay of it, the F1 game) and laps
    // (the window says "Starting a race…" meanwhile).
    void starting(const RaceSession &session);
    QString name() const { return m_name; }
    void setName(const QString &name) { m_name = name; } // a real race's own
    int laps() const { return m_laps; }
    void setLaps(int laps) { m_laps = laps; } // the F1 game says it once the session runs

    void showRunning(const RaceSession &session);
    void showStopping(const QString &raceId);
    void showFinished(const RaceSession &session, const SessionStats &stats, const RaceSummary &summary);

private:
    QLabel &m_label;
    QString m_name;
    int m_laps = 0;
};

} // namespace pitwall
