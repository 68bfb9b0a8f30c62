#pragma once
// Decodes the payload of a live-timing `.z` topic line (CarData.z, Position.z): the line's JSON
// value is a string holding base64 (RFC 4648) of raw DEFLATE (RFC 1951, no zlib header, hence
// zlib's windowBits -15) of a UTF-8 JSON document, which may itself start with a BOM. This is
// how livetiming.formula1.com serves those topics and how FastF1 unpacks them. The inflated size
// is capped so a hostile payload cannot exhaust memory.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace pitwall::sources {

class ZPayloadDecoder {
public:
    struct Result {
        QByteArray json; // the inflated JSON, BOM removed; empty on error
        QString error;   // empty on success
        bool ok() const { return error.isEmpty(); }
    };

    // `quotedBase64` is the JSON string as it stands on the line, quotes included.
    // `trailingCapacity`: bytes kept allocated (zeroed) past the end of `json`, so a parser
    // that reads ahead (simdjson's padding) can use it without a copy.
    static Result decode(QByteArrayView quotedBase64, qint64 maxInflatedBytes, qsizetype trailingCapacity = 0);

    // Raw DEFLATE inflate alone, with the same cap.
    static Result inflateRaw(QByteArrayView deflated, qint64 maxInflatedBytes, qsizetype trailingCapacity = 0);
};

} // namespace pitwall::sources
