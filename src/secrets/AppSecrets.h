#pragma once
// The app's secret store: the backend the user chose (secrets/backend; the keychain by
// default) and the 0600 file beside the app's data. Secrets are read only once the setup
// wizard has saved something (setup/done): a first start never touches the keychain.

#include "SecretStore.h"

#include <memory>

class QSettings;

namespace pitwall::secrets {

std::shared_ptr<SecretStore> openAppSecretStore(QSettings &settings);
QString appSecretsFilePath();
// Whether the setup wizard has saved once (setup/done): before that, no secret is read.
bool hasSavedSetup(const QSettings &settings);
void markSetupSaved(QSettings &settings);
// The stored secret under `key`, or empty (none, nothing set up, or the store failed).
QString storedSecretOrEmpty(QSettings &settings, SecretStore &store, const QString &key);

} // namespace pitwall::secrets
