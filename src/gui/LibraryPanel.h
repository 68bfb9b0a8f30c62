#pragma once
// The race library panel: every recorded race, searchable and sortable, with its result;
// rename in place, delete after confirmation, and replay (as recorded, or re-running the
// pipeline) through the window like a live race.

#include <QWidget>
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

signals:
    void replayRequested(const QString &raceId, bool rerun);

private:
    void showDetails();
    void deleteSelected();
    void showMessage(const QString &text);
    void exportSelected();
    void importFile();
    // Runs a file job on a worker with its own library connection; its message is shown.
    void runFileJob(const std::function<QString(class RaceLibrary &)> &job);

    std::unique_ptr<Ui::LibraryPanel> m_ui;
    RaceLibraryModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QString m_path;
    bool m_busy = false;
};

} // namespace pitwall
