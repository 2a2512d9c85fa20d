// SPDX-License-Identifier: MIT
#pragma once

#include "eventwriter.h"

#include "runtime/runtimeprocess.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

namespace graft {

class ControlChannel;
class LiveSession;

struct HeadlessOptions
{
    RuntimeLaunch launch;
    bool json = false;
    bool control = false;
    int timeoutSeconds = 0;       // 0: none
    int blockedRetrySeconds = 60; // how long a blocked patch is retried by itself; 0: not at all
};

// `graft --headless`: runs one program, applies every save of its files, prints
// events, obeys control commands, and ends with the program's exit code
// (DESIGN.md's automation contract).
class HeadlessRunner : public QObject
{
    Q_OBJECT
public:
    explicit HeadlessRunner(HeadlessOptions options, QObject *parent = nullptr);

    // Starts the program; the application quits with the right code when done.
    void start();

private:
    void onCommand(const QJsonObject &command);
    void onFinished(int code, const QString &reason, const QString &detail);
    void commandApply(const QJsonValue &id, const QJsonObject &command);
    void commandProperties(const QJsonValue &id, const QJsonObject &command);
    void commandEval(const QJsonValue &id, const QJsonObject &command);
    void commandScripts(const QJsonValue &id);
    void commandStop(const QJsonValue &id);
    void commandScopes(const QJsonValue &id, const QJsonObject &command);
    void commandReinit(const QJsonValue &id, const QJsonObject &command);
    // The debugger's commands and events (headlessdebug.cpp); false: not one of them.
    bool debugCommand(const QString &name, const QJsonValue &id, const QJsonObject &command);
    void connectDebugger();
    void commandSetBreakpoint(const QJsonValue &id, const QJsonObject &command);
    void commandFrameEval(const QJsonValue &id, int frame, const QString &expression);
    void commandFrameScopes(const QJsonValue &id, int frame);
    // The command's "frame": -1 when absent, -2 (with an error result sent) when not a number.
    int frameArgument(const QJsonValue &id, const QJsonObject &command);
    // The command's "file", absolute; empty (with an error result sent) if missing.
    QString fileArgument(const QJsonValue &id, const QJsonObject &command);
    void quitWith(int code);

    HeadlessOptions m_options;
    EventWriter m_writer;
    LiveSession *m_session;
    ControlChannel *m_control = nullptr;
    QTimer m_timeout;
    bool m_quitting = false; // quit or timeout: the next exit ends us
    int m_quitCode = 0;
    bool m_restarting = false;
    // Commands that came before the program was ready (an attach still
    // connecting): answered once it is, in order; `quit` never waits.
    QList<QJsonObject> m_beforeReady;
    bool m_ready = false;
};

} // namespace graft
