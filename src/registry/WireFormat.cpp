#include "WireFormat.h"

#include <QtEndian>

namespace pitwall::registry {

QByteArray frame(qint32 schemaId, const QByteArray &payload)
{
    QByteArray message(5, '\0');
    qToBigEndian<qint32>(schemaId, message.data() + 1);
    return message + payload;
}

Expected<FramedMessage> unframe(const QByteArray &message)
{
    if (message.size() < 5)
        return Error{QStringLiteral("a Schema Registry message needs at least 5 bytes (magic byte and schema id), this one has %1")
                         .arg(message.size())};
    if (message.at(0) != '\0')
        return Error{QStringLiteral("unknown magic byte 0x%1 (only 0x00, the schema id in the message, is supported)")
                         .arg(quint8(message.at(0)), 2, 16, QLatin1Char('0'))};
    const qint32 id = qFromBigEndian<qint32>(message.constData() + 1);
    if (id < 0)
        return Error{QStringLiteral("negative schema id %1").arg(id)};
    return FramedMessage{id, message.mid(5)};
}

} // namespace pitwall::registry
