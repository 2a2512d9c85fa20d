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

struct ScriptInfo
{
    QString scriptId;
    QString url;
    QString filePath; // empty when the script has no file on disk
    ScriptKind kind = ScriptKind::Internal;
    int lineCount = 0;
    bool isModule = false;
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
    QString message;  // first line of the description, e.g. "Error: boom"
    QString stack;    // the full description (error.stack)
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
