#pragma once
// Temperatures of one car: engine coolant, oil, four tyres and four brakes. Each
// follows its load with a first-order lag: throttle and dirty air heat the engine,
// cornering and braking heat the tyres, braking heats the brakes, speed cools.

#include <array>

namespace pitwall {

struct ThermalInputs {
    double speedMs = 0;
    double throttle = 0; // 0..1
    double brake = 0;    // 0..1
    double lateralG = 0; // + turning left
    double ambientC = 25;
    bool dirtyAir = false;
    double tyreOffsetC = 0; // compound and wear
};

class ThermalModel {
public:
    enum Wheel { FrontLeft, FrontRight, RearLeft, RearRight };

    explicit ThermalModel(double ambientC);
    void update(double dt, const ThermalInputs &in);

    double engineC() const { return m_engine; }
    double oilC() const { return m_oil; }
    const std::array<double, 4> &tyresC() const { return m_tyres; }
    const std::array<double, 4> &brakesC() const { return m_brakes; }

private:
    double m_engine;
    double m_oil;
    std::array<double, 4> m_tyres;
    std::array<double, 4> m_brakes;
};

} // namespace pitwall
