#pragma once
// What one sensor reads at each point of the lap, from the car's own last three laps:
// tyres and brakes heat at every braking zone and corner and cool on every straight, in
// the same places lap after lap. The lap is cut into 20 m slots, each keeping the mean
// of the rows read in it on each of the last three laps; the expectation is the median
// of the previous three (with two, the one nearer the row judged), so a single odd lap - the
// standing start, a pit stop, a fault - does not become what is expected. Between two
// slot centres it is interpolated, so a braking zone's steep rise does not depend on
// where in its slot a row happens to fall.

#include <array>
#include <optional>
#include <vector>

namespace pitwall::ml {

class LapProfile {
public:
    // The value expected at this lap distance on lap `lap`, given the value read there now
    // (which of two laps is the nearer); nullopt where fewer than `minLaps` earlier laps
    // have been.
    std::optional<double> expected(double lapDistanceM, double now, int lap, int minLaps) const;
    // Learns the value read at this lap distance on lap `lap` (any number that changes
    // when a new lap starts).
    void learn(double lapDistanceM, double value, int lap);

private:
    static constexpr int kLaps = 4; // the three previous laps and the current one
    struct Slot {
        std::array<double, kLaps> laps{};             // mean reading per lap
        std::array<int, kLaps> lapOf{-1, -1, -1, -1}; // which lap each is (-1: none)
        int latest = 0;                               // the entry being accumulated
        int rowsThisLap = 0;
        std::optional<double> baseline(double now, int currentLap, int minLaps) const;
    };
    std::vector<Slot> m_slots;
};

} // namespace pitwall::ml
