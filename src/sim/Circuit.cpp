#include "Circuit.h"

#include "core/JsonText.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <cmath>

namespace pitwall {

namespace {

const QString kResourceDir = QStringLiteral(":/circuits");

Error circuitError(const QString &id, const QString &what)
{
    return Error{QStringLiteral("circuit %1: %2").arg(id.isEmpty() ? QStringLiteral("?") : id, what)};
}

} // namespace

Expected<Circuit> Circuit::fromJson(QByteArrayView json)
{
    const auto parsed = parseJsonObject(json);
    if (!parsed)
        return Error{QStringLiteral("circuit: not a JSON object (%1)").arg(parsed.error())};
    const QJsonObject &root = parsed.value();
    Circuit circuit;
    circuit.id = root.value("id").toString();
    circuit.name = root.value("name").toString();
    circuit.grandPrix = root.value("grand_prix").toString();
    circuit.lengthM = root.value("length_m").toDouble();
    circuit.laps = root.value("laps").toInt();
    circuit.dragFactor = root.value("drag_factor").toDouble(1.0);
    circuit.ambientC = root.value("ambient_c").toDouble(25.0);
    const auto pit = root.value("pit_lane").toObject();
    circuit.pitEntryM = pit.value("entry_m").toDouble();
    circuit.pitExitM = pit.value("exit_m").toDouble();
    circuit.pitLossS = pit.value("loss_s").toDouble(20.0);
    const auto sectors = root.value("sectors_end_m").toArray();
    if (sectors.size() == 2) {
        circuit.sector1EndM = sectors.at(0).toDouble();
        circuit.sector2EndM = sectors.at(1).toDouble();
    }

    const auto &id = circuit.id;
    if (id.isEmpty() || circuit.name.isEmpty())
        return circuitError(id, QStringLiteral("needs an id and a name"));
    if (circuit.lengthM < 1000 || circuit.lengthM > 10000)
        return circuitError(id, QStringLiteral("length_m %1 is not a circuit's").arg(circuit.lengthM));
    if (circuit.laps < 1 || circuit.laps > 100)
        return circuitError(id, QStringLiteral("laps %1 out of range").arg(circuit.laps));
    if (!(circuit.sector1EndM > 0 && circuit.sector1EndM < circuit.sector2EndM && circuit.sector2EndM < circuit.lengthM))
        return circuitError(id, QStringLiteral("sectors_end_m must be two increasing distances inside the lap"));
    if (circuit.dragFactor < 0.5 || circuit.dragFactor > 1.5 || circuit.pitLossS < 10 || circuit.pitLossS > 40)
        return circuitError(id, QStringLiteral("drag_factor or pit_lane.loss_s out of range"));
    if (circuit.pitEntryM <= circuit.pitExitM || circuit.pitEntryM >= circuit.lengthM)
        return circuitError(id, QStringLiteral("pit lane entry must lie before the line, after its exit"));

    double previousEnd = 0;
    double totalTurn = 0;
    for (const auto &value : root.value("corners").toArray()) {
        const auto object = value.toObject();
        Corner corner{object.value("name").toString(), object.value("at").toDouble(), object.value("angle").toDouble(),
                      object.value("speed").toDouble(), object.value("radius").toDouble()};
        if (corner.apexM <= previousEnd || corner.apexM >= circuit.lengthM)
            return circuitError(id, QStringLiteral("corner '%1' at %2 m is out of order").arg(corner.name).arg(corner.apexM));
        if (std::abs(corner.angleDeg) < 5 || std::abs(corner.angleDeg) > 270 || corner.apexSpeedKph < 40 ||
            corner.apexSpeedKph > 360 || corner.radiusM < 0)
            return circuitError(id, QStringLiteral("corner '%1' has an impossible angle, speed or radius").arg(corner.name));
        previousEnd = corner.apexM;
        totalTurn += corner.angleDeg;
        circuit.corners.push_back(corner);
    }
    if (circuit.corners.size() < 4)
        return circuitError(id, QStringLiteral("needs at least 4 corners"));
    // A closed loop turns by +-360 degrees, a figure of eight (Suzuka) by 0.
    const double closure = std::min({std::abs(totalTurn - 360), std::abs(totalTurn + 360), std::abs(totalTurn)});
    if (closure > 45)
        return circuitError(id, QStringLiteral("corners turn by %1 degrees in all; a lap must close").arg(totalTurn));

    for (const auto &value : root.value("drs_zones").toArray()) {
        const auto object = value.toObject();
        DrsZone zone{object.value("detection_m").toDouble(), object.value("start_m").toDouble(), object.value("end_m").toDouble()};
        for (double at : {zone.detectionM, zone.startM, zone.endM}) {
            if (at < 0 || at >= circuit.lengthM)
                return circuitError(id, QStringLiteral("a DRS zone lies outside the lap"));
        }
        circuit.drsZones.push_back(zone);
    }
    return circuit;
}

QStringList Circuit::builtInIds()
{
    QStringList ids;
    for (const auto &file : QDir(kResourceDir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        ids << file.chopped(5);
    return ids;
}

Expected<Circuit> Circuit::builtIn(const QString &id)
{
    QFile file(QStringLiteral("%1/%2.json").arg(kResourceDir, id));
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("no circuit '%1' (known: %2)").arg(id, builtInIds().join(QLatin1String(", ")))};
    return fromJson(file.readAll());
}

double Circuit::wrap(double distanceM) const
{
    double wrapped = std::fmod(distanceM, lengthM);
    return wrapped < 0 ? wrapped + lengthM : wrapped;
}

int Circuit::sectorAt(double lapDistanceM) const
{
    if (lapDistanceM < sector1EndM)
        return 0;
    return lapDistanceM < sector2EndM ? 1 : 2;
}

bool Circuit::inPitLane(double lapDistanceM) const
{
    return lapDistanceM >= pitEntryM || lapDistanceM <= pitExitM;
}

} // namespace pitwall
