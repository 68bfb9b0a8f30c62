#pragma once
// The names secrets are kept under in the SecretStore: one list, read by whoever needs one.

#include <QString>

namespace pitwall::secrets::keys {

inline const QString kKafkaApiSecret = QStringLiteral("kafka/api_secret");
inline const QString kRegistryApiSecret = QStringLiteral("registry/api_secret");
inline const QString kFlinkApiSecret = QStringLiteral("flink/api_secret");
inline const QString kAwsAccessKeyId = QStringLiteral("aws/access_key_id");
inline const QString kAwsSecretAccessKey = QStringLiteral("aws/secret_access_key");
inline const QString kAwsSessionToken = QStringLiteral("aws/session_token");
inline const QString kOpenAiApiKey = QStringLiteral("openai/api_key");
inline const QString kMongoUri = QStringLiteral("mongodb/uri");
inline const QString kCloudApiSecret = QStringLiteral("cloud/api_secret");

} // namespace pitwall::secrets::keys
