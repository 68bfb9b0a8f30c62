#pragma once
// What the library knows about one race, besides its messages.

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace pitwall {

struct RaceRecord {
    QString id;   // the race id its messages carry
    QString name; // shown in the library; the user may rename it
    QString circuit;
    qint64 startedAtMs = 0; // epoch ms
    int laps = 0;
    quint64 seed = 0;
    QString followedDriver;
    QStringList drivers;
    QJsonObject options;   // what it was run with (speed, telemetry rate, faults...)
    QString state;         // recording, finished, stopped, imported, interrupted (its recorder was killed)
    QJsonObject result;    // classification, leader's lap...
    qint64 durationMs = 0; // race time recorded
    qint64 messageCount = 0;
    qint64 storedBytes = 0;

    QJsonObject toJson() const;
    static RaceRecord fromJson(const QJsonObject &object);
};

} // namespace pitwall
