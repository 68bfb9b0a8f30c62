#include "StrategyPlanner.h"

#include <algorithm>
#include <cmath>

namespace pitwall {

namespace {

using tyres::Compound;

// Two-compound rule applies to races long enough for a stop to pay off.
constexpr int kMinLapsForMandatoryStop = 15;

bool stintsFit(const QVector<Compound> &compounds, const QVector<int> &stintLaps)
{
    for (qsizetype i = 0; i < compounds.size(); ++i) {
        if (stintLaps[i] > tyres::characteristics(compounds[i]).lifeLaps + 4)
            return false;
    }
    return true;
}

} // namespace

PitPlan planStrategy(int raceLaps, std::mt19937_64 &random)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    PitPlan plan;
    if (raceLaps < kMinLapsForMandatoryStop) {
        plan.startCompound = unit(random) < 0.6 ? Compound::Soft : Compound::Medium;
        return plan;
    }
    struct Candidate {
        QVector<Compound> compounds;
        QVector<double> stopShares; // where each stop falls, as a share of the race
        double weight;
    };
    const QVector<Candidate> candidates{
        {{Compound::Medium, Compound::Hard}, {0.38}, 4.0},
        {{Compound::Hard, Compound::Medium}, {0.58}, 2.0},
        {{Compound::Soft, Compound::Hard}, {0.28}, 2.0},
        {{Compound::Medium, Compound::Hard, Compound::Medium}, {0.30, 0.66}, 1.5},
        {{Compound::Soft, Compound::Medium, Compound::Hard}, {0.22, 0.55}, 1.0},
    };
    QVector<const Candidate *> feasible;
    QVector<double> weights;
    for (const auto &candidate : candidates) {
        QVector<int> stintLaps;
        int previous = 0;
        for (double share : candidate.stopShares) {
            const int lap = int(std::lround(share * raceLaps));
            stintLaps << lap - previous;
            previous = lap;
        }
        stintLaps << raceLaps - previous;
        if (stintsFit(candidate.compounds, stintLaps)) {
            feasible << &candidate;
            weights << candidate.weight;
        }
    }
    if (feasible.isEmpty()) {
        // Very long races: three stops on hards.
        plan.startCompound = Compound::Medium;
        for (int i = 1; i <= 3; ++i)
            plan.stops.push_back({raceLaps * i / 4, Compound::Hard});
        return plan;
    }
    std::discrete_distribution<int> pick(weights.begin(), weights.end());
    const auto &chosen = *feasible[pick(random)];
    plan.startCompound = chosen.compounds.first();
    std::normal_distribution<double> jitter(0.0, std::max(1.0, raceLaps * 0.04));
    int previousLap = 1;
    for (qsizetype i = 0; i < chosen.stopShares.size(); ++i) {
        int lap = int(std::lround(chosen.stopShares[i] * raceLaps + jitter(random)));
        lap = std::clamp(lap, previousLap + 3, raceLaps - 3);
        plan.stops.push_back({lap, chosen.compounds[i + 1]});
        previousLap = lap;
    }
    return plan;
}

} // namespace pitwall
