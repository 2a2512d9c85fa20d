// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/transport.h"
#include "runtime/attachtarget.h"

#include <QHash>
#include <QJsonObject>
#include <QPointer>

namespace graft {

// What Graft learns of an attached program before the session starts.
struct AttachedProgram
{
    QString node;  // process.version
    QString v8;    // process.versions.v8
    QString entry; // the main script, as a local path
    qint64 pid = 0;
    bool liveEditFlag = false; // started with --inspector-live-edit
};

// The CDP connection core sees for `graft --attach`, playing the part of the
// agent (app/agent/agent-worker.js) on our side of the socket, since nothing of
// Graft's runs in the program: Graft.analyze goes to the analysis service (a
// graft-runtime --analysis-only beside us, never the program); Graft's helpers
// are named as tooling and kept out of the script list; script URLs are mapped
// to local paths (--map); console calls become output, as the program's stdout
// is not ours; Graft.terminate is refused (see stopRefusal()).
class AttachBridge final : public Transport
{
    Q_OBJECT
public:
    AttachBridge(Transport *program, Transport *analysis, const PathMap &paths, const AttachedProgram &info,
        QObject *parent = nullptr);

    void send(const QByteArray &json) override;
    bool isOpen() const override { return m_program && m_program->isOpen(); }

    // Helpers Graft evaluates in the program carry this URL; scriptParsed of it is dropped.
    static QString toolingUrl();
    static QString stopRefusal();

Q_SIGNALS:
    void output(const QString &stream, const QString &text);

private:
    struct SetSource
    {
        int clientId;
        QJsonObject params;
        int attempt;
    };
    void toProgram(int id, const QString &method, const QJsonObject &params);
    void reply(int id, const QJsonObject &fields);
    void onProgramMessage(const QByteArray &json);
    void onSetSourceReply(int programId, const QJsonObject &message);
    void onEvent(const QString &method, QJsonObject params, const QByteArray &raw);
    void onAnalysisClosed();

    QPointer<Transport> m_program;
    QPointer<Transport> m_analysis;
    PathMap m_paths;
    AttachedProgram m_info;
    QHash<int, int> m_analysisPending; // ids sent to the analysis service
    QHash<int, SetSource> m_setSource; // program-side id -> the client's setScriptSource
    int m_nextOwnId = 1 << 30;         // our own requests, above any id the client uses
};

} // namespace graft
