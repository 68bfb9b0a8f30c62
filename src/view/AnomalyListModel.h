#pragma once
// The anomalies the pipeline found, newest first: time, driver (team colour), metric,
// actual value against the expected range, confidence.

#include "core/Grid.h"

#include <QAbstractTableModel>

namespace pitwall {

class RaceViewStore;
struct AnomalyRecord;

class AnomalyListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Driver, Metric, Actual, Expected, Confidence, ColumnCount };
    static constexpr int RaceMsRole = Qt::UserRole + 1; // the sort key of the Time column

    AnomalyListModel(const RaceViewStore &store, const Grid &grid, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    const AnomalyRecord &record(int row) const;
    // A confidence in percent with the precision that tells rows apart ("99.9996 %").
    static QString confidenceText(double percent);

private:
    void onAdded(int first);

    const RaceViewStore &m_store;
    const Grid &m_grid;
    int m_rows = 0;
};

} // namespace pitwall
