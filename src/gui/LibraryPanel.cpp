#include "LibraryPanel.h"

#include "CachedTextDelegate.h"
#include "RaceLibraryModel.h"
#include "storage/RaceExport.h"
#include "ui_LibraryPanel.h"

#include <QFileDialog>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QJsonArray>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QtConcurrent/QtConcurrentRun>

namespace pitwall {

LibraryPanel::LibraryPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::LibraryPanel>())
    , m_model(new RaceLibraryModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::EditRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1); // any column
    m_ui->raceTable->setModel(m_proxy);
    m_ui->raceTable->setItemDelegate(new CachedTextDelegate(m_ui->raceTable));
    m_ui->raceTable->sortByColumn(RaceLibraryModel::Date, Qt::DescendingOrder);
    m_ui->raceTable->horizontalHeader()->setSectionResizeMode(RaceLibraryModel::Name, QHeaderView::Stretch);
    m_ui->raceTable->horizontalHeader()->setStretchLastSection(false);
    connect(m_ui->searchBox, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_ui->raceTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LibraryPanel::showDetails);
    connect(m_model, &RaceLibraryModel::problem, this, &LibraryPanel::showMessage);
    connect(m_ui->replayButton, &QPushButton::clicked, this, [this] {
        if (!selectedRaceId().isEmpty())
            emit replayRequested(selectedRaceId(), false);
    });
    connect(m_ui->rerunButton, &QPushButton::clicked, this, [this] {
        if (!selectedRaceId().isEmpty())
            emit replayRequested(selectedRaceId(), true);
    });
    connect(m_ui->renameButton, &QPushButton::clicked, this, [this] {
        const auto current = m_ui->raceTable->currentIndex();
        if (current.isValid())
            m_ui->raceTable->edit(current.siblingAtColumn(RaceLibraryModel::Name));
    });
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &LibraryPanel::deleteSelected);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &LibraryPanel::exportSelected);
    connect(m_ui->importButton, &QPushButton::clicked, this, &LibraryPanel::importFile);
    showDetails();
}

LibraryPanel::~LibraryPanel() = default;

void LibraryPanel::openLibrary(const QString &path)
{
    m_path = path;
    showMessage(m_model->open(path));
    showDetails();
}

void LibraryPanel::refresh()
{
    const QString selected = selectedRaceId();
    showMessage(m_model->refresh());
    select(selected);
    showDetails();
}

QString LibraryPanel::selectedRaceId() const
{
    const auto current = m_ui->raceTable->currentIndex();
    return current.isValid() ? current.data(RaceLibraryModel::RaceIdRole).toString() : QString();
}

void LibraryPanel::select(const QString &raceId)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        if (m_proxy->index(row, 0).data(RaceLibraryModel::RaceIdRole).toString() == raceId) {
            m_ui->raceTable->setCurrentIndex(m_proxy->index(row, 0));
            return;
        }
    }
}

void LibraryPanel::showDetails()
{
    const auto *race = m_model->race(selectedRaceId());
    for (auto *button : {m_ui->replayButton, m_ui->rerunButton, m_ui->renameButton, m_ui->deleteButton, m_ui->exportButton})
        button->setEnabled(race != nullptr && !m_busy);
    m_ui->importButton->setEnabled(!m_busy && !m_path.isEmpty());
    if (!race) {
        m_ui->details->setText(m_model->rowCount() ? tr("Select a race to see its result.")
                                                   : tr("No races yet: every race you run is kept here."));
        return;
    }
    const auto classification = race->result.value(QStringLiteral("classification")).toArray();
    const QString winner = classification.isEmpty() ? tr("no result") : classification.first().toString();
    const bool finished = race->result.value(QStringLiteral("finished")).toBool();
    m_ui->details->setText(tr("%1 — %2 laps, %3 — %4. Race time recorded: %5 min.")
                               .arg(race->id)
                               .arg(race->laps)
                               .arg(finished ? tr("won by %1").arg(winner) : tr("not finished (%1)").arg(race->state))
                               .arg(race->followedDriver.isEmpty() ? tr("no followed driver")
                                                                   : tr("following %1").arg(race->followedDriver))
                               .arg(double(race->durationMs) / 60000.0, 0, 'f', 1));
}

void LibraryPanel::deleteSelected()
{
    const auto *race = m_model->race(selectedRaceId());
    if (!race)
        return;
    const auto answer = QMessageBox::question(this, tr("Delete race"),
                                              tr("Delete \"%1\" and everything recorded of it? This cannot be undone.")
                                                  .arg(race->name));
    if (answer == QMessageBox::Yes)
        showMessage(m_model->remove(race->id));
    showDetails();
}

void LibraryPanel::exportSelected()
{
    const auto *race = m_model->race(selectedRaceId());
    if (!race)
        return;
    QString chosenFilter;
    const QString jsonl = tr("JSON Lines, can be imported (*.jsonl)"), csv = tr("CSV (*.csv)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export race"), race->id + QStringLiteral(".jsonl"),
                                                      jsonl + QStringLiteral(";;") + csv, &chosenFilter);
    if (path.isEmpty())
        return;
    const auto format = chosenFilter == csv || path.endsWith(QLatin1String(".csv")) ? ExportFormat::Csv : ExportFormat::Jsonl;
    runFileJob([raceId = race->id, path, format](RaceLibrary &library) {
        const auto written = exportRaceFile(library, raceId, path, format);
        return written ? tr("Exported %1 messages to %2.").arg(written.value()).arg(path) : written.error().message;
    });
}

void LibraryPanel::importFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import race"), {}, tr("JSON Lines (*.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    runFileJob([path](RaceLibrary &library) {
        const auto imported = importRaceFile(library, path);
        return imported ? tr("Imported \"%1\".").arg(imported->name) : imported.error().message;
    });
}

void LibraryPanel::runFileJob(const std::function<QString(RaceLibrary &)> &job)
{
    m_busy = true;
    showDetails();
    m_ui->details->setText(tr("Working…"));
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_busy = false;
        refresh();
        showMessage(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([path = m_path, job]() -> QString {
        auto library = RaceLibrary::open(path); // the worker's own connection
        return library ? job(*library.value()) : library.error().message;
    }));
}

void LibraryPanel::showMessage(const QString &text)
{
    if (!text.isEmpty())
        m_ui->details->setText(text);
}

} // namespace pitwall
