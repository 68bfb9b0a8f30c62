#pragma once
// The toolbar's race time: "12:34 live", or "(held)" while the race clock is held at a moment.

#include <QLabel>

namespace pitwall {

class RaceClock;

class ClockLabel : public QLabel {
    Q_OBJECT
public:
    explicit ClockLabel(const RaceClock &clock, QWidget *parent = nullptr);
};

} // namespace pitwall
