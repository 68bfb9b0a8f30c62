#pragma once
// Where a distance along the lap falls among a lap's samples taken every `stepM` metres:
// the speed profile and the track geometry both look their samples up this way.

#include <cmath>

namespace pitwall {

struct LapSamplesAround {
    int before = 0;   // the sample at or behind the distance
    int after = 0;    // the next one, wrapping to the first at the line
    double share = 0; // of the way from `before` to `after`
};

// Any distance (laps beyond the first, or negative) is folded onto the lap first.
inline LapSamplesAround lapSamplesAround(double lapDistanceM, double lengthM, double stepM, int count)
{
    double s = std::fmod(lapDistanceM, lengthM);
    if (s < 0)
        s += lengthM;
    const double index = s / stepM;
    const int before = int(index) % count;
    return {before, (before + 1) % count, index - std::floor(index)};
}

} // namespace pitwall
