#include "DurableFile.h"

#include <QFile>
#include <QFileInfo>
#include <QUuid>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace pitwall::secrets {

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// The folder's entry for the renamed file reaches the disk only with the folder's own fsync.
bool syncFolder(const QString &folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}

} // namespace

Expected<bool> replaceFileDurably(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions)
{
    const QString folder = QFileInfo(path).absolutePath();
    // A name of its own: two writers never share (or remove) each other's temporary file.
    const QString temporary = path + QStringLiteral(".new-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    QFile file(temporary);
    // Created with its final permissions: the bytes are never readable by others, not even for a moment.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions))
        return Error{QStringLiteral("cannot write %1: %2").arg(temporary, file.errorString())};
    const bool written = file.write(bytes) == bytes.size() && file.flush() && ::fsync(file.handle()) == 0;
    const QString writeError = systemError();
    file.close();
    if (!written) {
        QFile::remove(temporary);
        return Error{QStringLiteral("cannot write %1 (disk full?): %2").arg(temporary, writeError)};
    }
    // rename(2) replaces the old file in one step; QFile::rename refuses an existing target.
    if (::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        const QString renameError = systemError();
        QFile::remove(temporary);
        return Error{QStringLiteral("cannot replace %1: %2").arg(path, renameError)};
    }
    if (!syncFolder(folder))
        return Error{QStringLiteral("%1 was replaced but its folder could not be synced to disk: %2").arg(path, systemError())};
    return true;
}

} // namespace pitwall::secrets
