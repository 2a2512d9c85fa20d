// SPDX-License-Identifier: MIT
#include "window/runtimechoice.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

namespace graft {

namespace {

// One key per folder; percent-encoded, since QSettings reads '/' as a group.
QString folderKey(const QString &group, const QString &folder)
{
    const QString clean = QDir::cleanPath(QDir(folder).absolutePath());
    return group + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(clean));
}

QString keyFor(const QString &folder) { return folderKey(QStringLiteral("runtimeByFolder"), folder); }

// Apart from the runtime's key, so that the runtime choices stored before
// engines existed read as they were.
QString engineKeyFor(const QString &folder) { return folderKey(QStringLiteral("engineByFolder"), folder); }

const char *kindName(RuntimeChoice::Kind kind)
{
    switch (kind) {
    case RuntimeChoice::Kind::NodeOnPath:
        return "path";
    case RuntimeChoice::Kind::Binary:
        return "binary";
    case RuntimeChoice::Kind::Embedded:
        break;
    }
    return "embedded";
}

} // namespace

RuntimeChoice RuntimeChoice::forFolder(const QString &folder)
{
    RuntimeChoice choice;
    if (folder.isEmpty())
        return choice;
    const QString stored = QSettings().value(keyFor(folder)).toString();
    if (stored == QLatin1String("path")) {
        choice.kind = Kind::NodeOnPath;
    } else if (stored.startsWith(QLatin1String("binary:"))) {
        choice.kind = Kind::Binary;
        choice.binary = stored.mid(int(qstrlen("binary:")));
    }
    choice.engine
        = engineKindFromName(QSettings().value(engineKeyFor(folder)).toString()).value_or(PatchEngineKind::LiveEdit);
    return choice;
}

void RuntimeChoice::setForFolder(const QString &folder, const RuntimeChoice &choice)
{
    if (folder.isEmpty())
        return;
    QSettings settings;
    if (choice.kind == Kind::Embedded)
        settings.remove(keyFor(folder)); // the default: nothing to remember
    else
        settings.setValue(keyFor(folder),
            choice.kind == Kind::Binary ? QStringLiteral("binary:") + choice.binary
                                        : QString::fromLatin1(kindName(choice.kind)));
    if (choice.engine == PatchEngineKind::LiveEdit)
        settings.remove(engineKeyFor(folder));
    else
        settings.setValue(engineKeyFor(folder), engineKindName(choice.engine));
}

QString RuntimeChoice::nodePath(QString *error) const
{
    switch (kind) {
    case Kind::Embedded:
        return {};
    case Kind::NodeOnPath: {
        const QString found = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (found.isEmpty() && error)
            *error = QStringLiteral(
                "there is no node on PATH: choose a binary, or the embedded runtime (Run ▸ Select Runtime…)");
        return found;
    }
    case Kind::Binary:
        return binary;
    }
    return {};
}

QString RuntimeChoice::describe() const
{
    switch (kind) {
    case Kind::NodeOnPath:
        return QStringLiteral("node on PATH");
    case Kind::Binary:
        return binary;
    case Kind::Embedded:
        break;
    }
    return QStringLiteral("embedded");
}

} // namespace graft
