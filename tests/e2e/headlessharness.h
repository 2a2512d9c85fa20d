// SPDX-License-Identifier: MIT
#pragma once

// Drives the real `graft --headless --json --control` on a real JavaScript program
// and collects its events, as an automation client would.

#include "testruntime.h"

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QTemporaryDir>

#include <functional>

// How the harness starts an attached program. `node`: another node than the
// runtime's, taken as it is (no --inspector-live-edit added for Node 26).
struct ProgramStart
{
    QStringList nodeOptions;
    int port = 0;
    QString node;
    QString inspect = QStringLiteral("--inspect"); // or --inspect-brk, --inspect-wait
};

class HeadlessHarness
{
public:
    HeadlessHarness();
    ~HeadlessHarness();

    // Copies tests/e2e/programs/NAME (and any extra files) into a fresh folder.
    QString addProgram(const QString &name, const QString &asName = {});
    QString writeFile(const QString &name, const QByteArray &content);
    // Saves like many editors do: write a temporary file, rename it over the original.
    void saveByRename(const QString &path, const QByteArray &content);

    // Starts graft on the entry, on this test entry's runtime (TestRuntime::current()).
    // attach: starts the program first (startProgram), then graft --attach.
    bool start(const QString &entry, const QStringList &extraArgs = {});
    // attach: node --inspect=127.0.0.1:PORT ENTRY (port 0: any free one), and the
    // port it printed (0 if none).
    int startProgram(const QString &entry, const ProgramStart &how = {});
    // graft alone, with these arguments after --headless --json --control.
    bool startGraft(const QStringList &arguments);
    // The attached program (attach only): it is the harness's child, not graft's.
    QProcess &program() { return m_program; }
    int inspectorPort() const { return m_port; }
    // process.execArgv as JSON, for a program started with `nodeOptions`: what the
    // runtime gives the program (attach: what the harness started node with).
    QString programExecArgv(const QStringList &nodeOptions) const;
    // What the attached program wrote: its stdout (a file) and stderr.
    QByteArray programStdout() const { return readFile(m_dir.filePath(QStringLiteral("program.stdout"))); }
    QByteArray programStderr() const { return m_programStderr; }
    void send(const QJsonObject &command);
    void sendRaw(const QByteArray &line);

    // Waits (processing events) until an event matches; returns it or an empty object.
    QJsonObject waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs = 10000);
    QJsonObject waitForEvent(const QString &event, int timeoutMs = 10000);
    QJsonObject waitForResult(int id, int timeoutMs = 10000);
    QJsonObject waitForOutput(const QString &contains, int timeoutMs = 10000);
    // Waits until the program has printed `count` more stdout lines than now.
    QStringList nextOutputLines(int count, int timeoutMs = 10000);
    int waitForExit(int timeoutMs = 15000);
    // Ends graft itself at once (SIGKILL), as a crash of the app would.
    void killGraft();
    qint64 graftPid() const { return m_process.processId(); }

    // `apply` with `source` as id `id`, and its result.
    QJsonObject applyAndWait(int id, const QString &file, const QByteArray &source);
    // The patch events so far, and a wait for the n-th one (1-based).
    QList<QJsonObject> patchEvents() const;
    QJsonObject waitForPatch(int n, int timeoutMs = 10000);
    static QByteArray readFile(const QString &path);

    QList<QJsonObject> events() const { return m_events; }
    QString allStdout() const;
    QString stderrText() const { return QString::fromUtf8(m_stderr); }
    QString dir() const { return m_dir.path(); }

    // What the runtime reported in `ready` (0 before it): for expectations that
    // truly differ between V8 versions, never to skip a test.
    int nodeMajor() const { return majorOf(m_ready.value("node").toString()); }
    int v8Major() const { return majorOf(m_ready.value("v8").toString()); }
    bool isEmbedded() const { return TestRuntime::current().isEmbedded(); }

private:
    void readEvents();

    QTemporaryDir m_dir;
    QProcess m_process;
    QProcess m_program; // attach: the program under node --inspect
    int m_port = 0;
    QStringList m_programOptions; // attach: node's options before the entry
    QByteArray m_programStderr;
    QByteArray m_buffer;
    QByteArray m_stderr;
    QList<QJsonObject> m_events;
    QJsonObject m_ready;
    QString m_stdoutLinesPartial;
    QStringList m_stdoutLines;
};
