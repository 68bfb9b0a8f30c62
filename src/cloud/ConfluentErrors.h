#pragma once
// What a Confluent Cloud API error means, in words: every API (Flink statements, org,
// cmk, iam, fcpm) answers {"errors":[{"status","code","title","detail"}]}.

#include "net/HttpExchange.h"

namespace pitwall::cloud {

// `what`: the API and the key it needs, e.g. "Confluent Cloud Flink (Flink API key)".
QString confluentError(const net::HttpResponse &response, const QString &what);
// Basic auth from a key and its secret.
QByteArray basicAuthorization(const QString &key, const QString &secret);

} // namespace pitwall::cloud
