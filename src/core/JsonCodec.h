#pragma once
// JSON values of the demo's topics, with the demo's exact field names. Decoding validates
// every field and returns a DecodeError with the reason instead of a wrong value.

#include "CodecLimits.h"
#include "DecodeError.h"
#include "Expected.h"
#include "Messages.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>

namespace pitwall::codec {

template <typename T>
using Decoded = Expected<T, DecodeError>;

QByteArray encode(const PositionUpdate &update);
QByteArray encode(const CarMetrics &metrics);
QByteArray encode(const Commentary &commentary);
QByteArray encode(const EngineAnomaly &anomaly);
QByteArray encode(const CommentaryQuery &query);
QByteArray encode(const TelemetrySample &sample);
QByteArray encode(const FaultLabel &label);
QByteArray encode(const RaceEvent &event);
QByteArray encode(const TelemetryAnomaly &anomaly);
QByteArray encode(const CommentaryInput &input);
QByteArray encode(const ForecastPoint &point);

Decoded<PositionUpdate> decodePositionUpdate(QByteArrayView bytes);
Decoded<CarMetrics> decodeCarMetrics(QByteArrayView bytes);
Decoded<Commentary> decodeCommentary(QByteArrayView bytes);
Decoded<EngineAnomaly> decodeEngineAnomaly(QByteArrayView bytes);
Decoded<CommentaryQuery> decodeCommentaryQuery(QByteArrayView bytes);
QByteArray encode(const CommentaryQueryVector &vector);
Decoded<CommentaryQueryVector> decodeCommentaryQueryVector(QByteArrayView bytes);
QByteArray encode(const CommentaryQueryResult &result);
// The "search_results" array of a query's answer (also printed by `pitwall ask --json`).
QJsonArray searchResultsJson(const QVector<CommentaryMatch> &matches);
Decoded<CommentaryQueryResult> decodeCommentaryQueryResult(QByteArrayView bytes);
Decoded<TelemetrySample> decodeTelemetrySample(QByteArrayView bytes);
Decoded<FaultLabel> decodeFaultLabel(QByteArrayView bytes);
Decoded<RaceEvent> decodeRaceEvent(QByteArrayView bytes);
Decoded<TelemetryAnomaly> decodeTelemetryAnomaly(QByteArrayView bytes);
Decoded<CommentaryInput> decodeCommentaryInput(QByteArrayView bytes);
Decoded<ForecastPoint> decodeForecastPoint(QByteArrayView bytes);

} // namespace pitwall::codec
