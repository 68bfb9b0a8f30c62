#include "FollowBox.h"

#include "core/Grid.h"

#include <QSettings>
#include <QSignalBlocker>

namespace pitwall {

namespace {

const QString kFollowedKey = QStringLiteral("race/followed");

} // namespace

FollowBox::FollowBox(QWidget *parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("followBox"));
    setToolTip(tr("The driver to follow: highlighted, ringed on the map, drawn in the charts"));
    connect(this, &QComboBox::currentIndexChanged, this, [this] { emit driverChosen(driver()); });
}

QString FollowBox::savedDriver()
{
    return QSettings().value(kFollowedKey).toString();
}

QString FollowBox::savedDriverIn(const Grid &grid)
{
    const QString saved = savedDriver();
    return grid.findDriver(saved) ? saved : grid.drivers().value(0).name;
}

QString FollowBox::driver() const
{
    return currentData().toString();
}

void FollowBox::showDriver(const QString &driver)
{
    QSettings().setValue(kFollowedKey, driver);
    QSignalBlocker blocker(this);
    setCurrentIndex(std::max(0, findData(driver)));
}

bool FollowBox::setDrivers(const Grid &grid)
{
    const QString followed = driver();
    {
        QSignalBlocker blocker(this);
        clear();
        for (const auto &each : grid.drivers())
            addItem(QStringLiteral("%1  %2").arg(each.code, each.name), each.name);
        setCurrentIndex(std::max(0, findData(followed)));
    }
    // A first fill (nothing followed yet) keeps the saved choice.
    return followed.isEmpty() || driver() == followed;
}

} // namespace pitwall
