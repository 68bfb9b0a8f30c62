#pragma once
// Picks a car's pit strategy before the start: the starting compound and the laps at
// which it stops for which compound. Full-length races use two dry compounds, as the
// rules require; short races may run without stopping.

#include "Tyres.h"

#include <QVector>
#include <random>

namespace pitwall {

struct PitPlan {
    tyres::Compound startCompound = tyres::Compound::Medium;
    struct Stop {
        int lap; // the stop comes at the end of this lap
        tyres::Compound compound;
    };
    QVector<Stop> stops;
};

PitPlan planStrategy(int raceLaps, std::mt19937_64 &random);

} // namespace pitwall
