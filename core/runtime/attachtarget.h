// SPDX-License-Identifier: MIT
#pragma once

// What `graft --attach` reaches: a program started with `node --inspect`, named
// as HOST:PORT (its target found through the inspector's /json/list) or as the
// ws:// URL node printed; and the folders mapped between here and there
// (--map LOCAL=REMOTE, for a program in a container or on another host).

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace graft {

struct PathMapping
{
    QString local;  // a folder here, absolute, without a trailing slash
    QString remote; // the same folder as the program sees it
};

// Local file paths <-> the program's script paths. The longest folder that
// holds a path wins; a path under no mapped folder is the same on both sides.
class PathMap
{
public:
    void add(const PathMapping &mapping) { m_mappings.append(mapping); }
    bool isEmpty() const { return m_mappings.isEmpty(); }
    QString toLocal(const QString &remotePath) const;
    QString toRemote(const QString &localPath) const;
    // A script URL of the program (file:// URL or absolute path) as the same
    // kind of URL of the local file; other URLs (node:internal, ...) unchanged.
    QString urlToLocal(const QString &url) const;

private:
    QList<PathMapping> m_mappings;
};

struct AttachTarget
{
    QString host;
    int port = 0;
    QUrl webSocketUrl; // given directly (ws://...); otherwise found by /json/list
    PathMap paths;

    bool isValid() const { return port > 0; }
    QString address() const { return QStringLiteral("%1:%2").arg(host).arg(port); }
};

// "HOST:PORT", "[IPv6]:PORT", "PORT" (127.0.0.1) or "ws://HOST:PORT/ID"; nothing
// with `error` set if it is none of these.
std::optional<AttachTarget> parseAttachTarget(const QString &text, QString *error);
// "LOCAL=REMOTE", both absolute folders once LOCAL is made absolute.
std::optional<PathMapping> parsePathMapping(const QString &text, QString *error);

} // namespace graft
