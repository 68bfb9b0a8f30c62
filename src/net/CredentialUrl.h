#pragma once
// Where a request carrying a credential (an API key, Basic auth, a signature) may go, and
// which user-typed parts may become part of a host name. One place for the rule, used by
// the HTTP exchange (every provider, the registry, Flink) and by the setup's checks.

#include <QString>
#include <QUrl>

namespace pitwall::net {

// localhost or a loopback address (127.0.0.0/8, ::1).
bool isLoopbackHost(const QString &host);
// Empty when `url` may carry a credential: https anywhere, plain http only to this machine
// (a local model, a test's fake server). Otherwise why not, in words.
QString credentialUrlProblem(const QUrl &url);

// A cloud region name as AWS, Google Cloud and Azure spell them (us-east-1, europe-west4,
// eastus2): lower-case letters, digits and single dashes, nothing that could end a host
// name or start a path (`evil.example/x#` is refused).
bool isCloudRegion(const QString &region);
// An AWS region: us-east-1, eu-central-2, us-gov-west-1.
bool isAwsRegion(const QString &region);

} // namespace pitwall::net
