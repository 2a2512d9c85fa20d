// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>

namespace graft {

class CdpClient;
class Debugger;

struct ReinitResult
{
    bool ok = false;
    QString message;
    QString value; // the binding's live value afterwards
};

// Sets a stale top-level binding to what its new initializer says, the one way
// V8 10.2 allows for closure and module bindings, `const` included (ENGINE.md):
// break on the next call of a function that closes over the binding, evaluate the
// initializer in that frame, setVariableValue on the scope that holds it, resume.
// One-shot: it deletes itself after calling `done`.
class BindingReinitializer : public QObject
{
    Q_OBJECT
public:
    // `debugger` hands it the pauses its breakpoint causes, and only those.
    BindingReinitializer(CdpClient *client, Debugger *debugger, QString functionObjectId, QString binding, QString initializer,
                         std::function<void(const ReinitResult &)> done, QObject *parent = nullptr);

    void start(int timeoutMs = 5000);

private:
    // Whether the pause is ours (our breakpoint, or the step we asked for); handles it if so.
    bool claim(const QJsonObject &params);
    void onPaused(const QJsonObject &params);
    void assign(const QString &callFrameId, int scopeNumber);
    void finish(bool ok, const QString &message, const QString &value = {});

    CdpClient *m_client;
    QString m_functionObjectId;
    QString m_binding;
    QString m_initializer;
    std::function<void(const ReinitResult &)> m_done;
    QString m_breakpointId;
    QTimer m_timeout;
    bool m_handlingPause = false;
    bool m_stepped = false;
    bool m_ownsPause = false; // the program is paused for us: resume it when done
    bool m_finished = false;
};

} // namespace graft
