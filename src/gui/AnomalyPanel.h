#pragma once
// The anomaly list, one line per episode, newest moment first, of every detector stage or
// the one chosen. During a re-run of a recorded race it shows,
// side by side, what this run finds and what the recorded run found up to the same
// moment of the race clock, with both counts: the comparison the re-run is made for.

#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace pitwall {

class AnomalyListModel;
class RaceClock;
struct AnomalyRecord;

class AnomalyPanel : public QWidget {
    Q_OBJECT
public:
    AnomalyPanel(AnomalyListModel *live, AnomalyListModel *recorded, const RaceClock &clock, QWidget *parent = nullptr);

    void setComparing(bool comparing);
    bool isComparing() const { return m_comparing; }
    // Rows as shown (newest first); the recorded side only up to the clock's moment.
    int liveRows() const;
    int recordedRowsShown() const;
    const AnomalyRecord &liveRecord(int row) const;
    // Only one detector stage's rows (an AnomalySource), or every detector's (-1).
    void showDetector(int source);

signals:
    void anomalySelected(const pitwall::AnomalyRecord &record);

private:
    QTableView *makeTable(QSortFilterProxyModel *rows, AnomalyListModel *model);
    // One side of the comparison: its title (made here) over its table.
    QWidget *makeSide(QSplitter *splitter, QLabel *&title, QTableView *table, const QString &tableName, const QString &toolTip);
    void updateCounts();

    const RaceClock &m_clock;
    AnomalyListModel *m_liveModel;
    AnomalyListModel *m_recordedModel;
    QSortFilterProxyModel *m_live;
    QSortFilterProxyModel *m_recorded;
    QWidget *m_recordedSide = nullptr;
    QLabel *m_liveTitle = nullptr;
    QLabel *m_recordedTitle = nullptr;
    QComboBox *m_detectors = nullptr;
    bool m_comparing = false;
};

} // namespace pitwall
