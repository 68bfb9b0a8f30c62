#pragma once
// The toolbar's driver to follow: the race's drivers ("NOR  Lando Norris"), the choice
// remembered for the next start.

#include <QComboBox>

namespace pitwall {

class Grid;

class FollowBox : public QComboBox {
    Q_OBJECT
public:
    explicit FollowBox(QWidget *parent = nullptr);

    static QString savedDriver();
    // The saved driver when in this race, else its first.
    static QString savedDriverIn(const Grid &grid);
    QString driver() const;
    // Shows and remembers the driver, without driverChosen.
    void showDriver(const QString &driver);
    // Lists the race's drivers, keeping the one followed when it is still there. Returns
    // false when it is not (the first of the list is then shown).
    bool setDrivers(const Grid &grid);

signals:
    void driverChosen(const QString &driver); // by the user
};

} // namespace pitwall
