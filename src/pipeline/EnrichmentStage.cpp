#include "EnrichmentStage.h"

#include "core/JsonCodec.h"
#include "core/Topics.h"

namespace pitwall {

namespace {

constexpr qint64 kRecentWindowMs = 30000;

} // namespace

std::optional<QString> EnrichmentProcessor::process(const KafkaRecord &record, std::vector<StageOutput> &out)
{
    const auto update = codec::decodePositionUpdate(record.value);
    if (!update)
        return update.error().describe();
    const QString raceId = update->raceId.value_or(QString::fromUtf8(record.key));
    if (raceId.isEmpty())
        return QStringLiteral("no race id in the message or its key");
    auto &history = m_drivers[raceId + QLatin1Char('|') + update->driverName];

    CommentaryInput input;
    input.raceId = raceId;
    input.timestampMs = update->timestampMs;
    input.driverName = update->driverName;
    input.teamName = update->teamName.value_or(QString());
    input.position = update->position;
    input.type = commentaryTypeForPosition(update->position);
    input.positionChange = history.lastPosition ? history.lastPosition - update->position : 0;
    while (!history.positions.empty() && history.positions.front().first < update->timestampMs - kRecentWindowMs)
        history.positions.pop_front();
    input.placesGainedRecently = history.positions.empty() ? 0 : history.positions.front().second - update->position;
    input.gapToLeaderS = update->gapToLeaderS;
    input.intervalS = update->intervalS;
    input.lap = update->lap;
    input.tyre = update->tyre;
    input.pitStops = update->pitStops;
    history.lastPosition = update->position;
    history.positions.push_back({update->timestampMs, update->position});

    out.push_back({topics::kCommentaryInput, record.key, codec::encode(input)});
    return std::nullopt;
}

} // namespace pitwall
