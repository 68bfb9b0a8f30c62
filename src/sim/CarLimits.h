#pragma once
// The performance envelope of a reference 2025 Formula 1 car, in SI units. One set of
// numbers serves every circuit; only the downforce level (drag factor) changes.

#include <algorithm>
#include <cmath>

namespace pitwall::car {

inline constexpr double kG = 9.81;
inline constexpr double kMassKg = 800.0;    // car + driver, at the minimum weight
inline constexpr double kPowerW = 745000.0; // ~1000 hp from the power unit
inline constexpr double kAirDensity = 1.2;
inline constexpr double kDragAreaM2 = 1.35; // CdA at a mid-downforce setting
inline constexpr double kRollingN = 250.0;
inline constexpr double kDrsDragCut = 0.15; // DRS open: 15% less drag

// Cornering grip rises with downforce, i.e. with speed squared.
inline double lateralLimit(double speedMs)
{
    return std::min(kG * (1.9 + 3.6 * (speedMs * speedMs) / (80.0 * 80.0)), 6.0 * kG);
}

// Braking: ~2g at low speed, up to ~5.5g at high speed (downforce and drag help).
inline double brakingLimit(double speedMs)
{
    return std::min(kG * (2.2 + 3.4 * (speedMs * speedMs) / (85.0 * 85.0)), 5.6 * kG);
}

// Forward acceleration: traction-limited at low speed, power- and drag-limited above.
inline double accelerationLimit(double speedMs, double dragFactor, double massKg = kMassKg)
{
    const double v = std::max(speedMs, 5.0);
    const double traction = kG * (1.1 + 0.6 * (v * v) / (80.0 * 80.0)) * massKg;
    const double power = kPowerW / v;
    const double drag = 0.5 * kAirDensity * kDragAreaM2 * dragFactor * v * v + kRollingN;
    return (std::min(traction, power) - drag) / massKg;
}

// Radius that makes `speedMs` the limit speed of a corner.
inline double radiusForApexSpeed(double speedMs)
{
    return speedMs * speedMs / lateralLimit(speedMs);
}

} // namespace pitwall::car
