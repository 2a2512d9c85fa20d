// SPDX-License-Identifier: MIT
#include "window/demofinder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace graft {

QString demosDirectory()
{
    // Relative to the executable first, so a relocated install finds its own demos.
    const QString candidates[] = {
        QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../" GRAFT_INSTALL_DEMOS_DIR)),
        QStringLiteral(GRAFT_INSTALL_FULL_DEMOS_DIR),
        QStringLiteral(GRAFT_DEMOS_DIR),
    };
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate).isDir())
            return QDir::cleanPath(candidate);
    }
    return {};
}

QString defaultDemo()
{
    const QString directory = demosDirectory();
    if (directory.isEmpty())
        return {};
    const QString demo = QDir(directory).absoluteFilePath(QStringLiteral("writeup-2016.js"));
    return QFileInfo::exists(demo) ? demo : QString();
}

QList<DemoProgram> demoPrograms()
{
    QList<DemoProgram> demos;
    const QDir directory(demosDirectory());
    if (directory.path().isEmpty() || !directory.exists())
        return demos;
    for (const QString &name : directory.entryList({QStringLiteral("*.js")}, QDir::Files, QDir::Name))
        demos.append({name, directory.absoluteFilePath(name)});
    for (const QString &name : directory.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString entry = directory.absoluteFilePath(name + QStringLiteral("/main.js"));
        if (QFileInfo::exists(entry))
            demos.append({name + QLatin1Char('/'), entry});
    }
    return demos;
}

} // namespace graft
