#pragma once
// Captures of EA SPORTS F1 game UDP packets: the container the recordings in
// shared/data/f1/game_udp/recordings_no_license use (documented in the IT52-NHLSF1
// repository's recordings/README.md). Little-endian:
//   u32 count N, then N records of { f32 seconds since the start, u32 length L, L bytes }.
// Each record's payload is one datagram as the game sent it (see PacketDecoder.h).
//
// Our extension: a count of 0xFFFFFFFF means "records until the end of the file". The
// writer puts it there while recording and the real count on close, so a capture cut short
// (the app killed, the disk full) still reads up to its last whole record.

#include <QByteArray>

#include <cstdint>

namespace pitwall::sources::f1game {

inline constexpr std::uint32_t kCaptureCountOpen = 0xFFFFFFFFu;
inline constexpr qsizetype kCaptureRecordHeaderSize = 8;
// Far above any datagram (the largest packet is 1460 bytes, UDP's limit 64 KiB): a length
// past it is damage, not data, and is never allocated.
inline constexpr qsizetype kCaptureMaxPayload = 2 * 1024 * 1024;

struct CaptureRecord {
    float seconds = 0;
    QByteArray payload;
};

} // namespace pitwall::sources::f1game
