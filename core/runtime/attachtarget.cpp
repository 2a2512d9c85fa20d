// SPDX-License-Identifier: MIT
#include "runtime/attachtarget.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace graft {

namespace {

QString withoutTrailingSlash(QString path)
{
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

// `path` under `folder` (or equal to it): the rest, starting with '/' or empty.
std::optional<QString> restUnder(const QString &path, const QString &folder)
{
    if (folder == QLatin1String("/"))
        return path;
    if (!path.startsWith(folder))
        return std::nullopt;
    const QString rest = path.mid(folder.size());
    if (!rest.isEmpty() && !rest.startsWith(QLatin1Char('/')))
        return std::nullopt; // /app2/x is not under /app
    return rest;
}

QString translate(const QString &path, const QList<PathMapping> &mappings, bool toLocal)
{
    const PathMapping *best = nullptr;
    qsizetype bestLength = -1;
    for (const PathMapping &m : mappings) {
        const QString &from = toLocal ? m.remote : m.local;
        if (restUnder(path, from) && from.size() > bestLength) {
            best = &m;
            bestLength = from.size();
        }
    }
    if (!best)
        return path;
    const QString &from = toLocal ? best->remote : best->local;
    const QString &to = toLocal ? best->local : best->remote;
    const QString rest = *restUnder(path, from);
    return to == QLatin1String("/") ? (rest.isEmpty() ? to : rest) : to + rest;
}

} // namespace

QString PathMap::toLocal(const QString &remotePath) const { return translate(remotePath, m_mappings, true); }

QString PathMap::toRemote(const QString &localPath) const { return translate(localPath, m_mappings, false); }

QString PathMap::urlToLocal(const QString &url) const
{
    if (m_mappings.isEmpty())
        return url;
    if (url.startsWith(QLatin1Char('/')))
        return toLocal(url);
    if (url.startsWith(QLatin1String("file://"))) {
        const QString local = toLocal(QUrl(url).toLocalFile());
        return QUrl::fromLocalFile(local).toString(QUrl::FullyEncoded);
    }
    return url;
}

std::optional<AttachTarget> parseAttachTarget(const QString &text, QString *error)
{
    AttachTarget target;
    const auto fail = [&](const QString &why) -> std::optional<AttachTarget> {
        if (error)
            *error = QStringLiteral("--attach %1: %2").arg(text, why);
        return std::nullopt;
    };
    const QString kForms = QStringLiteral("give HOST:PORT (e.g. 127.0.0.1:9229) or the ws:// URL node printed");
    if (text.contains(QLatin1String("://"))) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))
            || url.host().isEmpty())
            return fail(QStringLiteral("not a ws:// URL; ") + kForms);
        target.host = url.host();
        target.port = url.port(9229);
        target.webSocketUrl = url;
        return target;
    }
    static const QRegularExpression form(QStringLiteral("^(?:\\[([0-9A-Fa-f:.]+)\\]|([A-Za-z0-9._-]+)):(\\d{1,5})$"));
    QString host = QStringLiteral("127.0.0.1");
    QString port = text;
    if (const QRegularExpressionMatch match = form.match(text); match.hasMatch()) {
        host = match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
        port = match.captured(3);
    } else if (!QRegularExpression(QStringLiteral("^\\d{1,5}$")).match(text).hasMatch()) {
        return fail(kForms);
    }
    bool numeric = false;
    target.port = port.toInt(&numeric);
    if (!numeric || target.port <= 0 || target.port > 65535)
        return fail(QStringLiteral("the port must be 1 to 65535"));
    target.host = host;
    return target;
}

std::optional<PathMapping> parsePathMapping(const QString &text, QString *error)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    const QString local = equals > 0 ? text.left(equals) : QString();
    const QString remote = equals > 0 ? text.mid(equals + 1) : QString();
    if (local.isEmpty() || remote.isEmpty() || !remote.startsWith(QLatin1Char('/'))) {
        if (error)
            *error = QStringLiteral("--map %1: give LOCAL=REMOTE, two folders, the remote one absolute "
                                    "(e.g. --map ./src=/app/src)")
                         .arg(text);
        return std::nullopt;
    }
    return PathMapping { withoutTrailingSlash(QDir::cleanPath(QFileInfo(local).absoluteFilePath())),
        withoutTrailingSlash(QDir::cleanPath(remote)) };
}

} // namespace graft
