#include "AppSecrets.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace pitwall::secrets {

QString appSecretsFilePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("secrets.json"));
}

std::shared_ptr<SecretStore> openAppSecretStore(QSettings &settings)
{
    return std::make_shared<SecretStore>(QStringLiteral("Pit Wall"), appSecretsFilePath(), SecretStore::savedBackend(settings));
}

bool hasSavedSetup(const QSettings &settings)
{
    return settings.value(QStringLiteral("setup/done"), false).toBool();
}

void markSetupSaved(QSettings &settings)
{
    settings.setValue(QStringLiteral("setup/done"), true);
}

QString storedSecretOrEmpty(QSettings &settings, SecretStore &store, const QString &key)
{
    if (!hasSavedSetup(settings))
        return {};
    auto loaded = store.load(key);
    return loaded ? loaded.value() : QString();
}

} // namespace pitwall::secrets
