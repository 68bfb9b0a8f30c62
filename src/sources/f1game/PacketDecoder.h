#pragma once
// decodePacket(): one UDP datagram of the EA SPORTS F1 game into a plain struct, following
// "Data Output from F1 23 v29x3" (packet format 2023), "Data Output from F1 24 v27.2x"
// (2024) and "Data Output from F1 25 v3" (2025) field by field. Values only, no race logic.
//
// A datagram is decoded, or recognised and left undecoded (Car Setups, Lobby Info: their
// length is still checked), or refused with a reason and a category to count refusals by.
// Fixed-size packets must be exactly their format's size; events must hold their code's
// details and be at most kEventMaximumSize bytes.

#include "CarPackets.h"
#include "EventPacket.h"
#include "PacketFormat.h"
#include "PacketHeader.h"
#include "SessionPackets.h"

#include <QByteArrayView>
#include <QString>

#include <variant>

namespace pitwall::sources::f1game {

using Packet = std::variant<MotionPacket, SessionPacket, LapDataPacket, EventPacket, ParticipantsPacket, CarTelemetryPacket, CarStatusPacket, FinalClassificationPacket,
                            CarDamagePacket, SessionHistoryPacket, TyreSetsPacket, MotionExPacket, TimeTrialPacket, LapPositionsPacket>;

const PacketHeader &packetHeader(const Packet &packet);

enum class RefusalReason {
    TooShort,         // shorter than the header, its format's size, or its event's details
    TooLong,          // longer than its format's size (events: than kEventMaximumSize)
    UnknownPacketId,  // an id the packet's format does not have
    UnknownEventCode, // an event code the packet's format does not have
    OldFormat,        // 2022 and earlier
    FutureFormat,     // 2026 and later: recognised, not yet supported
    UnknownFormat,    // not a packet format the game has used
};
inline constexpr int kRefusalReasonCount = 7;
QString refusalReasonName(RefusalReason reason);

struct Refusal {
    RefusalReason reason = RefusalReason::TooShort;
    QString message; // for people: says what was wrong and, where it helps, what to do
};

// A packet of a kind we recognise and do not decode.
struct NotDecoded {
    PacketHeader header;
    PacketId id = PacketId::CarSetups;
};

class DecodeResult {
public:
    DecodeResult(Packet packet)
        : m_value(std::move(packet))
    {
    }
    DecodeResult(NotDecoded notDecoded)
        : m_value(notDecoded)
    {
    }
    DecodeResult(Refusal refusal)
        : m_value(std::move(refusal))
    {
    }

    bool isDecoded() const { return std::holds_alternative<Packet>(m_value); }
    bool isNotDecoded() const { return std::holds_alternative<NotDecoded>(m_value); }
    bool isRefused() const { return std::holds_alternative<Refusal>(m_value); }

    const Packet *packet() const { return std::get_if<Packet>(&m_value); }
    const NotDecoded *notDecoded() const { return std::get_if<NotDecoded>(&m_value); }
    const Refusal *refusal() const { return std::get_if<Refusal>(&m_value); }
    // The decoded packet of kind T, or null.
    template <typename T>
    const T *get() const
    {
        const Packet *p = packet();
        return p ? std::get_if<T>(p) : nullptr;
    }
    // The header of a decoded or recognised packet; null when refused.
    const PacketHeader *header() const;

private:
    std::variant<Packet, NotDecoded, Refusal> m_value;
};

DecodeResult decodePacket(QByteArrayView datagram);

} // namespace pitwall::sources::f1game
