#include "RaceLook.h"

#include "realrace/RealRaceBuilder.h"
#include "storage/RaceRecord.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pitwall {

RaceLook RaceLook::of(const RaceRecord *race)
{
    RaceLook look;
    if (!race)
        return look;
    look.real = race->options.value(QStringLiteral("real")).toBool();
    look.lacksCarData = look.real && !race->options.value(QLatin1String(realrace::kHasCarDataOption)).toBool();
    const auto gridJson = race->options.value(QLatin1String(realrace::kGridOption)).toObject();
    if (!gridJson.isEmpty()) {
        if (auto grid = Grid::fromJson(QJsonDocument(gridJson).toJson(QJsonDocument::Compact)))
            look.grid = grid.value();
        else
            look.gridProblem = grid.error().message;
    }
    for (const auto &point : race->options.value(QLatin1String(realrace::kOutlineOption)).toArray()) {
        const auto xy = point.toArray();
        if (xy.size() == 2)
            look.outline.push_back(QPointF(xy[0].toDouble(), xy[1].toDouble()));
    }
    return look;
}

} // namespace pitwall
