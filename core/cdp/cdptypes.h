// SPDX-License-Identifier: MIT
#pragma once

// Plain data the typed CDP client hands out. Lines and columns are 1-based here;
// the protocol's 0-based numbers are converted once, in the client.

#include <QJsonObject>
#include <QList>
#include <QString>

namespace graft {

struct CdpReply
{
    bool ok = false;
    QJsonObject result;
    int errorCode = 0;
    QString errorMessage;
};

enum class ScriptKind { User, Dependency, Internal };
// "user", "dependency" (under node_modules) or "internal" (Node's own, eval'd code).
QString scriptKindName(ScriptKind kind);

// The thread a script runs on: the main thread's target is empty; a worker's is
// its inspector session (NodeWorker domain), and its script ids are qualified by
// it (workerScriptId()), as V8 numbers scripts per isolate.
struct ScriptInfo
{
    QString scriptId;
    QString target;
    QString thread = QStringLiteral("main"); // "main" or "worker N" (Node's threadId)
    QString url;
    QString filePath; // empty when the script has no file on disk
    ScriptKind kind = ScriptKind::Internal;
    int lineCount = 0;
    bool isModule = false;
};

// A worker thread Graft sees as an inspector target of its own.
struct TargetInfo
{
    QString target; // the NodeWorker session id
    QString thread; // "worker N"
    QString url;    // the worker's script, when it has one
};

struct StackFrame
{
    QString functionName;
    QString url;
    QString filePath;
    int line = 0;
    int column = 0;
};

struct ExceptionInfo
{
    QString message; // first line of the description, e.g. "Error: boom"
    QString stack;   // the full description (error.stack)
    QList<StackFrame> frames;
};

// A value in the running program, as the inspector describes it.
struct RemoteValue
{
    QString type;
    QString subtype;
    QString className;
    QString description;
    QString objectId;
    QJsonValue value;
    QJsonObject preview; // the inspector's ObjectPreview, when asked for (generatePreview)
    // How a REPL shows it: strings quoted, objects by their description.
    QString display() const;
};

struct EvaluateResult
{
    bool ok = false;
    RemoteValue value;
    QString error; // the exception's description, or a protocol error
};

struct SetSourceResult
{
    enum class Outcome { Applied, CompileError, Blocked, Failed };
    Outcome outcome = Outcome::Failed;
    QString message;
    int line = 0;
    int column = 0;
};

struct StopResult
{
    bool terminated = false;
    QString message;
    // What was ended, innermost frame first (Node's own frames included).
    QList<StackFrame> interrupted;
};

} // namespace graft

#include <QMetaType>
Q_DECLARE_METATYPE(graft::ScriptInfo)
Q_DECLARE_METATYPE(graft::ExceptionInfo)
Q_DECLARE_METATYPE(graft::TargetInfo)
