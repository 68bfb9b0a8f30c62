#include "RaceLibraryModel.h"

#include <algorithm>

#include "storage/RaceLibrary.h"

#include <QDateTime>
#include <QLocale>

namespace pitwall {

RaceLibraryModel::RaceLibraryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

RaceLibraryModel::~RaceLibraryModel() = default;

QString RaceLibraryModel::open(const QString &path)
{
    auto library = RaceLibrary::open(path);
    if (!library) {
        beginResetModel();
        m_library.reset();
        m_races.clear();
        endResetModel();
        return library.error().message;
    }
    m_library = std::move(library).value();
    return refresh();
}

QString RaceLibraryModel::refresh()
{
    if (!m_library)
        return tr("The race library is not open.");
    auto races = m_library->list();
    beginResetModel();
    m_races = races ? std::move(races).value() : std::vector<RaceRecord>{};
    endResetModel();
    return races ? QString() : races.error().message;
}

QString RaceLibraryModel::remove(const QString &raceId)
{
    if (!m_library)
        return tr("The race library is not open.");
    if (auto removed = m_library->remove(raceId); !removed)
        return removed.error().message;
    return refresh();
}

const RaceRecord *RaceLibraryModel::race(const QString &raceId) const
{
    for (const auto &race : m_races) {
        if (race.id == raceId)
            return &race;
    }
    return nullptr;
}

int RaceLibraryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_races.size());
}

int RaceLibraryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RaceLibraryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= m_races.size())
        return {};
    const RaceRecord &race = m_races[size_t(index.row())];
    if (role == RaceIdRole)
        return race.id;
    if (role == Qt::ToolTipRole)
        return race.id;
    // Sorting reads the edit role: numbers and dates sort as such.
    const bool sortKey = role == Qt::EditRole && index.column() != Name;
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case Name: return race.name;
    case Circuit: return race.circuit;
    case Date:
        return sortKey ? QVariant(race.startedAtMs)
                       : QVariant(locale.toString(QDateTime::fromMSecsSinceEpoch(race.startedAtMs), QLocale::ShortFormat));
    case Laps: return race.laps;
    case State: return race.state;
    case Messages: return sortKey ? QVariant(race.messageCount) : QVariant(locale.toString(race.messageCount));
    case Size: return sortKey ? QVariant(race.storedBytes) : QVariant(locale.formattedDataSize(race.storedBytes));
    default: return {};
    }
}

QVariant RaceLibraryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Race");
    case Circuit: return tr("Circuit");
    case Date: return tr("Date");
    case Laps: return tr("Laps");
    case State: return tr("State");
    case Messages: return tr("Messages");
    case Size: return tr("Size");
    default: return {};
    }
}

Qt::ItemFlags RaceLibraryModel::flags(const QModelIndex &index) const
{
    auto flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Name)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool RaceLibraryModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!m_library || !index.isValid() || index.column() != Name || role != Qt::EditRole)
        return false;
    RaceRecord &race = m_races[size_t(index.row())];
    if (auto renamed = m_library->rename(race.id, value.toString()); !renamed) {
        emit problem(renamed.error().message);
        return false;
    }
    race.name = value.toString().trimmed();
    emit dataChanged(index, index);
    return true;
}

std::vector<RaceRecord> RaceLibraryModel::latest(int count) const
{
    std::vector<RaceRecord> races = m_races;
    std::sort(races.begin(), races.end(), [](const RaceRecord &a, const RaceRecord &b) { return a.startedAtMs > b.startedAtMs; });
    if (races.size() > size_t(std::max(0, count)))
        races.resize(size_t(std::max(0, count)));
    return races;
}

} // namespace pitwall
