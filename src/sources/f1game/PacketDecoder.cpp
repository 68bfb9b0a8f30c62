#include "PacketDecoder.h"

#include "BodyDecoders.h"
#include "ByteReader.h"

namespace pitwall::sources::f1game {

namespace {

Refusal refuse(RefusalReason reason, QString message)
{
    return Refusal{reason, std::move(message)};
}

QString sizeText(qsizetype bytes)
{
    return bytes == 1 ? QStringLiteral("1 byte") : QStringLiteral("%1 bytes").arg(bytes);
}

std::optional<Refusal> checkFormat(int format)
{
    switch (formatSupport(format)) {
    case FormatSupport::Supported: return std::nullopt;
    case FormatSupport::Old:
        return refuse(RefusalReason::OldFormat, QStringLiteral("packet format %1 is not supported: set the game's UDP Format to 2024 or "
                                                               "2025 (F1 23: 2023)")
                                                    .arg(format));
    case FormatSupport::NotYetSupported:
        return refuse(RefusalReason::FutureFormat, QStringLiteral("packet format %1 is recognised but not yet supported (24 cars and a "
                                                                  "packet 16, no specification yet): set the game's UDP Format to 2025")
                                                       .arg(format));
    case FormatSupport::Unknown: break;
    }
    return refuse(RefusalReason::UnknownFormat, QStringLiteral("unknown packet format %1: not an F1 game telemetry packet").arg(format));
}

// Reads the body with `read` and checks it consumed exactly `expectedBytes`: the layouts
// and the size tables must agree, and a disagreement is a bug to see, not data to trust.
template <typename T, typename ReadBody>
DecodeResult decodeBody(ByteReader &reader, const PacketHeader &header, qsizetype expectedBytes, ReadBody read, T packet = T{})
{
    packet.header = header;
    read(reader, int(header.packetFormat), packet);
    if (!reader.ok() || reader.position() != expectedBytes) {
        Q_ASSERT_X(false, "decodePacket", "a layout does not match its size table");
        const QString what = reader.ok() ? QStringLiteral("read %1").arg(sizeText(reader.position()))
                                         : QStringLiteral("ran past the end");
        return refuse(RefusalReason::TooShort, QStringLiteral("%1 packet of format %2: the decoder's layout does not match its %3 (%4)")
                                                   .arg(packetName(PacketId(header.packetId)))
                                                   .arg(header.packetFormat)
                                                   .arg(sizeText(expectedBytes), what));
    }
    return Packet(std::move(packet));
}

DecodeResult decodeEvent(QByteArrayView datagram, ByteReader &reader, const PacketHeader &header)
{
    const int format = header.packetFormat;
    if (datagram.size() < kHeaderSize + 4)
        return refuse(RefusalReason::TooShort, QStringLiteral("an Event packet of %1 has no event code").arg(sizeText(datagram.size())));
    const QByteArrayView codeText = datagram.sliced(kHeaderSize, 4);
    const std::optional<EventCode> code = eventCodeFromText(codeText, format);
    if (!code) {
        return refuse(RefusalReason::UnknownEventCode, QStringLiteral("event code \"%1\" does not exist in packet format %2")
                                                           .arg(QString::fromLatin1(codeText.toByteArray().toPercentEncoding(" ")))
                                                           .arg(format));
    }
    const qsizetype minimum = eventMinimumSize(*code, format);
    if (datagram.size() < minimum) {
        return refuse(RefusalReason::TooShort, QStringLiteral("a %1 event of format %2 needs at least %3, this one is %4")
                                                   .arg(QString::fromLatin1(eventCodeText(*code)))
                                                   .arg(format)
                                                   .arg(sizeText(minimum), sizeText(datagram.size())));
    }
    if (datagram.size() > kEventMaximumSize) {
        return refuse(RefusalReason::TooLong, QStringLiteral("an Event packet may be at most %1, this one is %2")
                                                  .arg(sizeText(kEventMaximumSize), sizeText(datagram.size())));
    }
    reader.skip(4);
    EventPacket packet;
    packet.code = *code;
    return decodeBody(reader, header, minimum, readEventDetails, std::move(packet));
}

} // namespace

const PacketHeader &packetHeader(const Packet &packet)
{
    return std::visit([](const auto &p) -> const PacketHeader & { return p.header; }, packet);
}

QString refusalReasonName(RefusalReason reason)
{
    switch (reason) {
    case RefusalReason::TooShort: return QStringLiteral("too short");
    case RefusalReason::TooLong: return QStringLiteral("too long");
    case RefusalReason::UnknownPacketId: return QStringLiteral("unknown packet id");
    case RefusalReason::UnknownEventCode: return QStringLiteral("unknown event code");
    case RefusalReason::OldFormat: return QStringLiteral("old packet format");
    case RefusalReason::FutureFormat: return QStringLiteral("packet format not yet supported");
    case RefusalReason::UnknownFormat: return QStringLiteral("unknown packet format");
    }
    return {};
}

const PacketHeader *DecodeResult::header() const
{
    if (const Packet *p = packet())
        return &packetHeader(*p);
    if (const NotDecoded *n = notDecoded())
        return &n->header;
    return nullptr;
}

DecodeResult decodePacket(QByteArrayView datagram)
{
    // The format first, from the first two bytes alone: older and newer headers differ.
    if (datagram.size() < 2)
        return refuse(RefusalReason::TooShort, QStringLiteral("a datagram of %1 is no F1 game packet").arg(sizeText(datagram.size())));
    const int format = std::uint8_t(datagram[0]) | (std::uint8_t(datagram[1]) << 8);
    if (std::optional<Refusal> refusal = checkFormat(format))
        return std::move(*refusal);
    if (datagram.size() < kHeaderSize)
        return refuse(RefusalReason::TooShort,
                      QStringLiteral("a datagram of %1 is shorter than the %2 header").arg(sizeText(datagram.size())).arg(sizeText(kHeaderSize)));

    ByteReader reader(datagram);
    const PacketHeader header = readHeader(reader);
    if (!hasPacketId(format, header.packetId)) {
        return refuse(RefusalReason::UnknownPacketId,
                      QStringLiteral("packet id %1 does not exist in packet format %2").arg(header.packetId).arg(format));
    }
    const auto id = PacketId(header.packetId);
    if (id == PacketId::Event)
        return decodeEvent(datagram, reader, header);

    const qsizetype expected = packetSize(format, id);
    if (datagram.size() != expected) {
        return refuse(datagram.size() < expected ? RefusalReason::TooShort : RefusalReason::TooLong,
                      QStringLiteral("a %1 packet of format %2 must be %3, this one is %4")
                          .arg(packetName(id))
                          .arg(format)
                          .arg(sizeText(expected))
                          .arg(sizeText(datagram.size())));
    }

    switch (id) {
    case PacketId::Motion: return decodeBody<MotionPacket>(reader, header, expected, readMotion);
    case PacketId::Session: return decodeBody<SessionPacket>(reader, header, expected, readSession);
    case PacketId::LapData: return decodeBody<LapDataPacket>(reader, header, expected, readLapData);
    case PacketId::Participants: return decodeBody<ParticipantsPacket>(reader, header, expected, readParticipants);
    case PacketId::CarTelemetry: return decodeBody<CarTelemetryPacket>(reader, header, expected, readCarTelemetry);
    case PacketId::CarStatus: return decodeBody<CarStatusPacket>(reader, header, expected, readCarStatus);
    case PacketId::FinalClassification:
        return decodeBody<FinalClassificationPacket>(reader, header, expected, readFinalClassification);
    case PacketId::CarDamage: return decodeBody<CarDamagePacket>(reader, header, expected, readCarDamage);
    case PacketId::SessionHistory: return decodeBody<SessionHistoryPacket>(reader, header, expected, readSessionHistory);
    case PacketId::TyreSets: return decodeBody<TyreSetsPacket>(reader, header, expected, readTyreSets);
    case PacketId::MotionEx: return decodeBody<MotionExPacket>(reader, header, expected, readMotionEx);
    case PacketId::TimeTrial: return decodeBody<TimeTrialPacket>(reader, header, expected, readTimeTrial);
    case PacketId::LapPositions: return decodeBody<LapPositionsPacket>(reader, header, expected, readLapPositions);
    case PacketId::CarSetups:
    case PacketId::LobbyInfo:
    case PacketId::Event: break;
    }
    // Car Setups and Lobby Info: nothing the race needs.
    return NotDecoded{header, id};
}

} // namespace pitwall::sources::f1game
