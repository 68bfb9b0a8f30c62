#include "AnomalyPanel.h"

#include "CachedTextDelegate.h"
#include "view/AnomalyListModel.h"
#include "view/RaceClock.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace pitwall {

namespace {

// Rows up to a moment of the race (the recorded side), of the detectors chosen, newest first.
class AnomalyRowsFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setUpTo(qint64 raceMs)
    {
        if (raceMs == m_upTo)
            return;
        m_upTo = raceMs;
        invalidateFilter();
    }

    void setSource(int source) // -1: every detector
    {
        if (source == m_source)
            return;
        m_source = source;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const auto index = sourceModel()->index(row, 0, parent);
        return index.data(AnomalyListModel::RaceMsRole).toLongLong() <= m_upTo &&
               (m_source < 0 || index.data(AnomalyListModel::SourceRole).toInt() == m_source);
    }

private:
    qint64 m_upTo = std::numeric_limits<qint64>::max();
    int m_source = -1;
};

} // namespace

AnomalyPanel::AnomalyPanel(AnomalyListModel *live, AnomalyListModel *recorded, const RaceClock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_liveModel(live)
    , m_recordedModel(recorded)
    , m_live(new AnomalyRowsFilter(this))
    , m_recorded(new AnomalyRowsFilter(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The demo's engine stage flags a team's reading outside its 90 % band, about one in ten:
    // shown by default they would bury the cars' faults, so the list opens on the telemetry
    // detector's alerts and the demo's rows are one choice away.
    auto *detectorRow = new QHBoxLayout;
    detectorRow->addWidget(new QLabel(tr("Show:"), this));
    m_detectors = new QComboBox(this);
    m_detectors->setObjectName(QStringLiteral("anomalyDetectorFilter"));
    m_detectors->addItem(tr("Every detector"), -1);
    m_detectors->addItem(tr("Car telemetry (telemetry-anomalies)"), int(AnomalySource::Telemetry));
    m_detectors->addItem(tr("Team engine, the demo's (engine-anomalies)"), int(AnomalySource::Engine));
    m_detectors->setToolTip(tr("Which detector stage's anomalies the list shows. The demo's engine stage "
                               "(f1-car-metrics-anomalies) uses the demo's 90 % band, so it flags about one reading in ten."));
    detectorRow->addWidget(m_detectors);
    detectorRow->addStretch();
    layout->addLayout(detectorRow);
    connect(m_detectors, &QComboBox::currentIndexChanged, this, [this] { showDetector(m_detectors->currentData().toInt()); });
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(splitter);

    makeSide(splitter, m_liveTitle, makeTable(m_live, live), QStringLiteral("anomalyView"),
             tr("Select an anomaly to see its moment in every panel"));
    m_recordedSide = makeSide(splitter, m_recordedTitle, makeTable(m_recorded, recorded), QStringLiteral("recordedAnomalyView"),
                              tr("What the recorded run found up to this moment of the race"));

    connect(&clock, &RaceClock::moved, this, [this](qint64 viewMs) {
        if (m_comparing) {
            static_cast<AnomalyRowsFilter *>(m_recorded)->setUpTo(viewMs);
            updateCounts();
        }
    });
    for (auto *model : {live, recorded}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &AnomalyPanel::updateCounts);
        connect(model, &QAbstractItemModel::modelReset, this, &AnomalyPanel::updateCounts);
    }
    setComparing(false);
    showDetector(int(AnomalySource::Telemetry));
}

QWidget *AnomalyPanel::makeSide(QSplitter *splitter, QLabel *&title, QTableView *table, const QString &tableName, const QString &toolTip)
{
    auto *side = new QWidget(splitter);
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    title = new QLabel(side);
    layout->addWidget(title);
    table->setObjectName(tableName);
    table->setToolTip(toolTip);
    layout->addWidget(table);
    return side;
}

QTableView *AnomalyPanel::makeTable(QSortFilterProxyModel *rows, AnomalyListModel *model)
{
    rows->setSourceModel(model);
    rows->setSortRole(AnomalyListModel::RaceMsRole);
    rows->sort(AnomalyListModel::Time, Qt::DescendingOrder); // newest moment first, whatever the arrival order
    auto *table = new QTableView(this);
    table->setModel(rows);
    table->setItemDelegate(new CachedTextDelegate(table));
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(22);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setShowGrid(false);
    for (const auto &[column, width] : {std::pair{AnomalyListModel::Time, 50},
                                        {AnomalyListModel::Driver, 84},
                                        {AnomalyListModel::Metric, 130},
                                        {AnomalyListModel::Actual, 56},
                                        {AnomalyListModel::Expected, 104},
                                        {AnomalyListModel::Confidence, 92},
                                        {AnomalyListModel::End, 50}})
        table->horizontalHeader()->resizeSection(column, width);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this, rows, model](const QModelIndex &current) {
        if (current.isValid())
            emit anomalySelected(model->record(rows->mapToSource(current).row()));
    });
    return table;
}

void AnomalyPanel::setComparing(bool comparing)
{
    m_comparing = comparing;
    m_recordedSide->setVisible(comparing);
    m_liveTitle->setVisible(comparing);
    static_cast<AnomalyRowsFilter *>(m_recorded)->setUpTo(comparing ? m_clock.viewMs() : std::numeric_limits<qint64>::max());
    updateCounts();
}

void AnomalyPanel::showDetector(int source)
{
    for (auto *rows : {m_live, m_recorded})
        static_cast<AnomalyRowsFilter *>(rows)->setSource(source);
    const int item = m_detectors->findData(source);
    if (item >= 0)
        m_detectors->setCurrentIndex(item);
    updateCounts();
}

void AnomalyPanel::updateCounts()
{
    if (!m_comparing)
        return;
    m_liveTitle->setText(tr("<b>This run</b>: %1").arg(m_live->rowCount()));
    m_recordedTitle->setText(tr("<b>As recorded</b>, to this moment: %1").arg(m_recorded->rowCount()));
}

int AnomalyPanel::liveRows() const
{
    return m_live->rowCount();
}

int AnomalyPanel::recordedRowsShown() const
{
    return m_recorded->rowCount();
}

const AnomalyRecord &AnomalyPanel::liveRecord(int row) const
{
    return m_liveModel->record(m_live->mapToSource(m_live->index(row, 0)).row());
}

} // namespace pitwall
