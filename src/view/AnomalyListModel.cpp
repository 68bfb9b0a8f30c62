#include "AnomalyListModel.h"

#include "DisplayNames.h"
#include "RaceViewStore.h"

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
    auto rebuild = [this] {
        beginResetModel();
        m_rows = int(m_store.anomalies().size());
        endResetModel();
    };
    connect(&store, &RaceViewStore::cleared, this, rebuild);
    connect(&store, &RaceViewStore::anomaliesTrimmed, this, rebuild);
    connect(&store, &RaceViewStore::rewound, this, rebuild);
}

void AnomalyListModel::onAdded(int first)
{
    const int total = int(m_store.anomalies().size());
    if (first != m_rows || total <= m_rows) {
        beginResetModel();
        m_rows = total;
        endResetModel();
        return;
    }
    // Newest first: the new ones go on top.
    beginInsertRows({}, 0, total - m_rows - 1);
    m_rows = total;
    endInsertRows();
}

int AnomalyListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int AnomalyListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const AnomalyRecord &AnomalyListModel::record(int row) const
{
    return m_store.anomalies()[size_t(m_rows - 1 - row)];
}

QString AnomalyListModel::confidenceText(double percent)
{
    // As many decimals as it takes to show how far from certainty a row is: 99.97 %,
    // 99.9996 % - rows near 100 % differ only there. Past six nines, say so.
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
    const auto &entry = record(index.row());
    const auto &anomaly = entry.anomaly;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time: return DisplayNames::raceTime(entry.raceMs);
        case Driver: { // the timing code keeps the column narrow; the tooltip names the driver
            const auto *driver = m_grid.findDriver(anomaly.driverName);
            return driver ? driver->code : anomaly.driverName;
        }
        case Metric: return DisplayNames::metric(anomaly.metric);
        case Actual: return QStringLiteral("%1").arg(anomaly.actual, 0, 'f', 1);
        case Expected: return QStringLiteral("%1 – %2").arg(anomaly.lowerBound, 0, 'f', 1).arg(anomaly.upperBound, 0, 'f', 1);
        case Confidence: return confidenceText(anomaly.confidence);
        }
    }
    if (role == RaceMsRole)
        return entry.raceMs;
    if (role == Qt::DecorationRole && index.column() == Driver) {
        if (const auto *team = m_grid.findTeam(anomaly.teamName))
            return QColor(team->colour);
    }
    if (role == Qt::ForegroundRole && index.column() == Actual)
        return QBrush(QColor(QStringLiteral("#e74c3c")));
    if (role == Qt::ToolTipRole) {
        // Names come from Kafka: escaped, so a tooltip never renders markup someone sent.
        const QString text = tr("%1 of %2 (%3) read %4, outside the expected %5 – %6")
                                 .arg(DisplayNames::metric(anomaly.metric), anomaly.driverName, anomaly.teamName)
                                 .arg(anomaly.actual, 0, 'f', 1)
                                 .arg(anomaly.lowerBound, 0, 'f', 1)
                                 .arg(anomaly.upperBound, 0, 'f', 1);
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
    case Actual: return tr("Actual");
    case Expected: return tr("Expected");
    case Confidence: return tr("Confidence");
    }
    return {};
}

} // namespace pitwall
