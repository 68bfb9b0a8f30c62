#include "ClockLabel.h"

#include "view/DisplayNames.h"
#include "view/RaceClock.h"

namespace pitwall {

ClockLabel::ClockLabel(const RaceClock &clock, QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("clockLabel"));
    setMinimumWidth(120);
    connect(&clock, &RaceClock::moved, this, [this, &clock](qint64 viewMs) {
        setText(clock.isLive() ? tr("%1 live").arg(DisplayNames::raceTime(viewMs))
                               : tr("%1 (held)").arg(DisplayNames::raceTime(viewMs)));
    });
}

} // namespace pitwall
