#pragma once
// One JSON text read as an object with Qt's parser, the reason kept when it is not one:
// the config and circuit readers each spelt out the same QJsonParseError dance.

#include "Expected.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

namespace pitwall {

// The object `json` holds, or QJsonParseError's reason ("no error occurred" when the text
// is JSON but not an object, as the callers have always reported it).
Expected<QJsonObject, QString> parseJsonObject(QByteArrayView json);

} // namespace pitwall
