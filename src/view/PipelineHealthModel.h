#pragma once
// The pipeline health table: one row per stage of the pipeline definition, with the
// counters the engine reports (SessionStats::stages). The first column's check box
// switches a stage on or off; the model only asks (stageToggleRequested), the session
// decides, and the next update shows the outcome.

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QStringList>

namespace pitwall {

class PipelineHealthModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Stage,
        InPerSecond,
        OutPerSecond,
        In,
        Out,
        Lag,
        LatencyP50,
        LatencyP99,
        DeadLettered,
        Failures,
        Restarts,
        ColumnCount
    };

    explicit PipelineHealthModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // The engine's per-stage metrics ({"stage": {"enabled":..., "in":..., ...}}).
    void updateMetrics(const QJsonObject &stages);
    // Stages switched off for the next race (before any metrics arrive).
    void setDisabledStages(const QStringList &stages);
    QString stageName(int row) const;
    QString flinkSql(int row) const;

signals:
    void stageToggleRequested(const QString &stage, bool enabled);

private:
    struct Row {
        QString name;
        QString description;
        QString flinkSql;
        bool enabled = true;
        QJsonObject metrics;
    };
    QVector<Row> m_rows;
};

} // namespace pitwall
