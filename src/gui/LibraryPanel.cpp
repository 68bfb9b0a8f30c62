#include "LibraryPanel.h"

#include "CachedTextDelegate.h"
#include "view/RaceLibraryModel.h"
#include "realrace/RealRaceImport.h"
#include "sources/download/RaceDownloader.h"
#include "storage/RaceExport.h"
#include "ui_LibraryPanel.h"

#include <QFileDialog>
#include <QFutureWatcher>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QInputDialog>
#include <QPointer>
#include <QProgressDialog>
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
    connect(m_ui->importRealButton, &QPushButton::clicked, this, &LibraryPanel::importRealRace);
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
    m_ui->importRealButton->setEnabled(!m_busy && !m_path.isEmpty());
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
                               .arg(race->followedDriver.isEmpty() ? tr("no followed driver") : tr("following %1").arg(race->followedDriver))
                               .arg(double(race->durationMs) / 60000.0, 0, 'f', 1));
}

void LibraryPanel::deleteSelected()
{
    const auto *race = m_model->race(selectedRaceId());
    if (!race)
        return;
    const auto answer = QMessageBox::question(this, tr("Delete race"),
                                              tr("Delete \"%1\" and everything recorded of it? This cannot be undone.").arg(race->name));
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

void LibraryPanel::importRealRace()
{
    if (m_busy || m_path.isEmpty())
        return;
    const QStringList choices{tr("A live-timing session folder…"), tr("A zip, or OpenF1 files…"),
                              tr("Download from the F1 live-timing archive…"), tr("Download from OpenF1…")};
    bool chosen = false;
    const QString choice = QInputDialog::getItem(this, tr("Import real race"),
                                                 tr("Where is the race? (F1 data belongs to Formula One; Pit Wall is unofficial.)"),
                                                 choices, 0, false, &chosen);
    if (!chosen)
        return;
    const int index = int(choices.indexOf(choice));
    if (index == 0) {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Live-timing session folder (*.jsonStream)"));
        if (!folder.isEmpty())
            importRealRaceFrom({folder});
    } else if (index == 1) {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Real race files"), {},
                                                                tr("Session zip or OpenF1 files (*.zip *.json *.csv);;All files (*)"));
        if (!files.isEmpty())
            importRealRaceFrom(files);
    } else if (index == 2) {
        const QString text = QInputDialog::getText(this, tr("F1 live-timing archive"),
                                                   tr("Year, event and session, e.g. \"2018 Baku Race\":"), QLineEdit::Normal,
                                                   QStringLiteral("2018 Baku Race"), &chosen)
                                 .simplified();
        const QStringList words = text.split(QLatin1Char(' '));
        bool isYear = false;
        const int year = words.value(0).toInt(&isYear);
        if (!chosen || words.size() < 3 || !isYear) {
            if (chosen)
                showMessage(tr("Give a year, an event and a session, e.g. \"2018 Baku Race\"."));
            return;
        }
        const QString event = words.mid(1, words.size() - 2).join(QLatin1Char(' '));
        const QString session = words.last();
        runRealRaceJob(tr("Downloading %1").arg(text),
                       [year, event, session](QString &error, const std::atomic<bool> &cancel, const auto &progress) -> QStringList {
                           const auto outcome = sources::downloadArchiveSessionBlocking(
                               {}, year, event, session,
                               [&](const QString &file, int done, int total, qint64, qint64) {
                                   progress(tr("Downloading %1").arg(file), total > 0 ? done * 40 / total : 0);
                               },
                               &cancel);
                           error = outcome.error;
                           return outcome.ok() ? QStringList{outcome.result.folder} : QStringList{};
                       });
    } else {
        const int key = QInputDialog::getInt(this, tr("OpenF1"), tr("OpenF1 session key (e.g. 9550):"), 9550, 1, 99999999, 1, &chosen);
        if (!chosen)
            return;
        runRealRaceJob(tr("Downloading OpenF1 session %1").arg(key),
                       [key](QString &error, const std::atomic<bool> &cancel, const auto &progress) -> QStringList {
                           const auto outcome = sources::downloadOpenF1SessionBlocking(
                               {}, key,
                               [&](const QString &file, int done, int total, qint64, qint64) {
                                   progress(tr("Downloading %1").arg(file), total > 0 ? done * 40 / total : 0);
                               },
                               &cancel);
                           error = outcome.error;
                           return outcome.ok() ? QStringList{outcome.result.folder} : QStringList{};
                       });
    }
}

void LibraryPanel::importRealRaceFrom(const QStringList &paths)
{
    runRealRaceJob(tr("Importing %1").arg(QFileInfo(paths.value(0)).fileName()),
                   [paths](QString &, const std::atomic<bool> &, const auto &) { return paths; });
}

void LibraryPanel::runRealRaceJob(
    const QString &title,
    std::function<QStringList(QString &error, const std::atomic<bool> &cancel, const std::function<void(const QString &, int)> &progress)> locate)
{
    m_busy = true;
    showDetails();
    m_ui->details->setText(title + QStringLiteral("…"));
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    auto *dialog = new QProgressDialog(title, tr("Cancel"), 0, 100, this);
    dialog->setWindowTitle(tr("Import real race"));
    dialog->setMinimumDuration(300);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    connect(dialog, &QProgressDialog::canceled, this, [cancel] { cancel->store(true); });
    QPointer<QProgressDialog> guard(dialog);
    // Progress comes from the worker: handed to the dialog on this (the GUI) thread.
    auto progress = [guard](const QString &stage, int percent) {
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, stage, percent] {
                if (guard) {
                    guard->setLabelText(stage);
                    guard->setValue(percent);
                }
            },
            Qt::QueuedConnection);
    };
    struct Outcome {
        QString raceId;
        QString message;
    };
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, dialog] {
        watcher->deleteLater();
        dialog->deleteLater();
        m_busy = false;
        const Outcome outcome = watcher->result();
        refresh();
        if (!outcome.raceId.isEmpty())
            select(outcome.raceId);
        showMessage(outcome.message);
        emit realRaceImported(outcome.raceId, outcome.message);
    });
    watcher->setFuture(QtConcurrent::run([path = m_path, locate = std::move(locate), cancel, progress]() -> Outcome {
        QString error;
        const QStringList paths = locate(error, *cancel, progress);
        if (paths.isEmpty())
            return {{}, cancel->load() ? tr("Cancelled; what was downloaded is kept for next time.") : error};
        auto library = RaceLibrary::open(path); // the worker's own connection
        if (!library)
            return {{}, library.error().message};
        auto imported = realrace::importRealRace(
            *library.value(), paths, [&](const QString &stage, int percent) { progress(stage, 40 + percent * 60 / 100); }, cancel.get());
        if (!imported)
            return {{}, imported.error().message};
        return {imported->record.id, tr("Imported \"%1\": %2.\n%3")
                                         .arg(imported->record.name, realrace::oneLineSummary(imported->record),
                                              imported->report.join(QLatin1Char('\n')))};
    }));
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
