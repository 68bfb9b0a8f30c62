#pragma once
// The race feed panel: newest line first, styled by type with a badge for its source,
// filtered by driver; a click moves the race clock to the line's moment, Ctrl+C copies.

#include <QWidget>
#include <memory>

class QSortFilterProxyModel;

namespace Ui {
class FeedPanel;
}

namespace pitwall {

class FeedModel;
class Grid;

class FeedPanel : public QWidget {
    Q_OBJECT
public:
    FeedPanel(FeedModel *model, const Grid &grid, QWidget *parent = nullptr);
    ~FeedPanel() override;

    void setDriverFilter(const QString &driver); // empty: everyone
    int visibleLines() const;
    QString copySelection() const; // also puts it on the clipboard

signals:
    void momentSelected(qint64 raceMs);

private:
    std::unique_ptr<Ui::FeedPanel> m_ui;
    QSortFilterProxyModel *m_filter = nullptr;
};

} // namespace pitwall
