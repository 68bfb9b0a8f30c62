#pragma once
// The anomalies the pipeline found, one line per episode (AnomalyEpisodes), newest first:
// start, driver or team (its colour), metric, the peak reading against its expected range,
// the detector's confidence at the peak, the end, and the stage that found it.

#include "AnomalyEpisodes.h"
#include "core/Grid.h"

#include <QAbstractTableModel>

namespace pitwall {

class RaceViewStore;
struct AnomalyRecord;

class AnomalyListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Driver, Metric, Actual, Expected, Confidence, End, Stage, ColumnCount };
    static constexpr int RaceMsRole = Qt::UserRole + 1; // the sort key of the Time column: the episode's start
    static constexpr int SourceRole = Qt::UserRole + 2; // int(AnomalySource) of the stage that found it

    AnomalyListModel(const RaceViewStore &store, const Grid &grid, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    // The episode's peak reading (selecting a line shows this moment).
    const AnomalyRecord &record(int row) const;
    const AnomalyEpisode &episode(int row) const;
    // A confidence in percent with the precision that tells rows apart ("99.9996 %"); a dash
    // when the row carries none (the demo's own engine rows).
    static QString confidenceText(double percent);

private:
    void onAdded(int first);
    void rebuild();

    const RaceViewStore &m_store;
    const Grid &m_grid;
    AnomalyEpisodes m_episodes;
    size_t m_folded = 0; // store rows folded into episodes
    int m_rows = 0;      // episodes shown (the newest episodes are appended, shown on top)
};

} // namespace pitwall
