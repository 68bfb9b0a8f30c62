#include "AnomalyListModel.h"

#include "DisplayNames.h"
#include "RaceViewStore.h"
#include "pipeline/PipelineDefinition.h"

#include <QBrush>
#include <QColor>
#include <algorithm>
#include <cmath>

namespace pitwall {

AnomalyListModel::AnomalyListModel(const RaceViewStore &store, const Grid &grid, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_grid(grid)
{
    connect(&store, &RaceViewStore::anomaliesAdded, this, &AnomalyListModel::onAdded);
    connect(&store, &RaceViewStore::cleared, this, &AnomalyListModel::rebuild);
    connect(&store, &RaceViewStore::anomaliesTrimmed, this, &AnomalyListModel::rebuild);
    connect(&store, &RaceViewStore::rewound, this, &AnomalyListModel::rebuild);
    rebuild();
}

void AnomalyListModel::rebuild()
{
    beginResetModel();
    m_episodes.clear();
    m_episodes.add(m_store.anomalies(), 0);
    m_folded = m_store.anomalies().size();
    m_rows = int(m_episodes.episodes().size());
    endResetModel();
}

void AnomalyListModel::onAdded(int first)
{
    const auto &rows = m_store.anomalies();
    if (size_t(first) != m_folded || rows.size() <= m_folded) {
        rebuild();
        return;
    }
    // Rows map to episodes from the newest down, so appending episodes leaves the rows
    // already shown where they are until they are announced.
    const auto change = m_episodes.add(rows, m_folded);
    m_folded = rows.size();
    const int total = int(m_episodes.episodes().size());
    if (total > m_rows) {
        beginInsertRows({}, 0, total - m_rows - 1); // newest first: the new ones go on top
        m_rows = total;
        endInsertRows();
    }
    for (const size_t grown : change.grown) {
        const int row = m_rows - 1 - int(grown);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

int AnomalyListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int AnomalyListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const AnomalyEpisode &AnomalyListModel::episode(int row) const
{
    return m_episodes.episodes()[size_t(m_rows - 1 - row)];
}

const AnomalyRecord &AnomalyListModel::record(int row) const
{
    return m_store.anomalies()[episode(row).peak];
}

QString AnomalyListModel::confidenceText(double percent)
{
    // As many decimals as it takes to show how far from certainty a row is: 99.97 %,
    // 99.9996 % - rows near 100 % differ only there. Past six nines, say so.
    if (!std::isfinite(percent))
        return QStringLiteral("–");
    const double doubt = 100.0 - percent;
    if (doubt < 1e-6)
        return QStringLiteral("> 99.999999 %");
    const int decimals = doubt >= 10 ? 0 : std::clamp(int(std::ceil(-std::log10(doubt))) + 1, 1, 6);
    // Rounding at that precision never reaches 100: the doubt is at least ten of its units.
    return QStringLiteral("%1 %").arg(percent, 0, 'f', decimals);
}

QVariant AnomalyListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    const auto &span = episode(index.row());
    const auto &peak = record(index.row());
    const auto &anomaly = peak.anomaly;
    const bool engine = peak.source == AnomalySource::Engine;
    auto number = [](double value) {
        return std::isfinite(value) ? QStringLiteral("%1").arg(value, 0, 'f', 1) : QStringLiteral("?");
    };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time: return DisplayNames::raceTime(span.startMs);
        case Driver: { // the timing code keeps the column narrow; the tooltip names the driver
            if (engine)
                return anomaly.teamName; // the demo's engine rows are per team
            const auto *driver = m_grid.findDriver(anomaly.driverName);
            return driver ? driver->code : anomaly.driverName;
        }
        case Metric: return DisplayNames::metric(anomaly.metric);
        case Actual: return number(anomaly.actual);
        case Expected: return QStringLiteral("%1 – %2").arg(number(anomaly.lowerBound), number(anomaly.upperBound));
        case Confidence: return confidenceText(anomaly.confidence);
        case End: return span.readings > 1 ? DisplayNames::raceTime(span.endMs) : QString();
        case Stage: return stageWriting(QString::fromLatin1(anomalyTopic(peak.source)));
        }
    }
    if (role == RaceMsRole)
        return span.startMs;
    if (role == SourceRole)
        return int(peak.source);
    if (role == Qt::DecorationRole && index.column() == Driver) {
        if (const auto *team = m_grid.findTeam(anomaly.teamName))
            return QColor(team->colour);
    }
    if (role == Qt::ForegroundRole && index.column() == Actual)
        return QBrush(QColor(QStringLiteral("#e74c3c")));
    if (role == Qt::ToolTipRole) {
        // Names come from Kafka: escaped, so a tooltip never renders markup someone sent.
        const QString who = engine ? tr("the %1 team").arg(anomaly.teamName)
                                   : QStringLiteral("%1 (%2)").arg(anomaly.driverName, anomaly.teamName);
        const QString topic = QString::fromLatin1(anomalyTopic(peak.source));
        const QString text = tr("%1 of %2 peaked at %3 at %4, outside the expected %5 – %6; %n flagged reading(s) from %7 to %8 (%9, %10).",
                                nullptr, span.readings)
                                 .arg(DisplayNames::metric(anomaly.metric), who, number(anomaly.actual),
                                      DisplayNames::raceTime(peak.raceMs), number(anomaly.lowerBound), number(anomaly.upperBound),
                                      DisplayNames::raceTime(span.startMs), DisplayNames::raceTime(span.endMs))
                                 .arg(stageWriting(topic), topic);
        return QStringLiteral("<p>%1</p>").arg(text.toHtmlEscaped());
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Actual || index.column() == Confidence))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant AnomalyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Driver: return tr("Driver");
    case Metric: return tr("Metric");
    case Actual: return tr("Peak");
    case Expected: return tr("Expected");
    case Confidence: return tr("Confidence");
    case End: return tr("Until");
    case Stage: return tr("Stage");
    }
    return {};
}

} // namespace pitwall
