#pragma once
// The races of the library as a table: name (editable: renames the race), circuit, date,
// laps, state, messages and size. Reads and writes through a RaceLibrary on the GUI
// thread (the catalogue is small; messages are never loaded here).

#include "storage/RaceRecord.h"

#include <QAbstractTableModel>
#include <memory>
#include <vector>

namespace pitwall {

class RaceLibrary;

class RaceLibraryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Circuit, Date, Laps, State, Messages, Size, ColumnCount };
    static constexpr int RaceIdRole = Qt::UserRole + 1;

    explicit RaceLibraryModel(QObject *parent = nullptr);
    ~RaceLibraryModel() override;

    // Opens the library at `path` and lists it; an error is returned and the table emptied.
    QString open(const QString &path);
    QString refresh();
    QString remove(const QString &raceId);
    const RaceRecord *race(const QString &raceId) const;
    // The `count` races started last, newest first.
    std::vector<RaceRecord> latest(int count) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

signals:
    void problem(const QString &text);

private:
    std::unique_ptr<RaceLibrary> m_library;
    std::vector<RaceRecord> m_races;
};

} // namespace pitwall
