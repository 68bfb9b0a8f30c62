#pragma once
// The one prompt of the commentary agent: the race state and a numbered list of moments
// (each a group told in one line), and the reading of the numbered answer.

#include "LlmTypes.h"
#include "RaceFacts.h"
#include "RaceMoment.h"

#include <map>
#include <vector>

namespace pitwall::ai {

LlmRequest commentaryRequest(const std::vector<std::vector<RaceMoment>> &groups, const RaceFacts &facts);
// "3: Norris passes Piastri for P2" -> {3: "Norris passes Piastri for P2"}; other lines ignored.
std::map<int, QString> parseNumberedLines(const QString &answer);
// A moment in plain words, for the prompt.
QString describeMoment(const RaceMoment &moment);

} // namespace pitwall::ai
