#include "RaceSimulator.h"

#include "CarLimits.h"

#include <QDateTime>
#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace pitwall {

namespace {

constexpr double kCheckpointM = 50.0; // timing loop spacing
constexpr double kGridSlotM = 8.0;
constexpr double kLaunchAccel = 13.0;           // m/s^2 cap on speeding up (launch, out of traffic)
constexpr double kFuelPenaltyPerKg = 0.00032;   // lap-time fraction per kg of fuel
constexpr double kFuelPerLapShare = 1.0 / 57.0; // of the 105 kg limit per "standard" lap
constexpr double kMinFollowM = 6.0;
constexpr double kDirtyAirS = 1.0;
constexpr double kDrsGainFactor = 1.035;
constexpr double kSafetyCarPace = 0.62;
constexpr double kVscPace = 0.70;
constexpr double kStationaryMeanS = 2.4;
constexpr int kDrsFromLap = 3;

const QStringList kRetirementReasons{QStringLiteral("power unit"), QStringLiteral("gearbox"),    QStringLiteral("hydraulics"),
                                     QStringLiteral("brakes"),     QStringLiteral("water leak"), QStringLiteral("suspension")};

double wrapTo(double value, double length)
{
    double wrapped = std::fmod(value, length);
    return wrapped < 0 ? wrapped + length : wrapped;
}

// Whether travelling from `from` to `to` (lap distances, `to` possibly wrapped past the
// line) passes `mark`.
bool passes(double from, double to, double mark)
{
    if (to >= from)
        return from < mark && mark <= to;
    return mark > from || mark <= to; // wrapped over the line
}

} // namespace

void SimOutput::clear()
{
    telemetry.clear();
    positions.clear();
    teamMetrics.clear();
    events.clear();
    faultLabels.clear();
}

Expected<std::unique_ptr<RaceSimulator>> RaceSimulator::create(const Grid &grid, const SimOptions &options)
{
    auto circuit = Circuit::builtIn(options.circuitId);
    if (!circuit)
        return circuit.error();
    if (options.laps < 0 || options.laps > 100)
        return Error{QStringLiteral("laps must be from 1 to 100, not %1").arg(options.laps)};
    if (options.telemetryHz < 1 || options.telemetryHz > 50)
        return Error{QStringLiteral("telemetry rate must be 1 to 50 Hz, not %1").arg(options.telemetryHz)};
    if (options.faultsPerCarHour < 0 || options.faultsPerCarHour > 60)
        return Error{QStringLiteral("fault rate must be 0 to 60 per car per hour, not %1").arg(options.faultsPerCarHour)};
    if (!options.heroDriver.isEmpty() && !grid.findDriver(options.heroDriver))
        return Error{QStringLiteral("no driver named '%1' on the grid").arg(options.heroDriver)};
    if (grid.drivers().size() < 2)
        return Error{QStringLiteral("a race needs at least two drivers")};
    std::unique_ptr<RaceSimulator> simulator(new RaceSimulator(grid, options, std::move(circuit).value()));
    simulator->setUpCars();
    return simulator;
}

RaceSimulator::RaceSimulator(const Grid &grid, const SimOptions &options, Circuit circuit)
    : m_grid(grid)
    , m_options(options)
    , m_circuit(std::move(circuit))
    , m_geometry(std::make_unique<TrackGeometry>(m_circuit))
    , m_profile(std::make_unique<SpeedProfile>(m_circuit))
    , m_random(options.seed)
    , m_sensorNoise(options.seed ^ 0x9e37'79b9'7f4a'7c15ULL)
    , m_totalLaps(options.laps > 0 ? options.laps : m_circuit.laps)
    , m_dt(1.0 / options.telemetryHz)
    , m_startEpochMs(options.startEpochMs > 0 ? options.startEpochMs : QDateTime::currentMSecsSinceEpoch())
{
    if (m_options.raceId.isEmpty())
        m_options.raceId = QStringLiteral("race-%1").arg(options.seed);
    const double expectedRaceS = m_totalLaps * m_profile->lapTimeS() * 1.06;
    m_faults = std::make_unique<FaultPlan>(int(grid.drivers().size()), expectedRaceS, options.faultsPerCarHour, options.seed);
    m_checkpointFirstS.assign(size_t((m_totalLaps + 2) * m_circuit.lengthM / kCheckpointM) + 2,
                              std::numeric_limits<double>::quiet_NaN());

    // Pit lane speed such that a stop costs the circuit's typical time.
    const double laneLength = (m_circuit.lengthM - m_circuit.pitEntryM) + m_circuit.pitExitM;
    double racingTime = 0;
    for (double s = m_circuit.pitEntryM; s < m_circuit.pitEntryM + laneLength; s += 5.0)
        racingTime += 5.0 / m_profile->at(s).speedMs;
    m_laneSpeedMs = laneLength / std::max(5.0, m_circuit.pitLossS - kStationaryMeanS + racingTime);
}

void RaceSimulator::setUpCars()
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> normal(0.0, 1.0);
    const auto &drivers = m_grid.drivers();
    m_cars.resize(drivers.size());
    for (qsizetype i = 0; i < drivers.size(); ++i) {
        Car &car = m_cars[i];
        car.index = int(i);
        car.driver = &drivers[i];
        car.team = &m_grid.teamOf(drivers[i]);
        car.paceFactor = 1.0 + car.team->pace + car.driver->skill;
        car.consistency = car.driver->consistency;
        car.plan = planStrategy(m_totalLaps, m_random);
        car.compound = car.plan.startCompound;
        const double burnPerLap = 105.0 * kFuelPerLapShare * m_circuit.lengthM / 5300.0;
        car.fuelKg = std::min(105.0, burnPerLap * m_totalLaps + 1.5);
        car.thermal = std::make_unique<ThermalModel>(m_circuit.ambientC);
        car.launchDelayS = 0.15 + 0.25 * unit(m_random);
        if (options().heroDriver == car.driver->name)
            m_heroIndex = int(i);
    }
    // Mechanical retirements: about one car in twenty over a full race distance.
    const double raceShare = double(m_totalLaps) / std::max(1, m_circuit.laps);
    const double expectedRaceS = m_totalLaps * m_profile->lapTimeS() * 1.06;
    for (auto &car : m_cars) {
        if (int(car.index) != m_heroIndex && unit(m_random) < 0.05 * raceShare) {
            car.retireAtS = 60 + unit(m_random) * (expectedRaceS - 120);
            car.retireReason = kRetirementReasons[int(unit(m_random) * kRetirementReasons.size()) % kRetirementReasons.size()];
            car.retireCausesIncident = unit(m_random) < 0.5;
        }
    }
    // An accident brings out the safety car in about one race in four.
    if (unit(m_random) < 0.25 * raceShare)
        m_incidentAtS = 90 + unit(m_random) * std::max(1.0, expectedRaceS - 300);

    // Qualifying: pace plus a little luck sets the grid.
    std::vector<std::pair<double, int>> qualifying;
    for (const auto &car : m_cars)
        qualifying.push_back({car.paceFactor + 0.0025 * normal(m_random), car.index});
    std::sort(qualifying.begin(), qualifying.end());
    std::vector<int> gridOrder;
    for (const auto &[time, index] : qualifying)
        gridOrder.push_back(index);
    if (m_heroIndex >= 0) {
        // The demo's story: the chosen driver starts P5-P10, in the fastest car on the day.
        gridOrder.erase(std::find(gridOrder.begin(), gridOrder.end(), m_heroIndex));
        const int slot = 4 + int(unit(m_random) * 6) % 6;
        gridOrder.insert(gridOrder.begin() + std::min<int>(slot, int(gridOrder.size())), m_heroIndex);
        double best = 2.0;
        for (const auto &car : m_cars)
            best = std::min(best, car.paceFactor);
        m_cars[m_heroIndex].paceFactor = best - 0.0015;
        m_cars[m_heroIndex].consistency = 0.0015;
    }
    for (size_t slot = 0; slot < gridOrder.size(); ++slot) {
        Car &car = m_cars[gridOrder[slot]];
        car.distanceM = -(5.0 + kGridSlotM * double(slot));
        m_order.push_back(car.index);
    }

    SimOutput setup;
    QJsonArray grid;
    for (int index : gridOrder)
        grid.append(m_cars[index].driver->name);
    emitEvent(setup, event(QStringLiteral("race_started"), 1, {},
                           {{"circuit", m_circuit.id},
                            {"circuit_name", m_circuit.name},
                            {"laps", m_totalLaps},
                            {"grid", grid},
                            {"seed", QString::number(m_options.seed)}}));
    m_pendingStart = std::move(setup.events);
}

int RaceSimulator::leaderLap() const
{
    int lap = 0;
    for (const auto &car : m_cars)
        lap = std::max(lap, car.completedLaps);
    return std::min(lap + 1, m_totalLaps);
}

double RaceSimulator::lapTimeMultiplier(const Car &car) const
{
    return car.paceFactor * (1.0 + kFuelPenaltyPerKg * car.fuelKg + tyres::penalty(car.compound, car.tyreAge) + car.lapNoise);
}

bool RaceSimulator::inDrsZone(int zone, double lapPos) const
{
    const auto &z = m_circuit.drsZones[zone];
    return z.startM <= z.endM ? (lapPos >= z.startM && lapPos < z.endM) : (lapPos >= z.startM || lapPos < z.endM);
}

std::vector<RaceSimulator::Car *> RaceSimulator::runningOrder()
{
    std::vector<Car *> order;
    for (auto &car : m_cars)
        order.push_back(&car);
    std::stable_sort(order.begin(), order.end(), [](const Car *a, const Car *b) {
        // Finishers in finishing order, then cars on track by distance, then retirements (latest first).
        auto rank = [](const Car *c) { return c->status == Status::Finished ? 0 : c->status == Status::Running ? 1 : 2; };
        if (rank(a) != rank(b))
            return rank(a) < rank(b);
        if (a->status == Status::Finished) // more laps first, then who took the flag first
            return a->completedLaps != b->completedLaps ? a->completedLaps > b->completedLaps : a->finishS < b->finishS;
        if (a->status == Status::Retired)
            return a->finishOrder > b->finishOrder;
        return a->distanceM > b->distanceM;
    });
    return order;
}

void RaceSimulator::step(SimOutput &out)
{
    if (m_finished)
        return;
    if (!m_pendingStart.empty()) {
        for (auto &e : m_pendingStart)
            out.events.push_back(std::move(e));
        m_pendingStart.clear();
    }
    m_timeS += m_dt;
    raceControl(out);

    auto before = runningOrder();
    // Cars move front to back, so each sees the car ahead where it is now.
    const Car *ahead = nullptr;
    for (Car *car : before) {
        if (car->status != Status::Running)
            continue;
        const double oldDistance = car->distanceM;
        moveCar(*car, ahead, out);
        crossings(*car, oldDistance, out);
        if (car->status == Status::Running && car->pit == PitPhase::None)
            ahead = car;
    }
    detectOvertakes(before, out);
    for (auto &car : m_cars) {
        if (car.status == Status::Running)
            emitTelemetry(car, out);
    }
    if (m_timeS + 1e-9 >= m_nextSecondS) {
        m_nextSecondS += 1.0;
        emitPositions(out);
        emitTeamMetrics(out);
    }
    if (m_chequered) {
        bool anyRunning = false;
        for (const auto &car : m_cars)
            anyRunning = anyRunning || car.status == Status::Running;
        if (!anyRunning) {
            m_finished = true;
            QJsonArray classification;
            for (const auto &name : this->classification())
                classification.append(name);
            emitEvent(out, event(QStringLiteral("race_finished"), m_totalLaps, {}, {{"classification", classification}}));
        }
    }
}

double RaceSimulator::targetSpeed(Car &car, const Car *ahead, double lapPos)
{
    const auto profile = m_profile->at(lapPos);
    double target = profile.speedMs / lapTimeMultiplier(car);
    car.throttle = profile.throttle;
    car.brake = profile.brake;
    const bool onStraight = profile.throttle >= 1.0;

    if (car.drsOpen && onStraight)
        target *= kDrsGainFactor;

    car.dirtyAir = false;
    if (ahead) {
        const double gapM = ahead->distanceM - car.distanceM;
        const double followS = gapM / std::max(car.speedMs, 10.0);
        car.dirtyAir = followS < kDirtyAirS;
        if (car.dirtyAir && !onStraight)
            target *= 0.992; // turbulent air costs grip in the corners
        if (gapM < 2.5 * kMinFollowM) {
            // Close behind: pass only on a straight, and only if the pace, DRS and luck allow.
            const int zone = int(lapPos / 200.0);
            if (zone != car.passZone) {
                car.passZone = zone;
                const double paceDelta = lapTimeMultiplier(*ahead) / lapTimeMultiplier(car) - 1.0;
                double chance = 0.05 + 30.0 * paceDelta + (car.drsOpen ? 0.25 : 0.0) + (car.index == m_heroIndex ? 0.25 : 0.0);
                std::uniform_real_distribution<double> unit(0.0, 1.0);
                car.passAllowed = onStraight && m_neutralised == Neutralised::No && unit(m_random) < std::clamp(chance, 0.0, 0.9);
            }
            if (!car.passAllowed || !onStraight || m_neutralised != Neutralised::No)
                target = std::min(target, ahead->speedMs * (gapM < kMinFollowM ? 0.98 : 1.0));
        }
    }

    switch (m_neutralised) {
    case Neutralised::SafetyCar: {
        // The field queues behind the safety car: the leader at its pace, the others catch up.
        const double gapM = ahead ? ahead->distanceM - car.distanceM : 0.0;
        const double pace = !ahead ? kSafetyCarPace : (gapM > 40.0 ? 0.85 : kSafetyCarPace);
        target = std::min(target, profile.speedMs * pace);
        break;
    }
    case Neutralised::VirtualSafetyCar: target = std::min(target, profile.speedMs * kVscPace); break;
    case Neutralised::No: break;
    }

    if (car.pit != PitPhase::None) {
        target = std::min(target, m_laneSpeedMs);
        car.throttle = 0.3;
        car.brake = 0.0;
    }
    if (m_timeS < car.launchDelayS)
        target = 0;
    return target;
}

void RaceSimulator::moveCar(Car &car, const Car *ahead, SimOutput &out)
{
    if (m_timeS >= car.retireAtS) {
        retire(car, car.retireReason, out);
        if (car.retireCausesIncident && m_neutralised == Neutralised::No) {
            m_neutralised = Neutralised::VirtualSafetyCar;
            m_neutralisedUntilS = m_timeS + 60 + 60 * std::uniform_real_distribution<double>(0, 1)(m_random);
            emitEvent(out, event(QStringLiteral("safety_car"), car.completedLaps + 1, {},
                                 {{"type", "VSC"}, {"state", "deployed"}, {"reason", car.driver->name + " stopped on track"}}));
        }
        return;
    }
    startFaults(car, out);
    if (car.pit == PitPhase::Stationary) {
        car.speedMs = 0;
        car.throttle = 0;
        car.brake = 0;
        if (m_timeS >= car.stationaryUntilS)
            car.pit = PitPhase::Lane;
    } else {
        const double lapPos = wrapTo(car.distanceM, m_circuit.lengthM);
        const double target = targetSpeed(car, ahead, lapPos);
        car.speedMs = std::max(0.0, std::min(target, car.speedMs + kLaunchAccel * m_dt));
        if (car.speedMs < target - 0.5) {
            car.throttle = 1.0;
            car.brake = 0.0;
        }
        car.distanceM += car.speedMs * m_dt;
        if (ahead && car.pit == PitPhase::None && !car.passAllowed)
            car.distanceM = std::min(car.distanceM, ahead->distanceM - kMinFollowM * 0.5);
    }

    const double lapPos = wrapTo(car.distanceM, m_circuit.lengthM);
    // The centreline is drawn from a corner list, so where corners crowd together its
    // curvature can ask more than the tyres give: load them no further than their grip.
    const double gripG = car::lateralLimit(car.speedMs) / car::kG;
    const double lateralG = std::clamp(car.speedMs * car.speedMs * m_geometry->curvatureAt(lapPos) / car::kG, -gripG, gripG);
    const double wear = std::max(0, car.tyreAge - tyres::characteristics(car.compound).lifeLaps);
    car.thermal->update(m_dt, ThermalInputs{car.speedMs, car.throttle, car.brake, lateralG, m_circuit.ambientC, car.dirtyAir,
                                            tyres::characteristics(car.compound).tempOffsetC + 1.5 * wear});

    // Gears and revs follow the speed: eight gears spread up to the circuit's top speed.
    static constexpr double kGearShare[8] = {0.30, 0.41, 0.51, 0.60, 0.69, 0.78, 0.88, 1.0};
    const double top = m_profile->topSpeedMs() * 1.04;
    car.gear = 8;
    for (int g = 0; g < 8; ++g) {
        if (car.speedMs <= 0.95 * top * kGearShare[g]) {
            car.gear = g + 1;
            break;
        }
    }
    car.rpm = int(std::clamp(11900.0 * car.speedMs / (top * kGearShare[car.gear - 1]), 4000.0, 12200.0));
    const double burnPerM = 105.0 * kFuelPerLapShare / 5300.0;
    car.fuelKg = std::max(0.0, car.fuelKg - burnPerM * car.speedMs * m_dt * (0.4 + 0.6 * car.throttle));
}

void RaceSimulator::crossings(Car &car, double oldDistance, SimOutput &out)
{
    if (car.status != Status::Running)
        return;
    const double length = m_circuit.lengthM;
    const double from = wrapTo(oldDistance, length), to = wrapTo(car.distanceM, length);
    if (car.distanceM <= oldDistance)
        return;

    // Timing checkpoints: the first car through sets the reference for the gaps.
    if (car.distanceM >= 0) {
        const int checkpoint = int(car.distanceM / kCheckpointM);
        if (checkpoint != car.checkpoint && checkpoint < int(m_checkpointFirstS.size())) {
            car.checkpoint = checkpoint;
            car.checkpointS = m_timeS;
            if (std::isnan(m_checkpointFirstS[checkpoint]))
                m_checkpointFirstS[checkpoint] = m_timeS;
        }
    }

    // Sectors 1 and 2 end at their marks; sector 3 at the line.
    for (int sector = 0; sector < 2; ++sector) {
        const double mark = sector == 0 ? m_circuit.sector1EndM : m_circuit.sector2EndM;
        if (car.onLap && passes(from, to, mark)) {
            car.sectorTimes[sector] = m_timeS - car.sectorStartS;
            car.sectorStartS = m_timeS;
        }
    }

    // DRS: armed within a second of the car ahead at detection, open through the zone.
    for (int zone = 0; zone < m_circuit.drsZones.size(); ++zone) {
        const auto &z = m_circuit.drsZones[zone];
        if (passes(from, to, z.detectionM)) {
            const bool allowed = leaderLap() >= kDrsFromLap && m_neutralised == Neutralised::No && car.pit == PitPhase::None;
            car.drsArmedZone = allowed && gapToLeaderS(car) > 0.0 && car.dirtyAir ? zone : -1;
        }
        if (car.drsArmedZone == zone && passes(from, to, z.startM))
            car.drsOpen = true;
        if (car.drsOpen && car.drsArmedZone == zone && passes(from, to, z.endM)) {
            car.drsOpen = false;
            car.drsArmedZone = -1;
        }
    }

    // Pit lane: in at the entry on the lap of a planned stop, out at the exit.
    const bool stopDue = car.nextStop < car.plan.stops.size() && car.completedLaps + 1 >= car.plan.stops[car.nextStop].lap && !m_chequered;
    if (car.pit == PitPhase::None && stopDue && car.onLap && passes(from, to, m_circuit.pitEntryM)) {
        car.pit = PitPhase::Lane;
        car.pitLaneThisLap = true;
        car.serviced = false;
        car.drsOpen = false;
    }
    if (car.pit == PitPhase::Lane && car.serviced && passes(from, to, m_circuit.pitExitM))
        car.pit = PitPhase::None;

    // The line.
    if (oldDistance < 0 && car.distanceM >= 0) {
        car.onLap = true;
        car.lapStartS = car.sectorStartS = m_timeS;
    } else if (car.distanceM >= 0 && std::floor(car.distanceM / length) > std::floor(oldDistance / length)) {
        const double overshoot = wrapTo(car.distanceM, length);
        const double crossingS = m_timeS - (car.speedMs > 0 ? overshoot / car.speedMs : 0.0);
        completeLap(car, crossingS, out);
    }
}

void RaceSimulator::completeLap(Car &car, double crossingS, SimOutput &out)
{
    const double lapS = crossingS - car.lapStartS;
    car.sectorTimes[2] = crossingS - car.sectorStartS;
    car.lapStartS = car.sectorStartS = crossingS;
    ++car.completedLaps;
    ++car.tyreAge;
    std::normal_distribution<double> noise(0.0, car.consistency);
    car.lapNoise = noise(m_random);
    // The chosen driver digs deep when off the podium late in the race.
    if (car.index == m_heroIndex && car.completedLaps > m_totalLaps * 0.6) {
        const auto order = runningOrder();
        const auto place = std::find(order.begin(), order.end(), &car) - order.begin();
        if (place > 2)
            car.lapNoise -= 0.006;
    }

    // In-laps and out-laps both carry the pit lane's time loss.
    const bool pitLap = car.pitLaneThisLap || car.pit != PitPhase::None;
    car.pitLaneThisLap = car.pit != PitPhase::None;
    emitEvent(out, event(QStringLiteral("lap_completed"), car.completedLaps, car.driver->name,
                         {{"lap_time_ms", qint64(std::lround(lapS * 1000))},
                          {"sector_ms", QJsonArray{qint64(std::lround(car.sectorTimes[0] * 1000)),
                                                   qint64(std::lround(car.sectorTimes[1] * 1000)),
                                                   qint64(std::lround(car.sectorTimes[2] * 1000))}},
                          {"tyre", tyres::name(car.compound)},
                          {"tyre_age_laps", car.tyreAge},
                          {"pit_lap", pitLap},
                          {"neutralised", m_neutralised != Neutralised::No}}));
    if (car.completedLaps > 1 && !pitLap && lapS < m_fastestLapS) {
        m_fastestLapS = lapS;
        emitEvent(out, event(QStringLiteral("fastest_lap"), car.completedLaps, car.driver->name,
                             {{"lap_time_ms", qint64(std::lround(lapS * 1000))}}));
    }

    // A car in the pit lane stops at its box, at the line.
    if (car.pit == PitPhase::Lane && !car.serviced) {
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        double stationary = kStationaryMeanS + 0.3 * (unit(m_random) - 0.5);
        if (unit(m_random) < 0.04 || (car.index == m_heroIndex && car.pitStops == 0))
            stationary += 3.0 + 4.0 * unit(m_random); // a slow stop
        const auto from = car.compound;
        car.compound = car.plan.stops[car.nextStop].compound;
        ++car.nextStop;
        ++car.pitStops;
        car.tyreAge = 0;
        car.serviced = true;
        car.pit = PitPhase::Stationary;
        car.stationaryUntilS = m_timeS + stationary;
        emitEvent(out, event(QStringLiteral("pit_stop"), car.completedLaps, car.driver->name,
                             {{"from", tyres::name(from)},
                              {"to", tyres::name(car.compound)},
                              {"stationary_ms", qint64(std::lround(stationary * 1000))},
                              {"stop", car.pitStops}}));
    }

    if (!m_chequered && car.completedLaps >= m_totalLaps)
        m_chequered = true;
    if (m_chequered)
        finishCar(car, out);
}

void RaceSimulator::finishCar(Car &car, SimOutput &)
{
    car.status = Status::Finished;
    car.finishS = m_timeS;
    ++m_finishers;
    car.speedMs = 0;
    car.pit = PitPhase::None;
}

void RaceSimulator::retire(Car &car, const QString &reason, SimOutput &out)
{
    car.status = Status::Retired;
    car.finishOrder = m_retirements++;
    car.speedMs = 0;
    car.retireAtS = std::numeric_limits<double>::infinity();
    emitEvent(out, event(QStringLiteral("retirement"), car.completedLaps + 1, car.driver->name, {{"reason", reason}}));
}

void RaceSimulator::raceControl(SimOutput &out)
{
    if (m_neutralised != Neutralised::No && m_timeS >= m_neutralisedUntilS) {
        const bool safetyCar = m_neutralised == Neutralised::SafetyCar;
        m_neutralised = Neutralised::No;
        emitEvent(out, event(QStringLiteral("safety_car"), leaderLap(), {}, {{"type", safetyCar ? "SC" : "VSC"}, {"state", "ending"}}));
    }
    if (m_timeS >= m_incidentAtS && !m_chequered) {
        m_incidentAtS = std::numeric_limits<double>::infinity();
        // An accident: a car from the midfield or the back, and the safety car.
        std::uniform_int_distribution<int> pick(0, int(m_cars.size()) - 1);
        for (int attempt = 0; attempt < 10; ++attempt) {
            Car &car = m_cars[pick(m_random)];
            if (car.status != Status::Running || car.index == m_heroIndex)
                continue;
            retire(car, QStringLiteral("accident"), out);
            if (m_neutralised == Neutralised::No) {
                std::uniform_real_distribution<double> laps(3.0, 5.0);
                m_neutralised = Neutralised::SafetyCar;
                m_neutralisedUntilS = m_timeS + laps(m_random) * m_profile->lapTimeS() / kSafetyCarPace;
                emitEvent(out, event(QStringLiteral("safety_car"), leaderLap(), {},
                                     {{"type", "SC"}, {"state", "deployed"}, {"reason", car.driver->name + " accident"}}));
                // A cheap stop under the safety car: teams bring planned stops forward.
                for (auto &other : m_cars) {
                    if (other.nextStop < other.plan.stops.size() && other.plan.stops[other.nextStop].lap - (other.completedLaps + 1) <= 8)
                        other.plan.stops[other.nextStop].lap = std::min(other.plan.stops[other.nextStop].lap, other.completedLaps + 1);
                }
            }
            break;
        }
    }
}

void RaceSimulator::detectOvertakes(const std::vector<Car *> &before, SimOutput &out)
{
    // Passes on track between running cars outside the pit lane count as overtakes.
    auto onTrack = [](const Car *c) { return c->status == Status::Running && c->pit == PitPhase::None && c->distanceM > 0; };
    const auto after = runningOrder();
    std::vector<int> positionBefore(m_cars.size()), positionAfter(m_cars.size());
    for (size_t i = 0; i < before.size(); ++i)
        positionBefore[before[i]->index] = int(i);
    for (size_t i = 0; i < after.size(); ++i)
        positionAfter[after[i]->index] = int(i);
    for (const Car *car : after) {
        if (!onTrack(car) || positionAfter[car->index] >= positionBefore[car->index])
            continue;
        for (const Car *other : after) {
            if (other == car || !onTrack(other))
                continue;
            if (positionBefore[other->index] < positionBefore[car->index] && positionAfter[other->index] > positionAfter[car->index]) {
                QJsonObject details{{"passed", other->driver->name}, {"position", positionAfter[car->index] + 1}, {"drs", car->drsOpen}};
                emitEvent(out, event(QStringLiteral("overtake"), car->completedLaps + 1, car->driver->name, details));
            }
        }
    }
}

double RaceSimulator::gapToLeaderS(const Car &car) const
{
    if (car.checkpoint < 0 || car.checkpoint >= int(m_checkpointFirstS.size()))
        return 0.0;
    return std::max(0.0, car.checkpointS - m_checkpointFirstS[car.checkpoint]);
}

void RaceSimulator::startFaults(Car &car, SimOutput &out)
{
    if (m_chequered)
        return; // cars are done: a fault now would have no readings to show in
    const auto &metricNames = telemetryMetricNames();
    for (PlannedFault *fault : m_faults->starting(car.index, raceMs())) {
        FaultLabel label{m_options.raceId,
                         car.driver->name,
                         car.team->name,
                         metricNames[fault->metric],
                         fault->kind,
                         m_startEpochMs + fault->startMs,
                         m_startEpochMs + fault->endMs};
        out.faultLabels.push_back(label);
        m_labels.push_back(label);
        emitEvent(out, event(QStringLiteral("fault"), car.completedLaps + 1, car.driver->name,
                             {{"metric", label.metric}, {"kind", label.kind}, {"start_ms", label.startMs}, {"end_ms", label.endMs}}));
    }
}

void RaceSimulator::emitTelemetry(Car &car, SimOutput &out)
{
    const double lapPos = wrapTo(car.distanceM, m_circuit.lengthM);
    const QPointF position = m_geometry->positionAt(lapPos);
    TelemetrySample sample;
    sample.raceId = m_options.raceId;
    sample.driverName = car.driver->name;
    sample.teamName = car.team->name;
    sample.timestampMs = timestampAt(m_timeS);
    sample.lap = std::min(car.completedLaps + 1, m_totalLaps);
    sample.lapDistanceM = lapPos;
    sample.x = position.x();
    sample.y = position.y();
    sample.speedKph = car.speedMs * 3.6;
    sample.rpm = car.rpm;
    sample.gear = car.speedMs < 0.5 ? 0 : car.gear;
    sample.throttle = car.throttle * 100.0;
    sample.brake = car.brake * 100.0;
    sample.drs = car.drsOpen;
    sample.fuelKg = car.fuelKg;
    sample.tyre = tyres::name(car.compound);
    sample.tyreAgeLaps = car.tyreAge;
    // Sensors read the true temperature with a little noise; faults act on the reading.
    std::normal_distribution<double> noise(0.0, 0.3);
    const auto &thermal = *car.thermal;
    sample.engineTemperatureC = m_faults->reading(car.index, 0, thermal.engineC() + noise(m_sensorNoise), raceMs());
    sample.oilTemperatureC = m_faults->reading(car.index, 1, thermal.oilC() + noise(m_sensorNoise), raceMs());
    for (int wheel = 0; wheel < 4; ++wheel) {
        sample.tyreTemperatureC[wheel] = m_faults->reading(car.index, 2 + wheel, thermal.tyresC()[wheel] + noise(m_sensorNoise),
                                                           raceMs());
        sample.brakeTemperatureC[wheel] = m_faults->reading(car.index, 6 + wheel,
                                                            thermal.brakesC()[wheel] + 3 * noise(m_sensorNoise), raceMs());
    }
    out.telemetry.push_back(std::move(sample));
}

void RaceSimulator::emitPositions(SimOutput &out)
{
    const auto order = runningOrder();
    const qint64 now = timestampAt(m_timeS);
    double previousGap = 0;
    for (size_t i = 0; i < order.size(); ++i) {
        const Car &car = *order[i];
        const double gap = i == 0 ? 0.0 : gapToLeaderS(car);
        PositionUpdate update{car.driver->name, int(i + 1),     now,
                              m_options.raceId, car.team->name, std::round(car.speedMs * 36.0) / 10.0};
        if (car.status != Status::Retired) {
            update.gapToLeaderS = std::round(gap * 1000) / 1000;
            update.intervalS = std::round(std::max(0.0, gap - previousGap) * 1000) / 1000;
            previousGap = gap;
        }
        update.lap = std::min(car.completedLaps + (car.status == Status::Running ? 1 : 0), m_totalLaps);
        update.tyre = tyres::name(car.compound);
        update.tyreAgeLaps = car.tyreAge;
        update.pitStops = car.pitStops;
        update.status = car.status == Status::Retired    ? QStringLiteral("retired")
                        : car.status == Status::Finished ? QStringLiteral("finished")
                        : car.pit != PitPhase::None      ? QStringLiteral("pit")
                                                         : QStringLiteral("running");
        out.positions.push_back(std::move(update));
    }
}

void RaceSimulator::emitTeamMetrics(SimOutput &out)
{
    // The demo's stream: one engine temperature per team, from its first car still running.
    for (const auto &team : m_grid.teams()) {
        for (const auto &car : m_cars) {
            if (car.team->name != team.name || car.status != Status::Running)
                continue;
            const auto reading = m_faults->reading(car.index, 0, car.thermal->engineC(), raceMs());
            if (reading) // a dropped-out sensor sends nothing
                out.teamMetrics.push_back(CarMetrics{team.name, timestampAt(m_timeS), std::round(*reading * 100) / 100});
            break;
        }
    }
}

QStringList RaceSimulator::classification() const
{
    QStringList names;
    for (const Car *car : const_cast<RaceSimulator *>(this)->runningOrder())
        names << car->driver->name;
    return names;
}

RaceEvent RaceSimulator::event(const QString &kind, int lap, const QString &driver, const QJsonObject &details)
{
    return RaceEvent{m_options.raceId, timestampAt(m_timeS), kind, std::clamp(lap, 0, m_totalLaps), driver, details};
}

void RaceSimulator::emitEvent(SimOutput &out, RaceEvent event)
{
    ++m_eventCounts[event.kind];
    out.events.push_back(std::move(event));
}

} // namespace pitwall
