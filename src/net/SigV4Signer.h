#pragma once
// AWS Signature Version 4 (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html):
// the canonical request, the string to sign, the derived key and the Authorization
// header (or a presigned query). Pure functions of their inputs, so the AWS test suite
// in ../shared/data/sigv4 checks every step. Bedrock signs as service "bedrock".

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <utility>
#include <vector>

namespace pitwall::net {

struct AwsCredentials {
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; // empty for long-term keys

    bool isComplete() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
};

using HttpHeaders = std::vector<std::pair<QByteArray, QByteArray>>;

struct SigV4Request {
    QByteArray method;
    // The path as it goes on the wire (already percent-encoded where it must be): the
    // signer encodes it once more, as SigV4 requires for every service but S3.
    QByteArray path;
    QByteArray query; // without '?'; encoded or not, it is decoded and re-encoded
    HttpHeaders headers;
    QByteArray body;
};

struct SigV4Options {
    QString region;
    QString service;
    QDateTime time;                // UTC
    bool normalizePath = true;     // remove "." and ".." segments and repeated slashes
    bool signBody = false;         // add and sign x-amz-content-sha256 (S3 style)
    bool omitSessionToken = false; // add the token after signing instead of signing it
    bool presign = false;          // sign into the query string instead of a header
    int expiresSeconds = 3600;     // presigned requests only
};

struct SigV4Signature {
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature; // lower-case hex
    // Header signing: the headers to add to the request (x-amz-date, the token,
    // x-amz-content-sha256 when asked, Authorization), in that order.
    HttpHeaders headersToAdd;
    // Presigning: the full query string to send (the caller's parameters, then the X-Amz-* ones).
    QByteArray presignedQuery;
};

SigV4Signature signRequest(const SigV4Request &request, const AwsCredentials &credentials, const SigV4Options &options);

// The signing key for a day, region and service (exposed for the test suite's check).
QByteArray deriveSigningKey(const QString &secret, const QByteArray &date, const QString &region, const QString &service);

// RFC 3986 encoding with the unreserved set A-Z a-z 0-9 - _ . ~ kept (and '/' when asked).
QByteArray awsUriEncode(const QByteArray &bytes, bool keepSlash);

} // namespace pitwall::net
