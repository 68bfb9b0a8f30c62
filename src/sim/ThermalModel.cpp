#include "ThermalModel.h"

#include <algorithm>
#include <cmath>

namespace pitwall {

namespace {

// Moves `value` towards `target` with time constant `tau` seconds.
void approach(double &value, double target, double tau, double dt)
{
    value += (target - value) * (1.0 - std::exp(-dt / tau));
}

} // namespace

ThermalModel::ThermalModel(double ambientC)
    : m_engine(ambientC + 62)
    , m_oil(ambientC + 70)
    , m_tyres{80, 80, 78, 78} // out of the tyre blankets
    , m_brakes{ambientC + 150, ambientC + 150, ambientC + 120, ambientC + 120}
{
}

void ThermalModel::update(double dt, const ThermalInputs &in)
{
    const double speedShare = std::min(in.speedMs / 90.0, 1.2);
    const double engineTarget = in.ambientC + 62 + 24 * in.throttle - 9 * speedShare + (in.dirtyAir ? 5 : 0);
    approach(m_engine, engineTarget, 18.0, dt);
    approach(m_oil, m_engine + 9 + 5 * in.throttle, 35.0, dt);

    const double lateral = std::abs(in.lateralG);
    // A left turn loads the right-hand tyres, and the other way round.
    const bool leftTurn = in.lateralG > 0;
    for (int wheel = 0; wheel < 4; ++wheel) {
        const bool front = wheel == FrontLeft || wheel == FrontRight;
        const bool rightSide = wheel == FrontRight || wheel == RearRight;
        const bool outer = leftTurn ? rightSide : !rightSide;
        const double target = 84 + 0.25 * in.ambientC + 2.5 * lateral + (outer ? 4.0 * lateral : 0.0) +
                              (front ? 14.0 * in.brake : 8.0 * in.throttle) + in.tyreOffsetC;
        approach(m_tyres[wheel], target, 6.0, dt);

        // Brakes: heat from braking power, cooled by airflow.
        const double heating = (front ? 3.2 : 2.1) * in.brake * in.speedMs;
        const double cooling = 0.018 * (m_brakes[wheel] - in.ambientC) * (0.6 + in.speedMs / 35.0);
        m_brakes[wheel] = std::max(in.ambientC, m_brakes[wheel] + dt * (heating - cooling));
    }
}

} // namespace pitwall
