#include "PipelineHealthModel.h"

#include "pipeline/PipelineDefinition.h"

#include <QColor>
#include <QLocale>

namespace pitwall {

PipelineHealthModel::PipelineHealthModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    for (const auto &stage : pipelineDefinition())
        m_rows.push_back({stage.name, stage.description, stage.flinkSql, true, {}});
}

int PipelineHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PipelineHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PipelineHealthModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    if (index.column() == Stage) {
        if (role == Qt::DisplayRole)
            return row.name;
        if (role == Qt::CheckStateRole)
            return row.enabled ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return row.description;
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() >= DeadLettered &&
        row.metrics
                .value(QLatin1String(index.column() == DeadLettered ? "dead_lettered"
                                     : index.column() == Failures   ? "failures"
                                                                    : "restarts"))
                .toDouble() > 0)
        return QColor(0xd3, 0x2f, 0x2f); // something went wrong: make it seen
    if (role != Qt::DisplayRole)
        return {};
    if (row.metrics.isEmpty())
        return QStringLiteral("–");
    static const char *keys[ColumnCount] = {
        "",         "in_per_s", "out_per_s", "in", "out", "lag", "latency_p50_us", "latency_p99_us", "dead_lettered",
        "failures", "restarts"};
    const double value = row.metrics.value(QLatin1String(keys[index.column()])).toDouble();
    const QLocale locale;
    switch (index.column()) {
    case InPerSecond:
    case OutPerSecond: return locale.toString(value, 'f', 0);
    case LatencyP50:
    case LatencyP99: return locale.toString(value, 'f', 1);
    default: return locale.toString(qint64(value));
    }
}

QVariant PipelineHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Stage: return tr("Stage");
    case InPerSecond: return tr("In/s");
    case OutPerSecond: return tr("Out/s");
    case In: return tr("In");
    case Out: return tr("Out");
    case Lag: return tr("Lag");
    case LatencyP50: return tr("p50 µs");
    case LatencyP99: return tr("p99 µs");
    case DeadLettered: return tr("Dead-lettered");
    case Failures: return tr("Failures");
    case Restarts: return tr("Restarts");
    default: return {};
    }
}

Qt::ItemFlags PipelineHealthModel::flags(const QModelIndex &index) const
{
    auto flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Stage)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

bool PipelineHealthModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.column() != Stage || role != Qt::CheckStateRole || index.row() >= m_rows.size())
        return false;
    const bool enabled = value.toInt() == Qt::Checked;
    Row &row = m_rows[index.row()];
    if (row.enabled == enabled)
        return false;
    row.enabled = enabled;
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit stageToggleRequested(row.name, enabled);
    return true;
}

void PipelineHealthModel::updateMetrics(const QJsonObject &stages)
{
    for (auto &row : m_rows) {
        const auto metrics = stages.value(row.name).toObject();
        if (metrics.isEmpty())
            continue;
        row.metrics = metrics;
        row.enabled = metrics.value(QLatin1String("enabled")).toBool(row.enabled);
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void PipelineHealthModel::setDisabledStages(const QStringList &stages)
{
    for (auto &row : m_rows)
        row.enabled = !stages.contains(row.name);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Stage), index(int(m_rows.size()) - 1, Stage), {Qt::CheckStateRole});
}

QString PipelineHealthModel::stageName(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].name : QString();
}

QString PipelineHealthModel::flinkSql(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].flinkSql : QString();
}

} // namespace pitwall
