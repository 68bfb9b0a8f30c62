#include "ZPayloadDecoder.h"

#include <zlib.h>

namespace pitwall::sources {

ZPayloadDecoder::Result ZPayloadDecoder::decode(QByteArrayView quotedBase64, qint64 maxInflatedBytes, qsizetype trailingCapacity)
{
    QByteArrayView text = quotedBase64.trimmed();
    if (text.size() < 2 || text.front() != '"' || text.back() != '"')
        return {{}, QStringLiteral("payload is not a JSON string")};
    text = text.sliced(1, text.size() - 2);
    QByteArray base64;
    if (text.contains('\\')) {
        // JSON may escape '/' as "\/"; no other escape can occur in base64 text.
        base64.reserve(text.size());
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text[i] == '\\') {
                if (i + 1 >= text.size() || text[i + 1] != '/')
                    return {{}, QStringLiteral("payload string has an escape that base64 cannot hold")};
                ++i;
            }
            base64.append(text[i]);
        }
    } else {
        base64 = QByteArray::fromRawData(text.data(), text.size());
    }
    const auto decoded = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
        return {{}, QStringLiteral("payload is not valid base64")};
    if (decoded.decoded.isEmpty())
        return {{}, QStringLiteral("payload is empty")};
    return inflateRaw(decoded.decoded, maxInflatedBytes, trailingCapacity);
}

ZPayloadDecoder::Result ZPayloadDecoder::inflateRaw(QByteArrayView deflated, qint64 maxInflatedBytes, qsizetype trailingCapacity)
{
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
        return {{}, QStringLiteral("zlib could not start")};
    QByteArray out;
    // Live-timing payloads inflate roughly 4-8x; start there and grow geometrically.
    qsizetype capacity = qBound<qsizetype>(4096, deflated.size() * 8, qsizetype(maxInflatedBytes) + 1);
    out.resize(capacity);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(deflated.data()));
    stream.avail_in = uInt(deflated.size());
    qsizetype produced = 0;
    int status = Z_OK;
    QString error;
    while (true) {
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
        stream.avail_out = uInt(capacity - produced);
        status = inflate(&stream, Z_NO_FLUSH);
        produced = capacity - qsizetype(stream.avail_out);
        if (status == Z_STREAM_END)
            break;
        if (status != Z_OK && status != Z_BUF_ERROR) {
            error = QStringLiteral("payload is not valid DEFLATE data (%1)").arg(QString::fromLatin1(stream.msg ? stream.msg : "zlib error"));
            break;
        }
        if (stream.avail_out == 0) {
            if (produced > maxInflatedBytes) {
                error = QStringLiteral("payload inflates past the %1-byte limit").arg(maxInflatedBytes);
                break;
            }
            capacity = qMin<qsizetype>(capacity * 2, qsizetype(maxInflatedBytes) + 1);
            out.resize(capacity);
            continue;
        }
        // Output room left but no progress: the input ended before the DEFLATE stream did.
        error = QStringLiteral("payload DEFLATE data is truncated");
        break;
    }
    inflateEnd(&stream);
    if (!error.isEmpty())
        return {{}, error};
    if (produced > maxInflatedBytes)
        return {{}, QStringLiteral("payload inflates past the %1-byte limit").arg(maxInflatedBytes)};
    qsizetype start = 0;
    if (produced >= 3 && out.startsWith("\xEF\xBB\xBF"))
        start = 3;
    if (start > 0)
        out.remove(0, start);
    produced -= start;
    // Zero the padding, then shrink the size only: QByteArray keeps the allocation.
    out.resize(produced + trailingCapacity);
    std::fill(out.begin() + produced, out.end(), '\0');
    out.truncate(produced);
    return {out, {}};
}

} // namespace pitwall::sources
