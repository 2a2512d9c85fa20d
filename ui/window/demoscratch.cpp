// SPDX-License-Identifier: MIT
#include "window/demoscratch.h"

#include "window/demofinder.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace graft {

QString demoScratchDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .absoluteFilePath(QStringLiteral("demos"));
}

QString scratchCopyOfDemo(const QString &shippedEntry, QString *error)
{
    const QDir shipped(demosDirectory());
    const QString relative = shipped.relativeFilePath(QFileInfo(shippedEntry).absoluteFilePath());
    if (shipped.path().isEmpty() || relative.startsWith(QLatin1String("..")))
        return shippedEntry; // not a bundled demo: run it where it is
    // A demo in a folder of its own (multi-module/main.js) is copied whole.
    const QString top = relative.section(QLatin1Char('/'), 0, 0);
    const bool folder = relative.contains(QLatin1Char('/'));
    const QDir scratch(demoScratchDirectory());
    QStringList files;
    if (folder) {
        QDirIterator it(shipped.absoluteFilePath(top), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << shipped.relativeFilePath(it.next());
    } else {
        files << relative;
    }
    for (const QString &file : std::as_const(files)) {
        const QString target = scratch.absoluteFilePath(file);
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::remove(target);
        if (!QFile::copy(shipped.absoluteFilePath(file), target)) {
            if (error)
                *error = QStringLiteral("cannot copy the demo to %1").arg(QDir::toNativeSeparators(target));
            return {};
        }
        // The shipped copy may be read-only (an installed package): the scratch copy is for editing.
        QFile(target).setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    return scratch.absoluteFilePath(relative);
}

} // namespace graft
