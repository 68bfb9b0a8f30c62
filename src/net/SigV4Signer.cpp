#include "SigV4Signer.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>
#include <map>

namespace pitwall::net {

namespace {

const QByteArray kAlgorithm = "AWS4-HMAC-SHA256";

QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// Header values: leading/trailing space trimmed, inner runs (folded lines included) made one space.
QByteArray canonicalHeaderValue(const QByteArray &value)
{
    return value.simplified();
}

QByteArray normalizedPath(const QByteArray &path)
{
    std::vector<QByteArray> kept;
    for (const auto &segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!kept.empty())
                kept.pop_back();
            continue;
        }
        kept.push_back(segment);
    }
    QByteArray result;
    for (const auto &segment : kept)
        result += '/' + segment;
    if (result.isEmpty() || (path.endsWith('/') && !kept.empty()))
        result += '/';
    return result;
}

QByteArray canonicalQuery(const QByteArray &query, const std::vector<std::pair<QByteArray, QByteArray>> &extra)
{
    std::vector<std::pair<QByteArray, QByteArray>> pairs;
    if (!query.isEmpty()) {
        for (const auto &item : query.split('&')) {
            if (item.isEmpty())
                continue;
            const auto equals = item.indexOf('=');
            const QByteArray key = equals < 0 ? item : item.left(equals);
            const QByteArray value = equals < 0 ? QByteArray() : item.mid(equals + 1);
            pairs.emplace_back(awsUriEncode(QByteArray::fromPercentEncoding(key), false),
                               awsUriEncode(QByteArray::fromPercentEncoding(value), false));
        }
    }
    for (const auto &[key, value] : extra)
        pairs.emplace_back(awsUriEncode(key, false), awsUriEncode(value, false));
    std::sort(pairs.begin(), pairs.end());
    QByteArray result;
    for (const auto &[key, value] : pairs) {
        if (!result.isEmpty())
            result += '&';
        result += key + '=' + value;
    }
    return result;
}

} // namespace

QByteArray awsUriEncode(const QByteArray &bytes, bool keepSlash)
{
    static const char kHex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' ||
                                u == '_' || u == '.' || u == '~' || (keepSlash && u == '/');
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 0xF];
        }
    }
    return out;
}

QByteArray deriveSigningKey(const QString &secret, const QByteArray &date, const QString &region, const QString &service)
{
    const QByteArray dateKey = hmac("AWS4" + secret.toUtf8(), date);
    const QByteArray regionKey = hmac(dateKey, region.toUtf8());
    const QByteArray serviceKey = hmac(regionKey, service.toUtf8());
    return hmac(serviceKey, "aws4_request");
}

SigV4Signature signRequest(const SigV4Request &request, const AwsCredentials &credentials, const SigV4Options &options)
{
    const QDateTime utc = options.time.toUTC();
    const QByteArray amzDate = utc.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
    const QByteArray day = amzDate.left(8);
    const QByteArray scope = day + '/' + options.region.toUtf8() + '/' + options.service.toUtf8() + "/aws4_request";
    const QByteArray payloadHash = sha256Hex(request.body);
    const bool signToken = !credentials.sessionToken.isEmpty() && !options.omitSessionToken;

    SigV4Signature result;
    // Headers that take part in the signature: the request's, plus what header signing adds.
    HttpHeaders signedInput = request.headers;
    if (!options.presign) {
        auto hasHeader = [&](const QByteArray &name) {
            return std::any_of(signedInput.begin(), signedInput.end(),
                               [&](const auto &header) { return header.first.toLower() == name; });
        };
        if (!hasHeader("x-amz-date"))
            result.headersToAdd.emplace_back("X-Amz-Date", amzDate);
        if (signToken && !hasHeader("x-amz-security-token"))
            result.headersToAdd.emplace_back("X-Amz-Security-Token", credentials.sessionToken.toUtf8());
        if (options.signBody && !hasHeader("x-amz-content-sha256"))
            result.headersToAdd.emplace_back("X-Amz-Content-Sha256", payloadHash);
        signedInput.insert(signedInput.end(), result.headersToAdd.begin(), result.headersToAdd.end());
    }

    std::map<QByteArray, QByteArray> canonicalHeaders; // sorted by lower-case name
    for (const auto &[name, value] : signedInput) {
        auto &joined = canonicalHeaders[name.toLower().trimmed()];
        if (!joined.isNull())
            joined += ',';
        joined += canonicalHeaderValue(value);
        if (joined.isNull())
            joined = "";
    }
    QByteArray headerBlock;
    QByteArray signedHeaders;
    for (const auto &[name, value] : canonicalHeaders) {
        headerBlock += name + ':' + value + '\n';
        signedHeaders += (signedHeaders.isEmpty() ? "" : ";") + name;
    }

    std::vector<std::pair<QByteArray, QByteArray>> presignParameters;
    if (options.presign) {
        presignParameters = {{"X-Amz-Algorithm", kAlgorithm},
                             {"X-Amz-Credential", credentials.accessKeyId.toUtf8() + '/' + scope},
                             {"X-Amz-Date", amzDate},
                             {"X-Amz-Expires", QByteArray::number(options.expiresSeconds)},
                             {"X-Amz-SignedHeaders", signedHeaders}};
        if (signToken)
            presignParameters.emplace_back("X-Amz-Security-Token", credentials.sessionToken.toUtf8());
    }
    const QByteArray query = canonicalQuery(request.query, presignParameters);
    const QByteArray path = options.normalizePath ? normalizedPath(request.path) : request.path;

    result.canonicalRequest = request.method.toUpper() + '\n' + awsUriEncode(path.isEmpty() ? "/" : path, true) + '\n' + query +
                              '\n' + headerBlock + '\n' + signedHeaders + '\n' + payloadHash;
    result.stringToSign = kAlgorithm + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(result.canonicalRequest);
    result.signature =
        hmac(deriveSigningKey(credentials.secretAccessKey, day, options.region, options.service), result.stringToSign).toHex();

    if (options.presign) {
        result.presignedQuery = query + "&X-Amz-Signature=" + result.signature;
        if (!credentials.sessionToken.isEmpty() && options.omitSessionToken)
            result.presignedQuery += "&X-Amz-Security-Token=" + awsUriEncode(credentials.sessionToken.toUtf8(), false);
    } else {
        if (!credentials.sessionToken.isEmpty() && options.omitSessionToken)
            result.headersToAdd.emplace_back("X-Amz-Security-Token", credentials.sessionToken.toUtf8());
        result.headersToAdd.emplace_back("Authorization", kAlgorithm + " Credential=" + credentials.accessKeyId.toUtf8() + '/' + scope +
                                                              ", SignedHeaders=" + signedHeaders + ", Signature=" + result.signature);
    }
    return result;
}

} // namespace pitwall::net
