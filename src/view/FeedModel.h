#pragma once
// The race feed, newest first: commentary lines (f1-commentary, from whichever
// commentator wrote them) and race control's events, each with its time, type
// (highlight / warning / info), source and driver.

#include <QAbstractListModel>
#include <QStringList>
#include <vector>

namespace pitwall {

class RaceViewStore;
class Grid;

struct FeedLine {
    qint64 raceMs = 0;
    QString text;
    QString type;   // highlight, warning, info
    QString source; // "race control", or the commentator
    QString driver; // the driver it is about, when known
};

class FeedModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { RaceMsRole = Qt::UserRole + 1, TypeRole, SourceRole, DriverRole };
    static constexpr int kMaxLines = 5000;

    FeedModel(const RaceViewStore &store, const Grid &grid, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    const FeedLine &line(int row) const { return m_lines[m_lines.size() - 1 - size_t(row)]; }

private:
    void append(std::vector<FeedLine> lines);
    std::vector<FeedLine> linesFromEvents(size_t first) const;
    std::vector<FeedLine> linesFromCommentary(size_t first) const;
    QString driverMentioned(const QString &text) const;
    // The badge for a commentary line's source: the model's short name, offline, or fallback.
    static QString sourceBadge(const QString &source);

    const RaceViewStore &m_store;
    QStringList m_driverNames;
    std::vector<FeedLine> m_lines; // oldest first; rows are reversed
};

} // namespace pitwall
