#include "FeedModel.h"

#include "DisplayNames.h"
#include "RaceViewStore.h"
#include "core/Grid.h"

#include <QColor>
#include <algorithm>

namespace pitwall {

namespace {

QString eventType(const RaceEvent &event)
{
    if (event.kind == QLatin1String("safety_car") || event.kind == QLatin1String("retirement"))
        return QStringLiteral("warning");
    if (event.kind == QLatin1String("fastest_lap") || event.kind == QLatin1String("race_started") ||
        event.kind == QLatin1String("race_finished") ||
        (event.kind == QLatin1String("overtake") && event.details.value(QStringLiteral("position")).toInt() == 1))
        return QStringLiteral("highlight");
    return QStringLiteral("info");
}

} // namespace

FeedModel::FeedModel(const RaceViewStore &store, const Grid &grid, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    for (const auto &driver : grid.drivers())
        m_driverNames << driver.name;
    connect(&store, &RaceViewStore::cleared, this, [this] {
        beginResetModel();
        m_lines.clear();
        endResetModel();
    });
    connect(&store, &RaceViewStore::eventsAdded, this, [this](int first) { append(linesFromEvents(size_t(first))); });
    connect(&store, &RaceViewStore::commentaryAdded, this, [this](int first) { append(linesFromCommentary(size_t(first))); });
    connect(&store, &RaceViewStore::rewound, this, [this] {
        // A replay jumped back: the feed is what the store still holds, in time order.
        auto lines = linesFromEvents(0);
        auto commentary = linesFromCommentary(0);
        lines.insert(lines.end(), commentary.begin(), commentary.end());
        std::stable_sort(lines.begin(), lines.end(), [](const FeedLine &a, const FeedLine &b) { return a.raceMs < b.raceMs; });
        beginResetModel();
        m_lines = std::move(lines);
        endResetModel();
    });
}

std::vector<FeedLine> FeedModel::linesFromEvents(size_t first) const
{
    std::vector<FeedLine> lines;
    const auto &events = m_store.events();
    for (size_t i = first; i < events.size(); ++i) {
        const auto &event = events[i].event;
        QString text = DisplayNames::raceEvent(event);
        if (!text.isEmpty())
            lines.push_back({events[i].raceMs, tr("Lap %1 · %2").arg(event.lap).arg(text), eventType(event), tr("race control"),
                             event.driverName});
    }
    return lines;
}

std::vector<FeedLine> FeedModel::linesFromCommentary(size_t first) const
{
    std::vector<FeedLine> lines;
    const auto &commentary = m_store.commentary();
    for (size_t i = first; i < commentary.size(); ++i) {
        const auto &line = commentary[i].commentary;
        lines.push_back({commentary[i].raceMs, line.message, commentaryTypeName(line.type), sourceBadge(line.source),
                         driverMentioned(line.message)});
    }
    return lines;
}

QString FeedModel::sourceBadge(const QString &source)
{
    // The model's id is long ("us.anthropic.claude-3-5-sonnet-20240620-v1:0"): its name part.
    if (source.isEmpty())
        return tr("commentary");
    if (source.startsWith(QLatin1String("offline (fallback")))
        return tr("offline · fallback");
    if (source == QLatin1String("offline"))
        return tr("offline");
    QString model = source.section(QLatin1Char('/'), -1); // an inference profile ARN
    const QStringList parts = model.split(QLatin1Char('.'));
    if (parts.size() >= 2 && parts.last().contains(QLatin1Char('-')))
        model = parts.last(); // drop the "us.anthropic." prefix
    return model.section(QLatin1Char(':'), 0, 0).left(32);
}

QString FeedModel::driverMentioned(const QString &text) const
{
    // The demo's commentary has no driver field: the first driver it names.
    for (const auto &name : m_driverNames) {
        const QString surname = name.section(QLatin1Char(' '), -1);
        if (text.contains(name) || text.contains(surname))
            return name;
    }
    return {};
}

void FeedModel::append(std::vector<FeedLine> lines)
{
    if (lines.empty())
        return;
    if (m_lines.size() + lines.size() > size_t(kMaxLines)) {
        beginResetModel();
        m_lines.insert(m_lines.end(), lines.begin(), lines.end());
        m_lines.erase(m_lines.begin(), m_lines.end() - kMaxLines / 2);
        endResetModel();
        return;
    }
    beginInsertRows({}, 0, int(lines.size()) - 1);
    m_lines.insert(m_lines.end(), lines.begin(), lines.end());
    endInsertRows();
}

int FeedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant FeedModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto &entry = line(index.row());
    switch (role) {
    case Qt::DisplayRole: return QStringLiteral("%1  %2").arg(DisplayNames::raceTime(entry.raceMs), entry.text);
    case Qt::ToolTipRole: // the whole line (the view elides it), escaped: it came from Kafka
        return QStringLiteral("<p>%1</p><p><i>%2</i></p>")
            .arg(entry.text.toHtmlEscaped(), tr("%1 · %2").arg(entry.source, entry.type).toHtmlEscaped());
    case Qt::ForegroundRole:
        if (entry.type == QLatin1String("highlight"))
            return QColor(QStringLiteral("#f5b400"));
        if (entry.type == QLatin1String("warning"))
            return QColor(QStringLiteral("#ff6b5a"));
        return {};
    case RaceMsRole: return entry.raceMs;
    case TypeRole: return entry.type;
    case SourceRole: return entry.source;
    case DriverRole: return entry.driver;
    }
    return {};
}

} // namespace pitwall
