#pragma once
// What the commentary agent knows about the race, from the pipeline's own topics: each
// driver's position, gap, tyre and stops, who leads, the lap, who is out, and the
// positions each driver held lately. Lines are written from it and checked against it.

#include "core/Messages.h"

#include <QHash>
#include <QString>
#include <deque>
#include <optional>
#include <vector>

namespace pitwall::ai {

struct DriverFacts {
    QString name;
    QString team;
    int position = 0;
    std::optional<double> gapToLeaderS;
    std::optional<double> intervalS;
    std::optional<QString> tyre;
    int pitStops = 0;
    int lap = 0;
    bool retired = false;
    std::deque<std::pair<qint64, int>> recentPositions; // (race ms, position), last minute
};

class RaceFacts {
public:
    void apply(const CommentaryInput &input);
    void apply(const RaceEvent &event);

    const DriverFacts *driver(const QString &name) const;
    // A driver's full name from how a line may write it: full name or surname.
    std::optional<QString> resolveName(const QString &word) const;
    QString leader() const { return m_leader; }
    int leaderLap() const { return m_leaderLap; }
    int totalLaps() const { return m_totalLaps; }
    qint64 latestMs() const { return m_latestMs; }
    QStringList runningOrder() const; // by position, retired cars left out
    // Every position the driver held in the last minute of race time (and holds now).
    std::vector<int> positionsHeldLately(const QString &name) const;
    bool safetyCarOut() const { return m_safetyCar; }

    // A compact text of the state for a prompt: lap, top 10 with gaps and tyres.
    QString summary(int top = 10) const;

    static QString surname(const QString &fullName);

private:
    DriverFacts &entry(const QString &name);

    QHash<QString, DriverFacts> m_drivers;
    QHash<QString, QString> m_bySurname; // lower-case surname -> full name
    QString m_leader;
    int m_leaderLap = 0;
    int m_totalLaps = 0;
    qint64 m_latestMs = 0;
    bool m_safetyCar = false;
};

} // namespace pitwall::ai
