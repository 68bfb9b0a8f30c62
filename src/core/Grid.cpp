#include "Grid.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <cmath>

namespace pitwall {

namespace {

constexpr qsizetype kMaxGridFileBytes = 1024 * 1024;

Error gridError(const QString &what)
{
    return Error{QStringLiteral("grid: %1").arg(what)};
}

} // namespace

Expected<Grid> Grid::fromJson(QByteArrayView json)
{
    if (json.size() > kMaxGridFileBytes)
        return gridError(QStringLiteral("file is larger than %1 bytes").arg(kMaxGridFileBytes));
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return gridError(QStringLiteral("not JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
    const auto root = document.object();
    const auto teams = root.value(QLatin1String("teams")).toArray();
    if (teams.isEmpty())
        return gridError(QStringLiteral("no teams"));

    static const QRegularExpression colourPattern(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    Grid grid;
    grid.m_season = root.value(QLatin1String("season")).toInt();
    QSet<QString> names;
    QSet<int> numbers;
    for (const auto &teamValue : teams) {
        const auto teamObject = teamValue.toObject();
        Team team{teamObject.value(QLatin1String("name")).toString().trimmed(),
                  teamObject.value(QLatin1String("colour")).toString(), teamObject.value(QLatin1String("pace")).toDouble(0.0)};
        if (team.name.isEmpty())
            return gridError(QStringLiteral("a team has no name"));
        if (!colourPattern.match(team.colour).hasMatch())
            return gridError(QStringLiteral("team %1: colour '%2' is not #RRGGBB").arg(team.name, team.colour));
        if (names.contains(team.name))
            return gridError(QStringLiteral("team %1 appears twice").arg(team.name));
        names.insert(team.name);
        const auto drivers = teamObject.value(QLatin1String("drivers")).toArray();
        if (drivers.isEmpty())
            return gridError(QStringLiteral("team %1 has no drivers").arg(team.name));
        for (const auto &driverValue : drivers) {
            const auto driverObject = driverValue.toObject();
            Driver driver{driverObject.value(QLatin1String("name")).toString().trimmed(),
                          driverObject.value(QLatin1String("code")).toString(),
                          driverObject.value(QLatin1String("number")).toInt(),
                          int(grid.m_teams.size()),
                          driverObject.value(QLatin1String("skill")).toDouble(0.0),
                          driverObject.value(QLatin1String("consistency")).toDouble(0.0025)};
            if (driver.name.isEmpty() || driver.code.size() != 3 || driver.number <= 0 || driver.number > 99)
                return gridError(QStringLiteral("team %1: a driver needs a name, a 3-letter code and a number 1-99").arg(team.name));
            if (std::abs(driver.skill) > 0.05 || driver.consistency < 0 || driver.consistency > 0.05 || std::abs(team.pace) > 0.1)
                return gridError(QStringLiteral("driver %1: pace, skill or consistency out of range").arg(driver.name));
            if (names.contains(driver.name) || numbers.contains(driver.number))
                return gridError(QStringLiteral("driver %1 or number %2 appears twice").arg(driver.name).arg(driver.number));
            names.insert(driver.name);
            numbers.insert(driver.number);
            grid.m_drivers.push_back(driver);
        }
        grid.m_teams.push_back(team);
    }
    return grid;
}

Expected<Grid> Grid::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return gridError(QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    return fromJson(file.read(kMaxGridFileBytes + 1));
}

const Grid &Grid::builtIn()
{
    static const Grid grid = [] {
        auto loaded = fromFile(QStringLiteral(":/grid/grid-2025.json"));
        // The built-in file is part of the build; failing here is a packaging bug.
        Q_ASSERT_X(loaded.hasValue(), "Grid::builtIn", qPrintable(loaded.error().message));
        return loaded.hasValue() ? loaded.value() : Grid{};
    }();
    return grid;
}

const Driver *Grid::findDriver(const QString &name) const
{
    for (const auto &driver : m_drivers) {
        if (driver.name == name)
            return &driver;
    }
    return nullptr;
}

const Team *Grid::findTeam(const QString &name) const
{
    for (const auto &team : m_teams) {
        if (team.name == name)
            return &team;
    }
    return nullptr;
}

} // namespace pitwall
