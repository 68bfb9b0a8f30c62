#include "RaceRecord.h"

#include <QJsonArray>

namespace pitwall {

QJsonObject RaceRecord::toJson() const
{
    return QJsonObject{{"id", id},
                       {"name", name},
                       {"circuit", circuit},
                       {"started_at", startedAtMs},
                       {"laps", laps},
                       {"seed", QString::number(seed)}, // 64-bit: a string survives JSON doubles
                       {"followed_driver", followedDriver},
                       {"drivers", QJsonArray::fromStringList(drivers)},
                       {"options", options},
                       {"state", state},
                       {"result", result},
                       {"duration_ms", durationMs},
                       {"message_count", messageCount},
                       {"stored_bytes", storedBytes}};
}

RaceRecord RaceRecord::fromJson(const QJsonObject &object)
{
    RaceRecord race;
    race.id = object.value("id").toString();
    race.name = object.value("name").toString();
    race.circuit = object.value("circuit").toString();
    race.startedAtMs = object.value("started_at").toInteger();
    race.laps = object.value("laps").toInt();
    race.seed = object.value("seed").toString().toULongLong();
    race.followedDriver = object.value("followed_driver").toString();
    for (const auto &driver : object.value("drivers").toArray())
        race.drivers << driver.toString();
    race.options = object.value("options").toObject();
    race.state = object.value("state").toString();
    race.result = object.value("result").toObject();
    race.durationMs = object.value("duration_ms").toInteger();
    race.messageCount = object.value("message_count").toInteger();
    race.storedBytes = object.value("stored_bytes").toInteger();
    return race;
}

} // namespace pitwall
