#include "CredentialUrl.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace pitwall::net {

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString credentialUrlProblem(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("'%1' is not a URL with a host").arg(url.toDisplayString(QUrl::RemoveUserInfo).left(200));
    if (url.scheme() == QLatin1String("https"))
        return {};
    if (url.scheme() == QLatin1String("http") && isLoopbackHost(url.host()))
        return {};
    if (url.scheme() == QLatin1String("http"))
        return QStringLiteral("a key is sent only over https: %1 is plain http to another machine, where anyone on the "
                              "way could read the key (plain http is allowed only to this machine, for local models)")
            .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment));
    return QStringLiteral("'%1' is neither https nor http").arg(url.scheme().left(20));
}

bool isCloudRegion(const QString &region)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9]*(-[a-z0-9]+)*$"));
    return region.size() <= 32 && pattern.match(region).hasMatch();
}

bool isAwsRegion(const QString &region)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}$"));
    return region.size() <= 32 && pattern.match(region).hasMatch();
}

} // namespace pitwall::net
