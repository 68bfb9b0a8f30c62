// The EA SPORTS F1 game UDP decoder and its capture files: every real packet of formats
// 2022-2024 and the five F1 24 recordings, read where they lie (PITWALL_SHARED_DATA_DIR),
// and F1 25 packets built here from "Data Output from F1 25 v3". Expected values were read
// from the files by hand (a separate Python struct reading), not from this decoder.
#include "sources/f1game/ByteReader.h"
#include "sources/f1game/CaptureReader.h"
#include "sources/f1game/CaptureWriter.h"
#include "sources/f1game/GameNames.h"
#include "sources/f1game/PacketDecoder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <cstring>
#include <map>
#include <set>

using namespace pitwall::sources::f1game;

namespace {

QString gameUdpDir(const QString &name)
{
    return QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/game_udp/") + name;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QByteArray packetFile(const QString &name)
{
    return readAll(gameUdpDir(QStringLiteral("packets/")) + name);
}

QStringList packetFiles(int format)
{
    return QDir(gameUdpDir(QStringLiteral("packets"))).entryList({QStringLiteral("%1-*.bin").arg(format)}, QDir::Files, QDir::Name);
}

const QStringList kRecordings = {
    QStringLiteral("full_lap_20260112_160501.bin"),           QStringLiteral("heavy_braking_20260112_160906.bin"),
    QStringLiteral("heavy_braking_20260112_161001.bin"),      QStringLiteral("high_speed_corners_20260112_161911.bin"),
    QStringLiteral("high_speed_corners_20260112_162000.bin"),
};

QString recording(const QString &name)
{
    return gameUdpDir(QStringLiteral("recordings_no_license/")) + name;
}

template <typename T>
const T &decodedAs(const DecodeResult &result)
{
    const T *packet = result.get<T>();
    if (!packet)
        qFatal("not the expected packet kind: %s", result.refusal() ? qPrintable(result.refusal()->message) : "decoded as another kind");
    return *packet;
}

template <typename T>
T decodeFile(const QString &name)
{
    return decodedAs<T>(decodePacket(packetFile(name)));
}

// Little-endian bytes for the F1 25 packets built here.
class ByteWriter {
public:
    void u8(int v) { m_bytes.append(char(std::uint8_t(v))); }
    void u16(int v)
    {
        u8(v & 0xFF);
        u8((v >> 8) & 0xFF);
    }
    void u32(std::uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            u8(int((v >> (8 * i)) & 0xFF));
    }
    void u64(std::uint64_t v)
    {
        u32(std::uint32_t(v));
        u32(std::uint32_t(v >> 32));
    }
    void f32(float v)
    {
        std::uint32_t bits;
        std::memcpy(&bits, &v, 4);
        u32(bits);
    }
    void f64(double v)
    {
        std::uint64_t bits;
        std::memcpy(&bits, &v, 8);
        u64(bits);
    }
    void text(const QByteArray &utf8, int fieldSize)
    {
        QByteArray field = utf8.left(fieldSize);
        field.append(QByteArray(fieldSize - field.size(), '\0'));
        m_bytes.append(field);
    }
    void zeros(int count) { m_bytes.append(QByteArray(count, '\0')); }
    void header(int format, int packetId)
    {
        u16(format);
        u8(format % 100); // game year
        u8(1);            // major version
        u8(2);            // minor version
        u8(1);            // packet version
        u8(packetId);
        u64(0x1122334455667788ull);
        f32(12.5f);
        u32(750);
        u32(760);
        u8(3);   // player car
        u8(255); // no second player
    }
    const QByteArray &bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

// A zero body of the right size: every layout must consume exactly its size table's bytes.
QByteArray zeroPacket(int format, PacketId id)
{
    ByteWriter w;
    w.header(format, int(id));
    w.zeros(int(packetSize(format, id) - kHeaderSize));
    return w.bytes();
}

} // namespace

class TestF1Game : public QObject {
    Q_OBJECT

private slots:
    void byteReaderChecksEveryRead();
    void packetSizesPerFormat();
    void headerFields();
    void everyPacketDecodes_data();
    void everyPacketDecodes();
    void motionPackets();
    void sessionPackets();
    void lapDataPackets();
    void eventPackets();
    void participantsPackets();
    void carTelemetryPackets();
    void carStatusPackets();
    void finalClassificationPackets();
    void carDamagePackets();
    void sessionHistoryTyreSetsMotionExTimeTrial();
    void oldFormatsRefusedWithUdpFormatAdvice();
    void truncatedAndOverlongRefused();
    void unknownIdsCodesAndFormats();
    void f125Participants();
    void f125LapPositions();
    void f125CarDamageWithBlisters();
    void f125FinalClassificationWithReason();
    void f125Events();
    void format2026NotYetSupported();
    void names();
    void recordingsReadAndDecode_data();
    void recordingsReadAndDecode();
    void captureWrittenAndReadBackIsIdentical();
    void captureCutMidRecordReadsToLastWholeRecord();
    void captureLengthsChecked();
    void recordedPacketsDecodeAlikeEveryTime();
};

void TestF1Game::byteReaderChecksEveryRead()
{
    const char bytes[] = {'\x01', '\x02', '\x03', '\x04', '\x05', 'A', 'B', '\0', 'C'};
    ByteReader reader(QByteArrayView(bytes, sizeof bytes));
    QCOMPARE(reader.u16(), std::uint16_t(0x0201));
    QCOMPARE(reader.u16(), std::uint16_t(0x0403));
    QCOMPARE(reader.remaining(), 5);
    QCOMPARE(reader.u32(), 0x00424105u); // 05 'A' 'B' 00, little-endian
    QCOMPARE(reader.position(), 8);
    QVERIFY(reader.ok());
    QCOMPARE(reader.u16(), std::uint16_t(0)); // 1 byte left: refused
    QVERIFY(!reader.ok());
    QCOMPARE(reader.position(), 8);
    QCOMPARE(reader.u8(), std::uint8_t(0)); // failed for good, even though a byte is left
    QCOMPARE(reader.position(), 8);

    ByteReader names(QByteArrayView(bytes, sizeof bytes));
    names.skip(5);
    QCOMPARE(names.utf8Field(4), QStringLiteral("AB")); // stops at the NUL, consumes the field
    QCOMPARE(names.position(), 9);
    QCOMPARE(names.utf8Field(1), QString());
    QVERIFY(!names.ok());

    ByteReader floats(QByteArrayView("\x00\x00\x80\x3f", 4));
    QCOMPARE(floats.f32(), 1.0f);
    QVERIFY(floats.ok());
}

void TestF1Game::packetSizesPerFormat()
{
    // The derived 2023 and 2025 sizes, and the README's 2024 ones.
    const std::map<int, std::vector<qsizetype>> sizes = {
        {2023, {1349, 644, 1131, 45, 1306, 1107, 1352, 1239, 1020, 1218, 953, 1460, 231, 217}},
        {2024, {1349, 753, 1285, 45, 1350, 1133, 1352, 1239, 1020, 1306, 953, 1460, 231, 237, 101}},
        {2025, {1349, 753, 1285, 45, 1284, 1133, 1352, 1239, 1042, 954, 1041, 1460, 231, 273, 101, 1131}},
    };
    for (const auto &[format, table] : sizes) {
        for (int id = 0; id < 17; ++id) {
            const bool inFormat = id < int(table.size());
            QCOMPARE(hasPacketId(format, id), inFormat);
            QCOMPARE(packetSize(format, PacketId(id)), inFormat ? table[std::size_t(id)] : 0);
            if (!inFormat || PacketId(id) == PacketId::Event)
                continue;
            // A zero packet of exactly that size decodes (or is recognised): the layout read
            // field by field adds up to the table.
            const DecodeResult result = decodePacket(zeroPacket(format, PacketId(id)));
            QVERIFY2(!result.isRefused(),
                     qPrintable(
                         QStringLiteral("%1 id %2: %3").arg(format).arg(id).arg(result.refusal() ? result.refusal()->message : QString())));
        }
    }
    // The 2023 sizes against the real 2023 packets.
    for (const QString &name : packetFiles(2023)) {
        const int id = name.mid(5, 2).toInt();
        QCOMPARE(packetFile(name).size(), packetSize(2023, PacketId(id)));
    }
}

void TestF1Game::headerFields()
{
    const std::optional<PacketHeader> h24 = decodeHeader(packetFile(QStringLiteral("2024-06.bin")));
    QVERIFY(h24);
    QCOMPARE(h24->packetFormat, std::uint16_t(2024));
    QCOMPARE(h24->gameYear, std::uint8_t(24));
    QCOMPARE(h24->gameMajorVersion, std::uint8_t(1));
    QCOMPARE(h24->gameMinorVersion, std::uint8_t(17));
    QCOMPARE(h24->packetVersion, std::uint8_t(1));
    QCOMPARE(h24->packetId, std::uint8_t(6));
    QCOMPARE(h24->sessionUID, std::uint64_t(0x2fbbc3bbcb0b8c58ull));
    QCOMPARE(h24->sessionTime, 0.0f);
    QCOMPARE(h24->frameIdentifier, 21u);
    QCOMPARE(h24->overallFrameIdentifier, 21u);
    QCOMPARE(h24->playerCarIndex, std::uint8_t(19));
    QCOMPARE(h24->secondaryPlayerCarIndex, std::uint8_t(255));

    const std::optional<PacketHeader> chqf = decodeHeader(packetFile(QStringLiteral("2023-03-CHQF.bin")));
    QVERIFY(chqf);
    QCOMPARE(chqf->packetFormat, std::uint16_t(2023));
    QCOMPARE(chqf->gameMinorVersion, std::uint8_t(21));
    QCOMPARE(chqf->sessionUID, std::uint64_t(0x4bd44e6c9bf2a6e0ull));
    QCOMPARE(qRound(chqf->sessionTime * 1000), 410112);
    QCOMPARE(chqf->frameIdentifier, 8443u);
    QCOMPARE(chqf->overallFrameIdentifier, 8530u); // frames after a flashback

    QVERIFY(!decodeHeader(packetFile(QStringLiteral("2024-06.bin")).left(28)));
}

void TestF1Game::everyPacketDecodes_data()
{
    QTest::addColumn<QString>("name");
    for (int format : {2023, 2024})
        for (const QString &name : packetFiles(format))
            QTest::newRow(qPrintable(name)) << name;
}

void TestF1Game::everyPacketDecodes()
{
    QFETCH(QString, name);
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})-(\\d{2})(?:-([A-Z]{4}))?\\.bin$"));
    const QRegularExpressionMatch match = pattern.match(name);
    QVERIFY(match.hasMatch());
    const int format = match.captured(1).toInt();
    const int id = match.captured(2).toInt();

    const QByteArray bytes = packetFile(name);
    QVERIFY(!bytes.isEmpty());
    const DecodeResult result = decodePacket(bytes);
    QVERIFY2(!result.isRefused(), qPrintable(result.refusal() ? result.refusal()->message : QString()));
    QVERIFY(result.header());
    QCOMPARE(int(result.header()->packetFormat), format);
    QCOMPARE(int(result.header()->packetId), id);
    if (id == int(PacketId::CarSetups) || id == int(PacketId::LobbyInfo)) {
        QVERIFY(result.isNotDecoded());
        QCOMPARE(int(result.notDecoded()->id), id);
        return;
    }
    QVERIFY(result.isDecoded());
    // The variant lists the kinds in id order without the two left undecoded (5 and 9).
    QCOMPARE(int(result.packet()->index()), id < 5 ? id : id < 9 ? id - 1 : id - 2);
    if (id == int(PacketId::Event)) {
        const EventPacket &event = decodedAs<EventPacket>(result);
        QCOMPARE(QString::fromLatin1(eventCodeText(event.code)), match.captured(3));
    } else {
        QCOMPARE(bytes.size(), packetSize(format, PacketId(id)));
    }
}

void TestF1Game::motionPackets()
{
    const auto m23 = decodeFile<MotionPacket>(QStringLiteral("2023-00.bin"));
    QCOMPARE(m23.cars[19].worldPositionX, -53.05564498901367f);
    QCOMPARE(m23.cars[19].worldPositionY, 3.3160316944122314f);
    QCOMPARE(m23.cars[19].worldPositionZ, 513.3811645507812f);
    QCOMPARE(m23.cars[0].worldPositionZ, 534.85107421875f);

    const auto m24 = decodeFile<MotionPacket>(QStringLiteral("2024-00.bin"));
    QCOMPARE(m24.cars[19].worldPositionX, -381.32012939453125f);
    QCOMPARE(m24.cars[19].worldPositionY, 91.26738739013672f);
    QCOMPARE(m24.cars[19].worldPositionZ, -106.183349609375f);
    QCOMPARE(m24.cars[0].worldPositionX, -386.5982666015625f);
    QCOMPARE(m24.cars[0].worldPositionZ, 21.792255401611328f);
}

void TestF1Game::sessionPackets()
{
    const auto s23 = decodeFile<SessionPacket>(QStringLiteral("2023-01.bin"));
    QCOMPARE(s23.weather, std::uint8_t(0));
    QCOMPARE(s23.trackTemperature, std::int8_t(38));
    QCOMPARE(s23.airTemperature, std::int8_t(34));
    QCOMPARE(s23.totalLaps, std::uint8_t(5));
    QCOMPARE(s23.trackLength, std::uint16_t(5276));
    QCOMPARE(s23.sessionType, std::uint8_t(10)); // Race in 2023's numbering
    QCOMPARE(sessionTypeName(s23.sessionType, 2023), QStringLiteral("Race"));
    QVERIFY(isRaceSession(s23.sessionType, 2023));
    QCOMPARE(s23.trackId, std::int8_t(0));
    QCOMPARE(trackName(s23.trackId, 2023), QStringLiteral("Melbourne"));
    QCOMPARE(s23.sessionTimeLeft, std::uint16_t(7200));
    QCOMPARE(s23.sessionDuration, std::uint16_t(7200));
    QCOMPARE(s23.safetyCarStatus, std::uint8_t(0));
    QCOMPARE(s23.networkGame, std::uint8_t(0));
    QCOMPARE(s23.weatherForecastSamples.size(), std::size_t(3));
    QCOMPARE(s23.sessionLinkIdentifier, 333319576u);

    const auto s24 = decodeFile<SessionPacket>(QStringLiteral("2024-01.bin"));
    QCOMPARE(s24.trackTemperature, std::int8_t(32));
    QCOMPARE(s24.airTemperature, std::int8_t(25));
    QCOMPARE(s24.totalLaps, std::uint8_t(5));
    QCOMPARE(s24.trackLength, std::uint16_t(5408));
    QCOMPARE(s24.sessionType, std::uint8_t(15)); // Race in 2024's numbering
    QVERIFY(isRaceSession(s24.sessionType, 2024));
    QVERIFY(!isRaceSession(10, 2024)); // Sprint Shootout 1 there
    QCOMPARE(s24.trackId, std::int8_t(3));
    QCOMPARE(trackName(s24.trackId, 2024), QStringLiteral("Sakhir (Bahrain)"));
    QCOMPARE(s24.sessionDuration, std::uint16_t(7200));
    QCOMPARE(s24.weatherForecastSamples.size(), std::size_t(3));
    QCOMPARE(s24.sector2LapDistanceStart, 1804.6143798828125f); // the last 8 bytes: layout adds up
    QCOMPARE(s24.sector3LapDistanceStart, 4006.04833984375f);
    QVERIFY(s24.weekendStructure.empty());
}

void TestF1Game::lapDataPackets()
{
    const auto l23 = decodeFile<LapDataPacket>(QStringLiteral("2023-02.bin"));
    const CarLapData &p23 = l23.cars[19];
    QCOMPARE(p23.lapDistance, -74.8251953125f);
    QCOMPARE(p23.totalDistance, -74.8251953125f);
    QCOMPARE(p23.carPosition, std::uint8_t(10));
    QCOMPARE(p23.currentLapNum, std::uint8_t(1));
    QCOMPARE(p23.sector, std::uint8_t(2));
    QCOMPARE(p23.gridPosition, std::uint8_t(10));
    QCOMPARE(p23.driverStatus, std::uint8_t(4));
    QCOMPARE(p23.resultStatus, std::uint8_t(2));
    QCOMPARE(p23.speedTrapFastestLap, std::uint8_t(255)); // not in 2023: the default
    QCOMPARE(l23.cars[0].carPosition, std::uint8_t(13));
    QCOMPARE(l23.cars[0].lapDistance, -98.87060546875f);
    QCOMPARE(l23.timeTrialPBCarIdx, std::uint8_t(255));
    QCOMPARE(l23.timeTrialRivalCarIdx, std::uint8_t(255));

    const auto l24 = decodeFile<LapDataPacket>(QStringLiteral("2024-02.bin"));
    const CarLapData &p24 = l24.cars[19];
    QCOMPARE(p24.lapDistance, 243.9490203857422f);
    QCOMPARE(p24.carPosition, std::uint8_t(1));
    QCOMPARE(p24.gridPosition, std::uint8_t(1));
    QCOMPARE(p24.sector, std::uint8_t(0));
    QCOMPARE(p24.pitStatus, std::uint8_t(0));
    QCOMPARE(p24.numPitStops, std::uint8_t(0));
    QCOMPARE(p24.pitLaneTimerActive, std::uint8_t(0));
    QCOMPARE(p24.speedTrapFastestSpeed, 0.0f);
    QCOMPARE(p24.speedTrapFastestLap, std::uint8_t(255));
    QCOMPARE(l24.cars[0].carPosition, std::uint8_t(17));
    QCOMPARE(l24.cars[0].lapDistance, 115.85690307617188f);
    QCOMPARE(l24.timeTrialRivalCarIdx, std::uint8_t(255));

    CarLapData times;
    times.sector1TimeMinutesPart = 1;
    times.sector1TimeMSPart = 2345;
    times.deltaToRaceLeaderMinutesPart = 2;
    times.deltaToRaceLeaderMSPart = 7;
    QCOMPARE(times.sector1TimeMs(), 62345u);
    QCOMPARE(times.deltaToRaceLeaderMs(), 120007u);
}

void TestF1Game::eventPackets()
{
    const auto event = [](const QString &name) { return decodeFile<EventPacket>(name); };

    const auto ftlp = std::get<FastestLapEvent>(event(QStringLiteral("2024-03-FTLP.bin")).details);
    QCOMPARE(ftlp.vehicleIdx, std::uint8_t(1));
    QCOMPARE(ftlp.lapTime, 92.59900665283203f);
    const auto ftlp23 = std::get<FastestLapEvent>(event(QStringLiteral("2023-03-FTLP.bin")).details);
    QCOMPARE(ftlp23.vehicleIdx, std::uint8_t(7));
    QCOMPARE(ftlp23.lapTime, 85.79000091552734f);

    const auto rtmt = std::get<RetirementEvent>(event(QStringLiteral("2024-03-RTMT.bin")).details);
    QCOMPARE(rtmt.vehicleIdx, std::uint8_t(1));
    QCOMPARE(rtmt.reason, std::uint8_t(0)); // 2025 only
    QCOMPARE(std::get<RetirementEvent>(event(QStringLiteral("2023-03-RTMT.bin")).details).vehicleIdx, std::uint8_t(2));

    const auto ovtk = std::get<OvertakeEvent>(event(QStringLiteral("2024-03-OVTK.bin")).details);
    QCOMPARE(ovtk.overtakingVehicleIdx, std::uint8_t(17));
    QCOMPARE(ovtk.beingOvertakenVehicleIdx, std::uint8_t(4));
    const auto ovtk23 = std::get<OvertakeEvent>(event(QStringLiteral("2023-03-OVTK.bin")).details);
    QCOMPARE(ovtk23.overtakingVehicleIdx, std::uint8_t(14));
    QCOMPARE(ovtk23.beingOvertakenVehicleIdx, std::uint8_t(5));

    const EventPacket scarPacket = event(QStringLiteral("2024-03-SCAR.bin")); // 47 bytes in real life
    QCOMPARE(scarPacket.code, EventCode::SafetyCar);
    const auto scar = std::get<SafetyCarEvent>(scarPacket.details);
    QCOMPARE(scar.safetyCarType, std::uint8_t(1)); // full
    QCOMPARE(scar.eventType, std::uint8_t(0));     // deployed

    const auto pena = std::get<PenaltyEvent>(event(QStringLiteral("2024-03-PENA.bin")).details);
    QCOMPARE(pena.penaltyType, std::uint8_t(5)); // warning
    QCOMPARE(pena.infringementType, std::uint8_t(4));
    QCOMPARE(pena.vehicleIdx, std::uint8_t(19));
    QCOMPARE(pena.otherVehicleIdx, std::uint8_t(1));
    QCOMPARE(pena.time, std::uint8_t(255));
    QCOMPARE(pena.lapNum, std::uint8_t(1));
    QCOMPARE(pena.placesGained, std::uint8_t(0));
    const auto pena23 = std::get<PenaltyEvent>(event(QStringLiteral("2023-03-PENA.bin")).details);
    QCOMPARE(pena23.vehicleIdx, std::uint8_t(15));
    QCOMPARE(pena23.otherVehicleIdx, std::uint8_t(12));

    const auto sptp = std::get<SpeedTrapEvent>(event(QStringLiteral("2024-03-SPTP.bin")).details);
    QCOMPARE(sptp.vehicleIdx, std::uint8_t(1));
    QCOMPARE(sptp.speed, 268.11077880859375f);
    QCOMPARE(sptp.isOverallFastestInSession, std::uint8_t(1));
    QCOMPARE(sptp.isDriverFastestInSession, std::uint8_t(1));
    QCOMPARE(sptp.fastestVehicleIdxInSession, std::uint8_t(1));
    QCOMPARE(sptp.fastestSpeedInSession, 268.11077880859375f);
    const auto sptp23 = std::get<SpeedTrapEvent>(event(QStringLiteral("2023-03-SPTP.bin")).details);
    QCOMPARE(sptp23.vehicleIdx, std::uint8_t(9));
    QCOMPARE(sptp23.speed, 248.15521240234375f);

    QCOMPARE(std::get<StartLightsEvent>(event(QStringLiteral("2024-03-STLG.bin")).details).numLights, std::uint8_t(2));
    QCOMPARE(std::get<StartLightsEvent>(event(QStringLiteral("2023-03-STLG.bin")).details).numLights, std::uint8_t(1));
    const auto coll = std::get<CollisionEvent>(event(QStringLiteral("2024-03-COLL.bin")).details);
    QCOMPARE(coll.vehicle1Idx, std::uint8_t(19));
    QCOMPARE(coll.vehicle2Idx, std::uint8_t(1));
    const auto flbk = std::get<FlashbackEvent>(event(QStringLiteral("2024-03-FLBK.bin")).details);
    QCOMPARE(flbk.flashbackFrameIdentifier, 528u);
    QCOMPARE(flbk.flashbackSessionTime, 16.785160064697266f);
    QCOMPARE(std::get<FlashbackEvent>(event(QStringLiteral("2023-03-FLBK.bin")).details).flashbackFrameIdentifier, 4120u);
    QCOMPARE(std::get<ButtonsEvent>(event(QStringLiteral("2023-03-BUTN.bin")).details).buttonStatus, 1u);
    QCOMPARE(std::get<VehicleEvent>(event(QStringLiteral("2024-03-RCWN.bin")).details).vehicleIdx, std::uint8_t(1));
    QCOMPARE(std::get<VehicleEvent>(event(QStringLiteral("2023-03-TMPT.bin")).details).vehicleIdx, std::uint8_t(2));
    QCOMPARE(std::get<VehicleEvent>(event(QStringLiteral("2024-03-DTSV.bin")).details).vehicleIdx, std::uint8_t(1));
    const auto sgsv = std::get<StopGoServedEvent>(event(QStringLiteral("2024-03-SGSV.bin")).details);
    QCOMPARE(sgsv.vehicleIdx, std::uint8_t(1));
    QCOMPARE(sgsv.stopTime, 0.0f); // 2025 only

    for (const char *code : {"SSTA", "SEND", "DRSE", "DRSD", "CHQF", "LGOT", "RDFL"}) {
        const EventPacket packet = event(QStringLiteral("2024-03-%1.bin").arg(QLatin1String(code)));
        QCOMPARE(eventCodeText(packet.code), QByteArray(code));
        QVERIFY(std::holds_alternative<std::monostate>(packet.details));
    }
    QCOMPARE(packetFile(QStringLiteral("2024-03-RDFL.bin")).size(), 44); // shorter than the spec's 45: fine
}

void TestF1Game::participantsPackets()
{
    const auto p24 = decodeFile<ParticipantsPacket>(QStringLiteral("2024-04.bin"));
    QCOMPARE(p24.numActiveCars, std::uint8_t(20));
    const QStringList first = {p24.cars[0].name, p24.cars[1].name, p24.cars[2].name, p24.cars[3].name};
    QCOMPARE(first, (QStringList{"OCON", "SAINZ", "NORRIS", "MAGNUSSEN"}));
    QCOMPARE(p24.cars[0].aiControlled, std::uint8_t(1));
    QCOMPARE(p24.cars[0].driverId, std::uint8_t(17));
    QCOMPARE(p24.cars[0].teamId, std::uint8_t(5));
    QCOMPARE(teamName(p24.cars[0].teamId, 2024), QStringLiteral("Alpine"));
    QCOMPARE(p24.cars[0].raceNumber, std::uint8_t(31));
    QCOMPARE(p24.cars[0].nationality, std::uint8_t(28));
    QCOMPARE(p24.cars[0].yourTelemetry, std::uint8_t(1));
    QCOMPARE(p24.cars[0].platform, std::uint8_t(255));
    QCOMPARE(p24.cars[1].raceNumber, std::uint8_t(55));
    QCOMPARE(teamName(p24.cars[1].teamId, 2024), QStringLiteral("Ferrari"));
    const Participant &player = p24.cars[19];
    QCOMPARE(player.name, QStringLiteral("LECLERC"));
    QCOMPARE(player.aiControlled, std::uint8_t(0));
    QCOMPARE(player.raceNumber, std::uint8_t(16));
    QCOMPARE(player.yourTelemetry, std::uint8_t(0));
    QVERIFY(isRestricted(player));
    QVERIFY(!isRestricted(p24.cars[0]));
    QCOMPARE(player.showOnlineNames, std::uint8_t(1));
    QCOMPARE(player.platform, std::uint8_t(1)); // Steam
    QCOMPARE(p24.cars[20].name, QString());
    QCOMPARE(p24.cars[20].driverId, std::uint8_t(255));

    const auto p23 = decodeFile<ParticipantsPacket>(QStringLiteral("2023-04.bin"));
    QCOMPARE(p23.numActiveCars, std::uint8_t(20));
    QCOMPARE(p23.cars[0].name, QStringLiteral("HULKENBERG"));
    QCOMPARE(p23.cars[1].name, QStringLiteral("ALONSO"));
    QCOMPARE(p23.cars[3].name, QStringLiteral("SARGEANT"));
    QCOMPARE(teamName(p23.cars[1].teamId, 2023), QStringLiteral("Aston Martin"));
    QCOMPARE(teamName(p23.cars[0].teamId, 2023), QStringLiteral("Haas"));
    QCOMPARE(p23.cars[19].name, QStringLiteral("PIASTRI"));
    QCOMPARE(p23.cars[19].raceNumber, std::uint8_t(81));
    QCOMPARE(p23.cars[19].platform, std::uint8_t(1));
    QCOMPARE(p23.cars[19].techLevel, std::uint16_t(0)); // 2024+
}

void TestF1Game::carTelemetryPackets()
{
    const auto t24 = decodeFile<CarTelemetryPacket>(QStringLiteral("2024-06.bin"));
    const CarTelemetry &c = t24.cars[19];
    QCOMPARE(c.speed, std::uint16_t(0));
    QCOMPARE(c.gear, std::int8_t(0));
    QCOMPARE(c.engineRPM, std::uint16_t(3535));
    QCOMPARE(c.brakesTemperature, (PerWheel<std::uint16_t>{25, 25, 25, 25}));
    QCOMPARE(c.tyresSurfaceTemperature, (PerWheel<std::uint8_t>{86, 86, 86, 86}));
    QCOMPARE(c.tyresInnerTemperature, (PerWheel<std::uint8_t>{89, 89, 89, 89}));
    QCOMPARE(c.engineTemperature, std::uint16_t(110));
    // RL, RR, FL, FR: the rears at 26.5 PSI, the fronts at 29.5.
    QCOMPARE(c.tyresPressure[0], 26.497594833374023f);
    QCOMPARE(c.tyresPressure[1], 26.49761962890625f);
    QCOMPARE(c.tyresPressure[2], 29.4971923828125f);
    QCOMPARE(c.tyresPressure[3], 29.497173309326172f);
    QCOMPARE(c.surfaceType, (PerWheel<std::uint8_t>{0, 0, 0, 0}));
    QCOMPARE(t24.mfdPanelIndex, std::uint8_t(0));
    QCOMPARE(t24.mfdPanelIndexSecondaryPlayer, std::uint8_t(255));
    QCOMPARE(t24.suggestedGear, std::int8_t(0));

    const auto t23 = decodeFile<CarTelemetryPacket>(QStringLiteral("2023-06.bin"));
    QCOMPARE(t23.cars[19].engineRPM, std::uint16_t(3429));
    QCOMPARE(t23.cars[19].tyresSurfaceTemperature[0], std::uint8_t(97));
    QCOMPARE(t23.cars[19].tyresPressure[3], 22.700000762939453f);
    QCOMPARE(t23.mfdPanelIndex, std::uint8_t(255));
}

void TestF1Game::carStatusPackets()
{
    const auto s24 = decodeFile<CarStatusPacket>(QStringLiteral("2024-07.bin"));
    const CarStatus &c = s24.cars[19];
    QCOMPARE(c.fuelMix, std::uint8_t(1));
    QCOMPARE(c.frontBrakeBias, std::uint8_t(55));
    QCOMPARE(c.fuelInTank, 13.199928283691406f);
    QCOMPARE(c.fuelCapacity, 110.0f);
    QCOMPARE(c.fuelRemainingLaps, 2.2035322189331055f);
    QCOMPARE(c.maxRPM, std::uint16_t(13999));
    QCOMPARE(c.maxGears, std::uint8_t(9));
    QCOMPARE(c.actualTyreCompound, std::uint8_t(18));
    QCOMPARE(c.visualTyreCompound, std::uint8_t(16));
    QCOMPARE(visualCompoundName(c.visualTyreCompound), QStringLiteral("Soft"));
    QCOMPARE(actualCompoundName(c.actualTyreCompound, 2024), QStringLiteral("C3"));
    QCOMPARE(c.tyresAgeLaps, std::uint8_t(0));
    QCOMPARE(c.vehicleFiaFlags, std::int8_t(0));
    QCOMPARE(c.enginePowerICE, 68706.8203125f);
    QCOMPARE(c.ersStoreEnergy, 4000000.0f);
    QCOMPARE(c.ersDeployMode, std::uint8_t(1));
    QCOMPARE(c.networkPaused, std::uint8_t(0));

    const auto s23 = decodeFile<CarStatusPacket>(QStringLiteral("2023-07.bin"));
    QCOMPARE(s23.cars[19].fuelInTank, 11.399999618530273f);
    QCOMPARE(s23.cars[19].actualTyreCompound, std::uint8_t(17));
    QCOMPARE(s23.cars[19].ersDeployMode, std::uint8_t(3));
    QCOMPARE(s23.cars[19].maxRPM, std::uint16_t(13000));
}

void TestF1Game::finalClassificationPackets()
{
    const auto f24 = decodeFile<FinalClassificationPacket>(QStringLiteral("2024-08.bin"));
    QCOMPARE(f24.numCars, std::uint8_t(20));
    const FinalClassification &winner = f24.cars[1];
    QCOMPARE(winner.position, std::uint8_t(1));
    QCOMPARE(winner.numLaps, std::uint8_t(5));
    QCOMPARE(winner.gridPosition, std::uint8_t(2));
    QCOMPARE(winner.points, std::uint8_t(26));
    QCOMPARE(winner.resultStatus, std::uint8_t(3)); // finished
    QCOMPARE(winner.bestLapTimeInMS, 90957u);
    QCOMPARE(winner.totalRaceTime, 458.3078308105469);
    QCOMPARE(winner.numTyreStints, std::uint8_t(1));
    QCOMPARE(winner.tyreStintsActual[0], std::uint8_t(18));
    QCOMPARE(winner.tyreStintsVisual[0], std::uint8_t(16));
    QCOMPARE(winner.tyreStintsEndLaps[0], std::uint8_t(255));
    QCOMPARE(f24.cars[0].position, std::uint8_t(16));
    QCOMPARE(f24.cars[2].points, std::uint8_t(12));

    const auto f23 = decodeFile<FinalClassificationPacket>(QStringLiteral("2023-08.bin"));
    QCOMPARE(f23.numCars, std::uint8_t(20));
    QCOMPARE(f23.cars[2].position, std::uint8_t(1));
    QCOMPARE(f23.cars[2].points, std::uint8_t(25));
    QCOMPARE(f23.cars[2].bestLapTimeInMS, 79686u);
    QCOMPARE(f23.cars[2].totalRaceTime, 406.032470703125);
    QCOMPARE(f23.cars[0].tyreStintsActual[0], std::uint8_t(17));
}

void TestF1Game::carDamagePackets()
{
    // Garage state: nothing worn. The layout is checked by the size, these by value.
    for (const QString &name : {QStringLiteral("2023-10.bin"), QStringLiteral("2024-10.bin")}) {
        const auto d = decodeFile<CarDamagePacket>(name);
        QCOMPARE(d.cars[19].tyresWear, (PerWheel<float>{0, 0, 0, 0}));
        QCOMPARE(d.cars[19].engineDamage, std::uint8_t(0));
        QCOMPARE(d.cars[19].tyreBlisters, (PerWheel<std::uint8_t>{0, 0, 0, 0}));
    }
}

void TestF1Game::sessionHistoryTyreSetsMotionExTimeTrial()
{
    const auto h24 = decodeFile<SessionHistoryPacket>(QStringLiteral("2024-11.bin"));
    QCOMPARE(h24.carIdx, std::uint8_t(0));
    QCOMPARE(h24.numLaps, std::uint8_t(1));
    QCOMPARE(h24.numTyreStints, std::uint8_t(1));
    QCOMPARE(h24.laps[0].lapValidBitFlags, std::uint8_t(15));
    QCOMPARE(h24.tyreStints[0].endLap, std::uint8_t(255));
    QCOMPARE(h24.tyreStints[0].tyreActualCompound, std::uint8_t(18));
    QCOMPARE(h24.tyreStints[0].tyreVisualCompound, std::uint8_t(16));

    const auto ts24 = decodeFile<TyreSetsPacket>(QStringLiteral("2024-12.bin"));
    QCOMPARE(ts24.carIdx, std::uint8_t(1));
    QCOMPARE(ts24.fittedIdx, std::uint8_t(6));
    QCOMPARE(ts24.sets[0].actualTyreCompound, std::uint8_t(18));
    QCOMPARE(ts24.sets[1].visualTyreCompound, std::uint8_t(17));
    QCOMPARE(ts24.sets[1].lifeSpan, std::uint8_t(19));
    QCOMPARE(ts24.sets[1].lapDeltaTime, std::int16_t(653));
    const auto ts23 = decodeFile<TyreSetsPacket>(QStringLiteral("2023-12.bin"));
    QCOMPARE(ts23.sets[1].lapDeltaTime, std::int16_t(405));

    const auto mx24 = decodeFile<MotionExPacket>(QStringLiteral("2024-13.bin"));
    QCOMPARE(mx24.heightOfCOGAboveGround, 0.3376493453979492f);
    QCOMPARE(mx24.wheelVertForce[0], 2597.091064453125f); // RL
    QCOMPARE(mx24.wheelVertForce[3], 2275.130615234375f); // FR
    QCOMPARE(mx24.frontAeroHeight, 0.026029929518699646f);
    QCOMPARE(mx24.rearAeroHeight, 0.050775859504938126f);
    const auto mx23 = decodeFile<MotionExPacket>(QStringLiteral("2023-13.bin"));
    QCOMPARE(mx23.wheelVertForce[1], 1957.761474609375f);
    QCOMPARE(mx23.frontAeroHeight, 0.0f); // 2024+

    const auto tt = decodeFile<TimeTrialPacket>(QStringLiteral("2024-14.bin"));
    QCOMPARE(tt.personalBest.carIdx, std::uint8_t(1));
    QCOMPARE(tt.personalBest.teamId, std::uint8_t(1));
    QCOMPARE(tt.personalBest.lapTimeInMS, 87027u);
    QCOMPARE(tt.personalBest.sector1TimeInMS, 27631u);
    QCOMPARE(tt.personalBest.sector2TimeInMS, 35630u);
    QCOMPARE(tt.personalBest.sector3TimeInMS, 23765u);
    QCOMPARE(tt.personalBest.valid, std::uint8_t(1));
    QCOMPARE(tt.playerSessionBest.lapTimeInMS, 0u);
    QCOMPARE(tt.rival.teamId, std::uint8_t(0));
}

void TestF1Game::oldFormatsRefusedWithUdpFormatAdvice()
{
    const QStringList files = packetFiles(2022);
    QCOMPARE(files.size(), 28);
    for (const QString &name : files) {
        const DecodeResult result = decodePacket(packetFile(name));
        QVERIFY2(result.isRefused(), qPrintable(name));
        QCOMPARE(result.refusal()->reason, RefusalReason::OldFormat);
        QCOMPARE(result.refusal()->message, QStringLiteral("packet format 2022 is not supported: set the game's UDP Format to 2024 or 2025 "
                                                           "(F1 23: 2023)"));
    }
}

void TestF1Game::truncatedAndOverlongRefused()
{
    std::array<int, kRefusalReasonCount> counts{};
    int copies = 0;
    for (int format : {2023, 2024}) {
        for (const QString &name : packetFiles(format)) {
            const QByteArray bytes = packetFile(name);
            const DecodeResult whole = decodePacket(bytes);
            QVERIFY(!whole.isRefused());
            QByteArray shortCopy = bytes.left(bytes.size() - 1);
            QByteArray longCopy = bytes + QByteArray(1, '\0');
            if (whole.get<EventPacket>()) {
                // Events vary: one byte below their code's details, one above the bound.
                const EventPacket &event = *whole.get<EventPacket>();
                shortCopy = bytes.left(eventMinimumSize(event.code, format) - 1);
                longCopy = bytes.leftJustified(kEventMaximumSize + 1, '\0');
            }
            for (const QByteArray &copy : {shortCopy, longCopy}) {
                const DecodeResult result = decodePacket(copy);
                QVERIFY2(result.isRefused(), qPrintable(QStringLiteral("%1 at %2 bytes").arg(name).arg(copy.size())));
                ++counts[std::size_t(result.refusal()->reason)];
                ++copies;
            }
        }
    }
    QCOMPARE(copies, 2 * (32 + 35));
    QCOMPARE(counts[std::size_t(RefusalReason::TooShort)], 32 + 35);
    QCOMPARE(counts[std::size_t(RefusalReason::TooLong)], 32 + 35);

    const DecodeResult telemetry = decodePacket(packetFile(QStringLiteral("2024-06.bin")).chopped(1));
    QCOMPARE(telemetry.refusal()->message,
             QStringLiteral("a Car Telemetry packet of format 2024 must be 1352 bytes, this one is 1351 bytes"));
    const DecodeResult penalty = decodePacket(packetFile(QStringLiteral("2024-03-PENA.bin")).left(39));
    QCOMPARE(penalty.refusal()->message, QStringLiteral("a PENA event of format 2024 needs at least 40 bytes, this one is 39 bytes"));
    QCOMPARE(decodePacket(QByteArray("\xe8\x07", 2)).refusal()->reason, RefusalReason::TooShort);
    QCOMPARE(decodePacket(QByteArray()).refusal()->reason, RefusalReason::TooShort);
    QCOMPARE(decodePacket(packetFile(QStringLiteral("2024-03-SSTA.bin")).left(32)).refusal()->reason, RefusalReason::TooShort);
}

void TestF1Game::unknownIdsCodesAndFormats()
{
    QByteArray timeTrial = packetFile(QStringLiteral("2024-14.bin"));
    timeTrial[0] = char(0xe7); // as 2023, which has no packet 14
    const DecodeResult noTimeTrial = decodePacket(timeTrial);
    QCOMPARE(noTimeTrial.refusal()->reason, RefusalReason::UnknownPacketId);
    QCOMPARE(noTimeTrial.refusal()->message, QStringLiteral("packet id 14 does not exist in packet format 2023"));

    ByteWriter lapPositions24;
    lapPositions24.header(2024, 15);
    lapPositions24.zeros(1131 - 29);
    QCOMPARE(decodePacket(lapPositions24.bytes()).refusal()->reason, RefusalReason::UnknownPacketId);

    QByteArray scar = packetFile(QStringLiteral("2024-03-SCAR.bin"));
    scar[0] = char(0xe7); // 2023 had no safety car event
    QCOMPARE(decodePacket(scar).refusal()->reason, RefusalReason::UnknownEventCode);
    QByteArray junk = packetFile(QStringLiteral("2024-03-SSTA.bin"));
    junk.replace(29, 4, "XYZW");
    const DecodeResult junkResult = decodePacket(junk);
    QCOMPARE(junkResult.refusal()->reason, RefusalReason::UnknownEventCode);
    QVERIFY(junkResult.refusal()->message.contains(QLatin1String("XYZW")));

    QByteArray odd = packetFile(QStringLiteral("2024-06.bin"));
    odd[0] = 0x39; // 12345
    odd[1] = 0x30;
    const DecodeResult unknown = decodePacket(odd);
    QCOMPARE(unknown.refusal()->reason, RefusalReason::UnknownFormat);
    QVERIFY(unknown.refusal()->message.contains(QLatin1String("12345")));
}

void TestF1Game::f125Participants()
{
    // Names as the F1 25 spec has them: 32 bytes, UTF-8, NUL-terminated unless they fill the field.
    const QByteArray full = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"; // 32 bytes, no NUL
    const QByteArray accented = QStringLiteral("Sergio Pérez").toUtf8();
    ByteWriter w;
    w.header(2025, 4);
    w.u8(3);
    for (int car = 0; car < kMaxCars; ++car) {
        w.u8(car == 0 ? 0 : 1); // ai
        w.u8(car == 0 ? 255 : 14);
        w.u8(car);                // network id
        w.u8(car == 2 ? 185 : 1); // Mercedes '24 for car 2
        w.u8(0);
        w.u8(10 + car); // race number
        w.u8(52);
        w.text(car == 0 ? full : car == 1 ? accented : QByteArray("CAR ") + QByteArray::number(car), 32);
        w.u8(car == 0 ? 0 : 1); // your telemetry
        w.u8(1);
        w.u16(1000 + car);
        w.u8(car == 0 ? 3 : 255);
        w.u8(car == 0 ? 2 : 0); // colours
        for (int c = 0; c < 4; ++c) {
            w.u8(car == 0 ? 200 + c : 0);
            w.u8(car == 0 ? 10 * c : 0);
            w.u8(car == 0 ? 255 - c : 0);
        }
    }
    QCOMPARE(w.bytes().size(), 1284);
    const auto p = decodedAs<ParticipantsPacket>(decodePacket(w.bytes()));
    QCOMPARE(p.header.packetFormat, std::uint16_t(2025));
    QCOMPARE(p.header.gameYear, std::uint8_t(25));
    QCOMPARE(p.header.sessionUID, std::uint64_t(0x1122334455667788ull));
    QCOMPARE(p.header.overallFrameIdentifier, 760u);
    QCOMPARE(p.header.playerCarIndex, std::uint8_t(3));
    QCOMPARE(p.numActiveCars, std::uint8_t(3));
    QCOMPARE(p.cars[0].name, QString::fromLatin1(full)); // all 32, and not the byte after
    QCOMPARE(p.cars[0].yourTelemetry, std::uint8_t(0));
    QVERIFY(isRestricted(p.cars[0]));
    QCOMPARE(p.cars[0].driverId, std::uint8_t(255));
    QCOMPARE(p.cars[0].techLevel, std::uint16_t(1000));
    QCOMPARE(p.cars[0].platform, std::uint8_t(3));
    QCOMPARE(p.cars[0].numColours, std::uint8_t(2));
    QCOMPARE(p.cars[0].liveryColours[0], (LiveryColour{200, 0, 255}));
    QCOMPARE(p.cars[0].liveryColours[3], (LiveryColour{203, 30, 252}));
    QCOMPARE(p.cars[1].name, QStringLiteral("Sergio Pérez"));
    QVERIFY(!isRestricted(p.cars[1]));
    QCOMPARE(p.cars[1].liveryColours[0], (LiveryColour{0, 0, 0}));
    QCOMPARE(p.cars[2].teamId, std::uint8_t(185));
    QCOMPARE(teamName(p.cars[2].teamId, 2025), QStringLiteral("Mercedes '24"));
    QCOMPARE(teamName(185, 2024), QString()); // not in F1 24's table
    QCOMPARE(p.cars[21].name, QStringLiteral("CAR 21"));
    QCOMPARE(p.cars[21].raceNumber, std::uint8_t(31));
    QCOMPARE(p.cars[21].techLevel, std::uint16_t(1021));

    // The same bytes labelled 2024 are 66 short of that format's 1350.
    QByteArray as2024 = w.bytes();
    as2024[0] = char(0xe8);
    QCOMPARE(decodePacket(as2024).refusal()->reason, RefusalReason::TooShort);
}

void TestF1Game::f125LapPositions()
{
    ByteWriter w;
    w.header(2025, 15);
    w.u8(3);  // laps
    w.u8(50); // the second packet of a long race
    for (int lap = 0; lap < LapPositionsPacket::kMaxLaps; ++lap)
        for (int car = 0; car < kMaxCars; ++car)
            w.u8(lap < 3 && car < 20 ? 1 + (car + lap) % 20 : 0);
    QCOMPARE(w.bytes().size(), 1131);
    const auto p = decodedAs<LapPositionsPacket>(decodePacket(w.bytes()));
    QCOMPARE(p.numLaps, std::uint8_t(3));
    QCOMPARE(p.lapStart, std::uint8_t(50));
    QCOMPARE(p.positionForVehicleIdx[0][0], std::uint8_t(1));
    QCOMPARE(p.positionForVehicleIdx[0][19], std::uint8_t(20));
    QCOMPARE(p.positionForVehicleIdx[2][19], std::uint8_t(2));
    QCOMPARE(p.positionForVehicleIdx[2][20], std::uint8_t(0));
    QCOMPARE(p.positionForVehicleIdx[3][0], std::uint8_t(0));
    QCOMPARE(decodePacket(w.bytes().chopped(1)).refusal()->reason, RefusalReason::TooShort);
}

void TestF1Game::f125CarDamageWithBlisters()
{
    ByteWriter w;
    w.header(2025, 10);
    for (int car = 0; car < kMaxCars; ++car) {
        for (int wheel = 0; wheel < 4; ++wheel)
            w.f32(car + wheel * 0.25f); // wear
        for (int wheel = 0; wheel < 4; ++wheel)
            w.u8(wheel + 1); // tyre damage
        for (int wheel = 0; wheel < 4; ++wheel)
            w.u8(10 + wheel); // brakes
        for (int wheel = 0; wheel < 4; ++wheel)
            w.u8(car == 5 ? 40 + wheel : 0); // blisters
        w.u8(7);                             // front left wing
        w.u8(8);                             // front right wing
        w.u8(9);                             // rear wing
        w.u8(11);                            // floor
        w.u8(12);                            // diffuser
        w.u8(13);                            // sidepod
        w.u8(0);                             // drs fault
        w.u8(1);                             // ers fault
        w.u8(14);                            // gearbox
        w.u8(car == 5 ? 99 : 15);            // engine
        w.zeros(6);                          // component wear
        w.u8(car == 5 ? 1 : 0);              // blown
        w.u8(0);                             // seized
    }
    QCOMPARE(w.bytes().size(), 1041);
    const auto d = decodedAs<CarDamagePacket>(decodePacket(w.bytes()));
    const CarDamage &c = d.cars[5];
    QCOMPARE(c.tyresWear, (PerWheel<float>{5.0f, 5.25f, 5.5f, 5.75f}));
    QCOMPARE(c.tyresDamage, (PerWheel<std::uint8_t>{1, 2, 3, 4}));
    QCOMPARE(c.brakesDamage, (PerWheel<std::uint8_t>{10, 11, 12, 13}));
    QCOMPARE(c.tyreBlisters, (PerWheel<std::uint8_t>{40, 41, 42, 43}));
    QCOMPARE(c.frontLeftWingDamage, std::uint8_t(7));
    QCOMPARE(c.rearWingDamage, std::uint8_t(9));
    QCOMPARE(c.floorDamage, std::uint8_t(11));
    QCOMPARE(c.ersFault, std::uint8_t(1));
    QCOMPARE(c.gearBoxDamage, std::uint8_t(14));
    QCOMPARE(c.engineDamage, std::uint8_t(99));
    QCOMPARE(c.engineBlown, std::uint8_t(1));
    QCOMPARE(d.cars[6].tyreBlisters, (PerWheel<std::uint8_t>{0, 0, 0, 0}));
    QCOMPARE(d.cars[21].tyresWear[3], 21.75f);
    QCOMPARE(d.cars[21].engineDamage, std::uint8_t(15));
}

void TestF1Game::f125FinalClassificationWithReason()
{
    ByteWriter w;
    w.header(2025, 8);
    w.u8(2);
    for (int car = 0; car < kMaxCars; ++car) {
        w.u8(car + 1);            // position
        w.u8(car == 1 ? 31 : 57); // laps
        w.u8(car + 3);            // grid
        w.u8(car == 0 ? 25 : 0);  // points
        w.u8(car == 0 ? 2 : 1);   // pit stops
        w.u8(car == 1 ? 7 : 3);   // result status: retired / finished
        w.u8(car == 1 ? 8 : 2);   // result reason: mechanical failure / finished
        w.u32(car == 0 ? 78123 : 79456);
        w.f64(car == 0 ? 5432.125 : 0.0);
        w.u8(car == 0 ? 5 : 0); // penalties time
        w.u8(car == 0 ? 1 : 0);
        w.u8(car == 0 ? 3 : 2); // stints
        for (int s = 0; s < 8; ++s)
            w.u8(s < 3 ? 18 - s : 0);
        for (int s = 0; s < 8; ++s)
            w.u8(s < 3 ? 16 + s : 0);
        for (int s = 0; s < 8; ++s)
            w.u8(s < 3 ? 20 * (s + 1) : 0);
    }
    QCOMPARE(w.bytes().size(), 1042);
    const auto f = decodedAs<FinalClassificationPacket>(decodePacket(w.bytes()));
    QCOMPARE(f.numCars, std::uint8_t(2));
    QCOMPARE(f.cars[0].position, std::uint8_t(1));
    QCOMPARE(f.cars[0].numLaps, std::uint8_t(57));
    QCOMPARE(f.cars[0].gridPosition, std::uint8_t(3));
    QCOMPARE(f.cars[0].points, std::uint8_t(25));
    QCOMPARE(f.cars[0].numPitStops, std::uint8_t(2));
    QCOMPARE(f.cars[0].resultReason, std::uint8_t(2));
    QCOMPARE(f.cars[0].bestLapTimeInMS, 78123u);
    QCOMPARE(f.cars[0].totalRaceTime, 5432.125);
    QCOMPARE(f.cars[0].penaltiesTime, std::uint8_t(5));
    QCOMPARE(f.cars[0].numTyreStints, std::uint8_t(3));
    QCOMPARE(f.cars[0].tyreStintsActual, (std::array<std::uint8_t, 8>{18, 17, 16, 0, 0, 0, 0, 0}));
    QCOMPARE(f.cars[0].tyreStintsVisual, (std::array<std::uint8_t, 8>{16, 17, 18, 0, 0, 0, 0, 0}));
    QCOMPARE(f.cars[0].tyreStintsEndLaps, (std::array<std::uint8_t, 8>{20, 40, 60, 0, 0, 0, 0, 0}));
    QCOMPARE(f.cars[1].resultStatus, std::uint8_t(7));
    QCOMPARE(f.cars[1].resultReason, std::uint8_t(8));
    QCOMPARE(f.cars[1].numLaps, std::uint8_t(31));
    QCOMPARE(f.cars[21].position, std::uint8_t(22));
    QCOMPARE(f.cars[21].bestLapTimeInMS, 79456u);
}

void TestF1Game::f125Events()
{
    const auto build = [](const char *code, const QByteArray &details, int size) {
        ByteWriter w;
        w.header(2025, 3);
        QByteArray bytes = w.bytes() + QByteArray(code, 4) + details;
        return bytes.leftJustified(size, '\0');
    };
    // Retirement with its 2025 reason, at the minimum size (35) and the spec's 45.
    for (int size : {35, 45}) {
        const auto rtmt = decodedAs<EventPacket>(decodePacket(build("RTMT", QByteArray("\x07\x08", 2), size)));
        const auto details = std::get<RetirementEvent>(rtmt.details);
        QCOMPARE(details.vehicleIdx, std::uint8_t(7));
        QCOMPARE(details.reason, std::uint8_t(8)); // mechanical failure
    }
    QCOMPARE(decodePacket(build("RTMT", QByteArray("\x07", 1), 34)).refusal()->reason, RefusalReason::TooShort);

    const auto drsd = decodedAs<EventPacket>(decodePacket(build("DRSD", QByteArray("\x01", 1), 45)));
    QCOMPARE(std::get<DrsDisabledEvent>(drsd.details).reason, std::uint8_t(1)); // safety car

    ByteWriter stopTime;
    stopTime.u8(4);
    stopTime.f32(10.5f);
    const auto sgsv = decodedAs<EventPacket>(decodePacket(build("SGSV", stopTime.bytes(), 45)));
    QCOMPARE(std::get<StopGoServedEvent>(sgsv.details).vehicleIdx, std::uint8_t(4));
    QCOMPARE(std::get<StopGoServedEvent>(sgsv.details).stopTime, 10.5f);
    QCOMPARE(eventMinimumSize(EventCode::StopGoServed, 2025), 38);
    QCOMPARE(eventMinimumSize(EventCode::StopGoServed, 2024), 34);

    const auto scar = decodedAs<EventPacket>(decodePacket(build("SCAR", QByteArray("\x02\x01", 2), 45)));
    QCOMPARE(std::get<SafetyCarEvent>(scar.details).safetyCarType, std::uint8_t(2)); // virtual
    QCOMPARE(std::get<SafetyCarEvent>(scar.details).eventType, std::uint8_t(1));     // returning
}

void TestF1Game::format2026NotYetSupported()
{
    // Only the format is known: recognised by its first two bytes, whatever follows.
    for (const QByteArray &bytes : {QByteArray("\xea\x07", 2), packetFile(QStringLiteral("2024-06.bin"))}) {
        QByteArray packet = bytes;
        packet[0] = char(0xea); // 2026
        packet[1] = char(0x07);
        const DecodeResult result = decodePacket(packet);
        QVERIFY(result.isRefused());
        QCOMPARE(result.refusal()->reason, RefusalReason::FutureFormat);
        QCOMPARE(result.refusal()->message, QStringLiteral("packet format 2026 is recognised but not yet supported (24 cars and a packet 16, "
                                                           "no specification yet): set the game's UDP Format to 2025"));
    }
    QCOMPARE(formatSupport(2026), FormatSupport::NotYetSupported);
    QCOMPARE(formatSupport(2025), FormatSupport::Supported);
    QCOMPARE(formatSupport(2022), FormatSupport::Old);
    QCOMPARE(formatSupport(2017), FormatSupport::Old);
    QCOMPARE(formatSupport(0), FormatSupport::Unknown);
}

void TestF1Game::names()
{
    QCOMPARE(visualCompoundName(16), QStringLiteral("Soft"));
    QCOMPARE(visualCompoundName(17), QStringLiteral("Medium"));
    QCOMPARE(visualCompoundName(18), QStringLiteral("Hard"));
    QCOMPARE(visualCompoundName(7), QStringLiteral("Inter"));
    QCOMPARE(visualCompoundName(8), QStringLiteral("Wet"));
    QCOMPARE(visualCompoundName(0), QString());
    QCOMPARE(actualCompoundName(16, 2024), QStringLiteral("C5"));
    QCOMPARE(actualCompoundName(21, 2024), QStringLiteral("C0"));
    QCOMPARE(actualCompoundName(22, 2024), QString());
    QCOMPARE(actualCompoundName(22, 2025), QStringLiteral("C6"));
    QCOMPARE(trackName(11, 2024), QStringLiteral("Monza"));
    QCOMPARE(trackName(26, 2024), QStringLiteral("Zandvoort"));
    QCOMPARE(trackName(28, 2023), QStringLiteral("Portimão"));
    QCOMPARE(trackName(28, 2025), QString()); // dropped from F1 25
    QCOMPARE(trackName(41, 2025), QStringLiteral("Zandvoort (Reverse)"));
    QCOMPARE(trackName(-1, 2024), QString());
    QCOMPARE(teamName(6, 2023), QStringLiteral("Alpha Tauri"));
    QCOMPARE(teamName(6, 2024), QStringLiteral("RB"));
    QCOMPARE(teamName(9, 2025), QStringLiteral("Sauber"));
    QCOMPARE(teamName(140, 2023), QStringLiteral("Art GP '22"));
    QCOMPARE(sessionTypeName(13, 2023), QStringLiteral("Time Trial"));
    QCOMPARE(sessionTypeName(13, 2024), QStringLiteral("Short Sprint Shootout"));
    QCOMPARE(sessionTypeName(18, 2025), QStringLiteral("Time Trial"));
    QCOMPARE(sessionTypeName(19, 2025), QString());
    QCOMPARE(packetName(PacketId::LapPositions), QStringLiteral("Lap Positions"));
    QCOMPARE(refusalReasonName(RefusalReason::OldFormat), QStringLiteral("old packet format"));
}

void TestF1Game::recordingsReadAndDecode_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("trackId");
    QTest::addColumn<int>("topSpeed");
    const std::array<int, 5> counts = {526, 416, 313, 489, 531};
    const std::array<int, 5> tracks = {11, 11, 11, 26, 26};
    const std::array<int, 5> speeds = {346, 229, 186, 314, 286};
    for (int i = 0; i < 5; ++i)
        QTest::newRow(qPrintable(kRecordings[i]))
            << kRecordings[i] << counts[std::size_t(i)] << tracks[std::size_t(i)] << speeds[std::size_t(i)];
}

void TestF1Game::recordingsReadAndDecode()
{
    QFETCH(QString, name);
    QFETCH(int, count);
    QFETCH(int, trackId);
    QFETCH(int, topSpeed);
    const Capture capture = readCapture(recording(name));
    QVERIFY2(capture.ok(), qPrintable(capture.error));
    QCOMPARE(int(capture.records.size()), count);

    std::set<int> ids;
    int notDecoded = 0;
    int topSeen = 0;
    std::optional<int> track;
    float previous = -1;
    for (const CaptureRecord &record : capture.records) {
        QVERIFY(record.seconds >= previous);
        previous = record.seconds;
        const DecodeResult result = decodePacket(record.payload);
        QVERIFY2(!result.isRefused(), qPrintable(result.refusal() ? result.refusal()->message : QString()));
        const PacketHeader &header = *result.header();
        QCOMPARE(header.packetFormat, std::uint16_t(2024));
        QCOMPARE(header.gameMajorVersion, std::uint8_t(1));
        QCOMPARE(header.gameMinorVersion, std::uint8_t(21));
        ids.insert(header.packetId);
        if (result.isNotDecoded()) {
            QCOMPARE(result.notDecoded()->id, PacketId::CarSetups);
            ++notDecoded;
        }
        if (const auto *session = result.get<SessionPacket>()) {
            QCOMPARE(session->sessionType, std::uint8_t(18));
            QCOMPARE(sessionTypeName(session->sessionType, 2024), QStringLiteral("Time Trial"));
            if (!track)
                track = session->trackId;
        }
        if (const auto *telemetry = result.get<CarTelemetryPacket>())
            topSeen = qMax(topSeen, int(telemetry->cars[header.playerCarIndex].speed));
    }
    QCOMPARE(track.value_or(-1), trackId);
    QCOMPARE(topSeen, topSpeed);
    QVERIFY(notDecoded > 0);
    QVERIFY(!ids.count(8) && !ids.count(9));
    QVERIFY(ids.count(0) && ids.count(2) && ids.count(6) && ids.count(13));
}

void TestF1Game::captureWrittenAndReadBackIsIdentical()
{
    const QString source = recording(kRecordings[0]);
    const Capture original = readCapture(source);
    QVERIFY(original.ok());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("copy.bin"));
    {
        CaptureWriter writer;
        QVERIFY(writer.open(path));
        for (const CaptureRecord &record : original.records)
            QVERIFY(writer.append(record.seconds, record.payload));
        QCOMPARE(writer.count(), 526u);
        QVERIFY(writer.close());
    }
    QCOMPARE(readAll(path), readAll(source)); // byte for byte, the count fixed on close

    const Capture copy = readCapture(path);
    QVERIFY(copy.ok());
    QCOMPARE(copy.records.size(), original.records.size());
    for (std::size_t i = 0; i < copy.records.size(); ++i) {
        QCOMPARE(copy.records[i].seconds, original.records[i].seconds);
        QCOMPARE(copy.records[i].payload, original.records[i].payload);
    }
}

void TestF1Game::captureCutMidRecordReadsToLastWholeRecord()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("live.bin"));
    CaptureWriter writer;
    QVERIFY(writer.open(path));
    const QByteArray payload = packetFile(QStringLiteral("2024-06.bin"));
    for (int i = 0; i < 3; ++i)
        QVERIFY(writer.append(0.5f * i, payload));
    QVERIFY(writer.flush());

    // While recording: the count says "until the end", and the records there read cleanly.
    const QByteArray live = readAll(path);
    QCOMPARE(live.left(4), QByteArray("\xff\xff\xff\xff", 4));
    Capture during = readCapture(path);
    QVERIFY2(during.ok(), qPrintable(during.error));
    QCOMPARE(during.records.size(), std::size_t(3));

    // Cut in the middle of the third record, as a killed app would leave it.
    const qsizetype cut = 4 + 2 * (8 + payload.size()) + 8 + 100;
    QFile cutFile(dir.filePath(QStringLiteral("cut.bin")));
    QVERIFY(cutFile.open(QIODevice::WriteOnly));
    cutFile.write(live.left(cut));
    cutFile.close();
    const Capture cutShort = readCapture(cutFile.fileName());
    QCOMPARE(cutShort.records.size(), std::size_t(2));
    QCOMPARE(cutShort.records[1].seconds, 0.5f);
    QCOMPARE(cutShort.records[1].payload, payload);
    QCOMPARE(cutShort.error, QStringLiteral("record 3 is cut short: 100 of its 1352 payload bytes"));
    // And in its 8-byte record header.
    QFile headCut(dir.filePath(QStringLiteral("headcut.bin")));
    QVERIFY(headCut.open(QIODevice::WriteOnly));
    headCut.write(live.left(4 + 2 * (8 + payload.size()) + 5));
    headCut.close();
    const Capture headShort = readCapture(headCut.fileName());
    QCOMPARE(headShort.records.size(), std::size_t(2));
    QCOMPARE(headShort.error, QStringLiteral("record 3 is cut short: 5 of its 8 header bytes"));

    QVERIFY(writer.close());
    QCOMPARE(readAll(path).left(4), QByteArray("\x03\x00\x00\x00", 4));

    // A recording from the shared data cut mid-record: its count is 526, so the cut says so.
    const QByteArray full = readAll(recording(kRecordings[0]));
    QFile fullCut(dir.filePath(QStringLiteral("fullcut.bin")));
    QVERIFY(fullCut.open(QIODevice::WriteOnly));
    fullCut.write(full.left(full.size() / 2));
    fullCut.close();
    const Capture half = readCapture(fullCut.fileName());
    QVERIFY(!half.ok());
    QVERIFY(half.records.size() > 200 && half.records.size() < 526);
    QVERIFY2(half.error.startsWith(QStringLiteral("record %1 of 526 is cut short").arg(half.records.size() + 1)), qPrintable(half.error));
}

void TestF1Game::captureLengthsChecked()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&dir](const QString &name, const QByteArray &bytes) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(name));
        return file.fileName();
    };
    ByteWriter oneRecord;
    oneRecord.f32(1.0f);
    oneRecord.u32(3);
    oneRecord.text("abc", 3);

    ByteWriter fewer; // count 2, one record
    fewer.u32(2);
    const Capture missing = readCapture(write(QStringLiteral("fewer.bin"), fewer.bytes() + oneRecord.bytes()));
    QCOMPARE(missing.records.size(), std::size_t(1));
    QCOMPARE(missing.error, QStringLiteral("the capture declares 2 records but ends after 1: record 2 is missing"));

    ByteWriter more; // count 1, two records
    more.u32(1);
    const Capture extra = readCapture(write(QStringLiteral("more.bin"), more.bytes() + oneRecord.bytes() + oneRecord.bytes()));
    QCOMPARE(extra.records.size(), std::size_t(1));
    QCOMPARE(extra.error, QStringLiteral("the capture declares 1 records but more bytes follow: record 2 is not counted"));

    ByteWriter huge; // a length past the 2 MiB bound: refused before any allocation
    huge.u32(kCaptureCountOpen);
    huge.f32(0);
    huge.u32(std::uint32_t(kCaptureMaxPayload + 1));
    const Capture tooBig = readCapture(write(QStringLiteral("huge.bin"), huge.bytes()));
    QCOMPARE(tooBig.records.size(), std::size_t(0));
    QCOMPARE(tooBig.error, QStringLiteral("record 1 claims 2097153 bytes of payload, more than the 2097152 bound"));

    QCOMPARE(readCapture(write(QStringLiteral("tiny.bin"), QByteArray("\x01\x00", 2))).error,
             QStringLiteral("the capture is 2 bytes long, shorter than its 4-byte record count"));
    const Capture empty = readCapture(write(QStringLiteral("empty.bin"), QByteArray(4, '\0')));
    QVERIFY(empty.ok());
    QVERIFY(empty.records.empty());
    QVERIFY(!readCapture(dir.filePath(QStringLiteral("absent.bin"))).ok());

    CaptureWriter writer;
    QVERIFY(writer.open(dir.filePath(QStringLiteral("w.bin"))));
    QVERIFY(!writer.append(0, QByteArray(kCaptureMaxPayload + 1, 'x')));
    QVERIFY(writer.error().contains(QLatin1String("bound")));
    QCOMPARE(writer.count(), 0u);
}

// Every recorded packet decodes, and decodes the same way each time (no state kept between
// packets). Decoding speed is a benchmark's figure (bench_f1game), not a unit test's.
void TestF1Game::recordedPacketsDecodeAlikeEveryTime()
{
    std::vector<QByteArray> payloads;
    for (const QString &name : kRecordings)
        for (CaptureRecord &record : readCapture(recording(name)).records)
            payloads.push_back(std::move(record.payload));
    QCOMPARE(int(payloads.size()), 526 + 416 + 313 + 489 + 531);
    for (int round = 0; round < 3; ++round) {
        int decoded = 0;
        for (const QByteArray &payload : payloads)
            decoded += decodePacket(payload).isRefused() ? 0 : 1;
        QCOMPARE(decoded, int(payloads.size()));
    }
}

QTEST_GUILESS_MAIN(TestF1Game)
#include "tst_f1game.moc"
