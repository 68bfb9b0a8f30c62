#include "GameSessionView.h"

#include "RaceStatusBar.h"
#include "view/RaceViewStore.h"
#include "TrackMapWidget.h"
#include "pipeline/RaceSession.h"
#include "realrace/TrackOutline.h"

#include <QJsonDocument>
#include <QNetworkInterface>

namespace pitwall {

GameSessionView::GameSessionView(const RaceViewStore &store, TrackMapWidget &map, RaceStatusBar &gauges, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_map(map)
    , m_gauges(gauges)
{
}

void GameSessionView::reset()
{
    m_outlineSet = false;
    m_outlineTriedMs = -1;
    m_grid = {};
    m_laps = -1;
    // The address to type into the game's telemetry settings: this machine's, on its networks.
    m_addresses.clear();
    for (const auto &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
            m_addresses << address.toString();
    }
}

void GameSessionView::update(const RaceSession &session, const QString &followed)
{
    const auto status = session.gameStatus();
    const int port = session.options().game.port;
    const QString where =
        session.options().game.bind == QHostAddress::LocalHost
            ? tr("127.0.0.1 port %1").arg(port)
            : tr("%1 port %2").arg(m_addresses.isEmpty() ? tr("this machine") : m_addresses.join(QLatin1String(", "))).arg(port);
    m_gauges.showGame(status, where);
    if (const int laps = status.value(QStringLiteral("laps")).toInt(); laps != m_laps) {
        m_laps = laps; // the game's session says
        emit lapsKnown(laps);
    }
    // The game's drivers and teams replace the built-in grid as soon as they are known.
    const auto grid = status.value(QStringLiteral("grid")).toObject();
    if (!grid.isEmpty() && grid != m_grid) {
        if (auto parsed = Grid::fromJson(QJsonDocument(grid).toJson(QJsonDocument::Compact))) {
            m_grid = grid;
            emit gridKnown(parsed.value(), status.value(QStringLiteral("player")).toString());
        }
    }
    drawOutline(followed, status.value(QStringLiteral("track")).toString());
}

void GameSessionView::drawOutline(const QString &followed, const QString &track)
{
    // Searching the path for a closed lap walks all of it: every two race-seconds is enough.
    if (m_outlineSet || m_store.newestRaceMs() - m_outlineTriedMs < 2000)
        return;
    m_outlineTriedMs = m_store.newestRaceMs();
    QVector<QPointF> path;
    for (const auto &point : m_store.telemetry(followed, 0, m_store.newestRaceMs()))
        path.push_back(QPointF(point.x, point.y));
    if (const auto outline = realrace::TrackOutline::fromPathInPlace(path)) {
        m_map.setOutline(outline->points(), track);
        m_outlineSet = true;
    } else if (path.size() >= 20) {
        m_map.setOutline(path, track, false); // the way so far
    }
}

} // namespace pitwall
