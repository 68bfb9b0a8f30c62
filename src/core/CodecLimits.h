#pragma once
// Ranges that a real car cannot leave; anything outside is a bad message, not data.
// Shared by the JSON codec and the record descriptions (RecordFields.h).

#include <QtGlobal>

namespace pitwall::codec {

inline constexpr int kMaxPosition = 40;
inline constexpr double kMaxSpeedKph = 450.0;
inline constexpr double kMinTemperatureC = -60.0;
inline constexpr double kMaxTemperatureC = 1500.0;
inline constexpr qsizetype kMaxNameLength = 128;
inline constexpr qsizetype kMaxTextLength = 8000;
inline constexpr qsizetype kMaxEmbeddingDimensions = 8192;
inline constexpr int kMaxLap = 200;
inline constexpr double kMaxGapS = 24 * 3600.0;

} // namespace pitwall::codec
