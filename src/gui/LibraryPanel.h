#pragma once
// The race library panel: every recorded race, searchable and sortable, with its result;
// rename in place, delete after confirmation, and replay (as recorded, or re-running the
// pipeline) through the window like a live race.

#include <QWidget>
#include <atomic>
#include <functional>
#include <memory>

class QSortFilterProxyModel;

namespace Ui {
class LibraryPanel;
}

namespace pitwall {

class RaceLibraryModel;

class LibraryPanel : public QWidget {
    Q_OBJECT
public:
    explicit LibraryPanel(QWidget *parent = nullptr);
    ~LibraryPanel() override;

    // Opens (or reopens) the library file; problems are shown in the panel.
    void openLibrary(const QString &path);
    void refresh();
    RaceLibraryModel *model() const { return m_model; }
    // The race selected, or empty.
    QString selectedRaceId() const;
    void select(const QString &raceId);
    // Library ▸ Import real race…: a live-timing session folder, a zip, OpenF1 files, or a
    // download (F1 archive, OpenF1); read and stored on a worker, with progress and cancel.
    void importRealRace();
    // The same without asking: for tests and the command line's --import.
    void importRealRaceFrom(const QStringList &paths);

signals:
    void replayRequested(const QString &raceId, bool rerun);
    // A real-race import ended: the new race's id, or empty with the reason.
    void realRaceImported(const QString &raceId, const QString &message);

private:
    void showDetails();
    void deleteSelected();
    void showMessage(const QString &text);
    void exportSelected();
    void importFile();
    // Runs a file job on a worker with its own library connection; its message is shown.
    void runFileJob(const std::function<QString(class RaceLibrary &)> &job);
    // Downloads (when asked) and imports on a worker, showing progress; `download` returns
    // the folder to import or an error.
    struct RealRaceJob;
    void runRealRaceJob(
        const QString &title,
        std::function<QStringList(QString &error, const std::atomic<bool> &cancel, const std::function<void(const QString &, int)> &progress)> locate);

    std::unique_ptr<Ui::LibraryPanel> m_ui;
    RaceLibraryModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QString m_path;
    bool m_busy = false;
};

} // namespace pitwall
