#pragma once
// The commentator that needs no network: short lines (at most 80 characters, like the
// demo's prompt asks) built only from the moment and the race facts, with varied
// wording. The default when no LLM is configured, and the stand-in when one is late.

#include "RaceFacts.h"
#include "RaceMoment.h"
#include "core/Messages.h"

#include <vector>

namespace pitwall::ai {

struct CommentaryLine {
    QString text;
    CommentaryType type = CommentaryType::Info;
    QStringList covers; // moment ids
};

class OfflineCommentator {
public:
    static constexpr int kMaxLength = 80;

    // Moments about the same thing, told in one line: a lead change and the pass that made it.
    static std::vector<std::vector<RaceMoment>> group(const std::vector<RaceMoment> &moments);
    // One line per group.
    std::vector<CommentaryLine> write(const std::vector<RaceMoment> &moments) const;
    CommentaryLine writeGroup(const std::vector<RaceMoment> &group) const;

    // The demo's type rule by position, with race-wide trouble as a warning.
    static CommentaryType typeFor(const RaceMoment &moment);
    // "engine_temperature" -> "engine temp", "tyre_temp_fl" -> "front-left tyre temp".
    static QString metricPhrase(const QString &metric);
};

} // namespace pitwall::ai
