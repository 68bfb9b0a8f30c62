#pragma once
// Replaces a small file so that a crash or power cut at any moment leaves either the old
// bytes or the new ones, never a missing or half-written file: a temporary file beside it
// (created with the final permissions), fsync, rename over the old one (atomic on POSIX),
// fsync of the folder so the rename itself is on disk.

#include "core/Expected.h"

#include <QByteArray>
#include <QFileDevice>
#include <QString>

namespace pitwall::secrets {

Expected<bool> replaceFileDurably(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions);

} // namespace pitwall::secrets
