#pragma once
// A Formula 1 race, step by step at the telemetry rate: 20 cars on a real circuit,
// with tyre strategies, pit stops, overtakes, safety cars, retirements and labelled
// faults. Deterministic for a given seed. Knows nothing of Kafka: each step appends
// what happened to a SimOutput.

#include "Circuit.h"
#include "FaultPlan.h"
#include "SpeedProfile.h"
#include "StrategyPlanner.h"
#include "ThermalModel.h"
#include "TrackGeometry.h"
#include "core/Expected.h"
#include "core/Grid.h"
#include "core/Messages.h"

#include <QMap>
#include <cmath>
#include <limits>
#include <memory>
#include <random>
#include <vector>

namespace pitwall {

struct SimOptions {
    QString circuitId = QStringLiteral("monza");
    int laps = 0;                  // 0: the circuit's race distance
    quint64 seed = 0;              // 0: a random seed (chosen by the race session)
    int telemetryHz = 10;          // 1..50 samples per car per second
    double faultsPerCarHour = 0.5; // 0: a clean race
    QString heroDriver;            // empty: a realistic race; else that driver's drive to the podium
    qint64 startEpochMs = 0;       // timestamp of the start; 0: now
    QString raceId;
};

struct SimOutput {
    std::vector<TelemetrySample> telemetry;
    QVector<PositionUpdate> positions; // every driver, once a second of race time
    QVector<CarMetrics> teamMetrics;   // one per team, once a second (the demo's stream)
    std::vector<RaceEvent> events;
    std::vector<FaultLabel> faultLabels;

    void clear();
};

class RaceSimulator {
public:
    static Expected<std::unique_ptr<RaceSimulator>> create(const Grid &grid, const SimOptions &options);

    // Advances one telemetry period (1 / telemetryHz seconds of race time).
    void step(SimOutput &out);
    bool finished() const { return m_finished; }

    double raceTimeS() const { return m_timeS; }
    double periodS() const { return m_dt; }
    int totalLaps() const { return m_totalLaps; }
    int leaderLap() const;
    const Circuit &circuit() const { return m_circuit; }
    const TrackGeometry &geometry() const { return *m_geometry; }
    const SimOptions &options() const { return m_options; }
    // Finishing order (running order before the flag; retired cars last).
    QStringList classification() const;
    QMap<QString, int> eventCounts() const { return m_eventCounts; }
    const std::vector<FaultLabel> &faultLabels() const { return m_labels; }

private:
    enum class Status { Running, Retired, Finished };
    enum class PitPhase { None, Lane, Stationary };
    enum class Neutralised { No, SafetyCar, VirtualSafetyCar };

    struct Car {
        int index = 0;
        const Driver *driver = nullptr;
        const Team *team = nullptr;
        double paceFactor = 1.0;
        double consistency = 0.0025;
        double distanceM = 0;
        double speedMs = 0;
        double lapNoise = 0;
        int completedLaps = 0;
        bool onLap = false; // crossed the line after the start
        double lapStartS = 0;
        double sectorStartS = 0;
        double sectorTimes[3] = {0, 0, 0};
        double bestLapS = std::numeric_limits<double>::infinity();
        tyres::Compound compound = tyres::Compound::Medium;
        int tyreAge = 0;
        PitPlan plan;
        int nextStop = 0;
        int pitStops = 0;
        PitPhase pit = PitPhase::None;
        bool serviced = false;
        bool pitLaneThisLap = false; // the lap being run used the pit lane (in- or out-lap)
        double stationaryUntilS = 0;
        double fuelKg = 0;
        int drsArmedZone = -1;
        bool drsOpen = false;
        Status status = Status::Running;
        double retireAtS = std::numeric_limits<double>::infinity();
        QString retireReason;
        bool retireCausesIncident = false;
        int finishOrder = -1; // retirements: order of retiring
        double finishS = 0;   // race time at the flag
        double launchDelayS = 0;
        double throttle = 0, brake = 0;
        int gear = 1, rpm = 4000;
        bool dirtyAir = false;
        int passZone = -1; // lap-distance bucket of the last pass decision
        bool passAllowed = false;
        int checkpoint = -1; // last timing checkpoint passed
        double checkpointS = 0;
        std::unique_ptr<ThermalModel> thermal;
    };

    RaceSimulator(const Grid &grid, const SimOptions &options, Circuit circuit);
    void setUpCars();
    void moveCar(Car &car, const Car *ahead, SimOutput &out);
    double targetSpeed(Car &car, const Car *ahead, double lapPos);
    void crossings(Car &car, double oldDistance, SimOutput &out);
    void completeLap(Car &car, double crossingS, SimOutput &out);
    void raceControl(SimOutput &out);
    void detectOvertakes(const std::vector<Car *> &before, SimOutput &out);
    void emitTelemetry(Car &car, SimOutput &out);
    void emitPositions(SimOutput &out);
    void emitTeamMetrics(SimOutput &out);
    void startFaults(Car &car, SimOutput &out);
    void retire(Car &car, const QString &reason, SimOutput &out);
    void finishCar(Car &car, SimOutput &out);
    std::vector<Car *> runningOrder();
    RaceEvent event(const QString &kind, int lap, const QString &driver = {}, const QJsonObject &details = {});
    void emitEvent(SimOutput &out, RaceEvent event);
    qint64 raceMs() const { return std::llround(m_timeS * 1000.0); }
    qint64 timestampAt(double raceS) const { return m_startEpochMs + std::llround(raceS * 1000.0); }
    double gapToLeaderS(const Car &car) const;
    double lapTimeMultiplier(const Car &car) const;
    bool inDrsZone(int zone, double lapPos) const;

    const Grid &m_grid;
    SimOptions m_options;
    Circuit m_circuit;
    std::unique_ptr<TrackGeometry> m_geometry;
    std::unique_ptr<SpeedProfile> m_profile;
    std::unique_ptr<FaultPlan> m_faults;
    std::mt19937_64 m_random;
    std::mt19937_64 m_sensorNoise;
    std::vector<Car> m_cars;
    int m_totalLaps = 0;
    double m_dt = 0.1;
    double m_timeS = 0;
    qint64 m_startEpochMs = 0;
    double m_nextSecondS = 0;
    double m_laneSpeedMs = 22;
    bool m_chequered = false;
    bool m_finished = false;
    int m_finishers = 0;
    int m_retirements = 0;
    Neutralised m_neutralised = Neutralised::No;
    double m_neutralisedUntilS = 0;
    double m_incidentAtS = std::numeric_limits<double>::infinity();
    double m_fastestLapS = std::numeric_limits<double>::infinity();
    std::vector<double> m_checkpointFirstS; // first passage of each timing checkpoint
    std::vector<int> m_order;               // car indices in running order, last step
    QMap<QString, int> m_eventCounts;
    std::vector<FaultLabel> m_labels;
    int m_heroIndex = -1;
    std::vector<RaceEvent> m_pendingStart; // race_started, handed out by the first step
};

} // namespace pitwall
