#pragma once
// Dry tyre compounds: pace offset, degradation per lap, and the life before the "cliff".
// Figures are fractions of a lap time, typical of a 2024-25 race.

#include <QString>

namespace pitwall::tyres {

enum class Compound { Soft, Medium, Hard };

struct Characteristics {
    double paceOffset;  // slower than a new soft, fraction
    double degPerLap;   // added per lap of age, fraction
    int lifeLaps;       // beyond this the tyre falls off the cliff
    double tempOffsetC; // softer compounds run hotter
};

inline Characteristics characteristics(Compound compound)
{
    switch (compound) {
    case Compound::Soft: return {0.0, 0.0011, 20, 6.0};
    case Compound::Medium: return {0.0045, 0.0007, 30, 2.0};
    case Compound::Hard: break;
    }
    return {0.0085, 0.00045, 42, -2.0};
}

inline constexpr double kCliffDegPerLap = 0.004;

inline QString name(Compound compound)
{
    switch (compound) {
    case Compound::Soft: return QStringLiteral("SOFT");
    case Compound::Medium: return QStringLiteral("MEDIUM");
    case Compound::Hard: break;
    }
    return QStringLiteral("HARD");
}

// Lap-time penalty of a tyre of this compound and age, as a fraction.
inline double penalty(Compound compound, int ageLaps)
{
    const auto c = characteristics(compound);
    const int overLife = ageLaps > c.lifeLaps ? ageLaps - c.lifeLaps : 0;
    return c.paceOffset + c.degPerLap * ageLaps + kCliffDegPerLap * overLife;
}

} // namespace pitwall::tyres
