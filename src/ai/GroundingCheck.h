#pragma once
// Checks a generated line against the race before it is published: its length, the
// drivers it names and the positions and laps it states. A line that contradicts the
// facts is refused with the reason (and the offline commentator speaks instead).

#include "RaceFacts.h"
#include "RaceMoment.h"

#include <optional>
#include <vector>

namespace pitwall::ai {

class GroundingCheck {
public:
    // The reason the line cannot be published, or nothing when it holds.
    static std::optional<QString> contradiction(const QString &line, const RaceFacts &facts, const std::vector<RaceMoment> &moments);
};

} // namespace pitwall::ai
