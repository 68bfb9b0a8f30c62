#pragma once
// The cloud plan as a user reviews it before it runs in their account: SQL ready to paste
// into a Confluent Cloud Flink workspace, or JSON that the deployer reads back. Both in
// deployment order — connections, Schema Registry subjects, tables and models, statements —
// and neither ever holds a secret: each connection's secret is a placeholder.

#include "CloudPipelinePlan.h"
#include "core/Expected.h"

#include <QJsonObject>

namespace pitwall::cloud {

// `<NAME>`: what stands in for a connection's secret named NAME.
QString secretPlaceholder(const QString &secretName);

QString planToSql(const CloudPlan &plan);
QJsonObject planToJson(const CloudPlan &plan);
// Reads planToJson's output back (bounded and checked: names, kinds, sizes); the
// connections come back with their placeholders, to be filled before they are made.
Expected<CloudPlan> planFromJson(const QByteArray &json);

} // namespace pitwall::cloud
