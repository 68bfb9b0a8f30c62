#include "UdpReplayCommand.h"
#include "Subcommand.h"
#include "core/PrintableText.h"

#include "sources/f1game/CaptureReader.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QThread>
#include <QUdpSocket>
#include <cstdio>

namespace pitwall {

namespace {

int fail(const QString &message, int code = 2)
{
    return failSubcommand(QStringLiteral("udp-replay"), message, code);
}

} // namespace

bool isUdpReplayCommand(const QString &word)
{
    return word == QLatin1String("udp-replay");
}

int runUdpReplayCommand(const QStringList &arguments)
{
    const QStringList rest = subcommandArguments(arguments);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sends a capture of the F1 game's UDP telemetry to a port, as the game would.\n"
                                                    "  pitwall udp-replay FILE [--host 127.0.0.1] [--port 20777] [--speed X|max]\n"
                                                    "Captures come from pitwall --source f1-game --udp-capture FILE (or any recording of\n"
                                                    "u32 count, then f32 seconds, u32 length and the payload per packet)."));
    parser.addHelpOption();
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Where to send (default 127.0.0.1)."),
                                  QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("The port (default 20777)."), QStringLiteral("port"),
                                  QStringLiteral("20777"));
    const QCommandLineOption speed(QStringLiteral("speed"), QStringLiteral("Recorded time per real second, or max (default 1)."),
                                   QStringLiteral("X|max"), QStringLiteral("1"));
    parser.addOptions({host, port, speed});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The capture."));
    parser.process(rest);
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("usage: pitwall udp-replay FILE [--host 127.0.0.1] [--port 20777] [--speed X|max]"), 1);
    QHostAddress address;
    if (!address.setAddress(parser.value(host)))
        return fail(QStringLiteral("--host must be an IP address, not '%1'").arg(parser.value(host)), 1);
    bool ok = false;
    const int portNumber = parser.value(port).toInt(&ok);
    if (!ok || portNumber < 1 || portNumber > 65535)
        return fail(QStringLiteral("--port must be from 1 to 65535"), 1);
    double factor = 0;
    if (parser.value(speed) != QLatin1String("max")) {
        factor = parser.value(speed).toDouble(&ok);
        if (!ok || factor <= 0 || factor > 1000)
            return fail(QStringLiteral("--speed must be a factor above 0 (up to 1000) or max"), 1);
    }
    const auto capture = sources::f1game::readCapture(parser.positionalArguments().first());
    if (capture.records.empty())
        return fail(capture.error.isEmpty() ? QStringLiteral("the capture holds no packets") : capture.error);
    if (!capture.error.isEmpty())
        std::fprintf(stderr, "pitwall udp-replay: %s; sending the %zu whole packets before it\n",
                     qPrintable(printable(capture.error)), capture.records.size());
    QUdpSocket socket;
    QElapsedTimer clock;
    clock.start();
    const double first = capture.records.front().seconds;
    qint64 sent = 0;
    for (const auto &record : capture.records) {
        if (factor > 0) {
            const qint64 dueMs = qint64((double(record.seconds) - first) / factor * 1000.0);
            if (const qint64 wait = dueMs - clock.elapsed(); wait > 0)
                QThread::msleep(quint64(wait));
        } else if (sent % 64 == 63) {
            QThread::usleep(500); // as fast as possible, but not faster than a receiver's buffer
        }
        if (socket.writeDatagram(record.payload, address, quint16(portNumber)) == record.payload.size())
            ++sent;
    }
    std::fprintf(stderr, "pitwall udp-replay: sent %lld of %zu packets to %s:%d in %.1f s\n", sent, capture.records.size(),
                 qPrintable(address.toString()), portNumber, double(clock.elapsed()) / 1000.0);
    return sent == qint64(capture.records.size()) ? 0 : 2;
}

} // namespace pitwall
