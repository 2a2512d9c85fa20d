// SPDX-License-Identifier: MIT
// From the protocol's JSON to Graft's types: scripts, exceptions, remote values
// and what V8 answered to a setScriptSource, on every V8 Graft runs on.
#include "cdp/cdpclient.h"

#include "cdp/swapchecks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace graft {

QString scriptKindName(ScriptKind kind)
{
    switch (kind) {
    case ScriptKind::User:
        return QStringLiteral("user");
    case ScriptKind::Dependency:
        return QStringLiteral("dependency");
    case ScriptKind::Internal:
        return QStringLiteral("internal");
    }
    return {};
}

QString RemoteValue::display() const
{
    if (type == QLatin1String("string"))
        return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    if (type == QLatin1String("undefined"))
        return QStringLiteral("undefined");
    if (!description.isEmpty())
        return description;
    if (value.isNull() && subtype == QLatin1String("null"))
        return QStringLiteral("null");
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QString filePathFromScriptUrl(const QString &url)
{
    if (url.startsWith(QLatin1Char('/')))
        return url;
    if (url.startsWith(QLatin1String("file://")))
        return QUrl(url).toLocalFile();
    return {};
}

ScriptInfo scriptInfoFromEvent(const QJsonObject &params)
{
    ScriptInfo script;
    script.scriptId = params.value(QLatin1String("scriptId")).toString();
    script.url = params.value(QLatin1String("url")).toString();
    script.filePath = filePathFromScriptUrl(script.url);
    script.lineCount = params.value(QLatin1String("endLine")).toInt() + 1;
    script.isModule = params.value(QLatin1String("isModule")).toBool();
    if (script.filePath.isEmpty())
        script.kind = ScriptKind::Internal;
    else if (script.filePath.contains(QLatin1String("/node_modules/")))
        script.kind = ScriptKind::Dependency;
    else
        script.kind = ScriptKind::User;
    return script;
}

ExceptionInfo exceptionInfoFromEvent(const QJsonObject &params)
{
    const QJsonObject details = params.value(QLatin1String("exceptionDetails")).toObject();
    ExceptionInfo info;
    const QJsonObject exception = details.value(QLatin1String("exception")).toObject();
    info.stack = exception.value(QLatin1String("description")).toString();
    if (info.stack.isEmpty())
        info.stack = remoteValueFromJson(exception).display();
    info.message = info.stack.section(QLatin1Char('\n'), 0, 0);
    if (info.message.isEmpty())
        info.message = details.value(QLatin1String("text")).toString();
    const QJsonArray frames
        = details.value(QLatin1String("stackTrace")).toObject().value(QLatin1String("callFrames")).toArray();
    for (const QJsonValue &value : frames) {
        const QJsonObject frame = value.toObject();
        StackFrame f;
        f.functionName = frame.value(QLatin1String("functionName")).toString();
        f.url = frame.value(QLatin1String("url")).toString();
        f.filePath = filePathFromScriptUrl(f.url);
        f.line = frame.value(QLatin1String("lineNumber")).toInt() + 1;
        f.column = frame.value(QLatin1String("columnNumber")).toInt() + 1;
        info.frames.append(f);
    }
    return info;
}

RemoteValue remoteValueFromJson(const QJsonObject &object)
{
    RemoteValue value;
    value.type = object.value(QLatin1String("type")).toString();
    value.subtype = object.value(QLatin1String("subtype")).toString();
    value.className = object.value(QLatin1String("className")).toString();
    value.description = object.value(QLatin1String("description")).toString();
    value.objectId = object.value(QLatin1String("objectId")).toString();
    value.value = object.value(QLatin1String("value"));
    value.preview = object.value(QLatin1String("preview")).toObject();
    if (value.type == QLatin1String("function") && value.description.contains(QLatin1String("__graft$")))
        value.description = withoutSwapChecks(value.description);
    if (value.type == QLatin1String("bigint"))
        value.description = object.value(QLatin1String("unserializableValue")).toString();
    else if (value.description.isEmpty() && object.contains(QLatin1String("unserializableValue")))
        value.description = object.value(QLatin1String("unserializableValue")).toString();
    return value;
}

namespace {

// The compile error's place and text; V8 11+ prefixes the text with "Uncaught ".
void readCompileError(const QJsonObject &details, SetSourceResult &result)
{
    result.outcome = SetSourceResult::Outcome::CompileError;
    result.message = details.value(QLatin1String("text")).toString();
    if (result.message.startsWith(QLatin1String("Uncaught ")))
        result.message = result.message.mid(9);
    result.line = details.value(QLatin1String("lineNumber")).toInt() + 1;
    result.column = details.value(QLatin1String("columnNumber")).toInt() + 1;
}

// V8 >= 10.5 says what happened in `status` (ENGINE.md; Node 20 and newer).
void readStatus(const QString &status, const QJsonObject &details, SetSourceResult &result)
{
    if (status == QLatin1String("Ok")) {
        result.outcome = SetSourceResult::Outcome::Applied;
    } else if (status == QLatin1String("CompileError")) {
        readCompileError(details, result);
    } else if (status == QLatin1String("BlockedByActiveFunction")) {
        result.outcome = SetSourceResult::Outcome::Blocked;
        result.message = QStringLiteral("a changed function is running (on the stack)");
    } else if (status == QLatin1String("BlockedByActiveGenerator")) {
        result.outcome = SetSourceResult::Outcome::Blocked;
        result.message = QStringLiteral("a changed generator or async function is suspended");
    } else if (status == QLatin1String("BlockedByTopLevelEsModuleChange")) {
        // Not worth retrying: the module's top level never runs again.
        result.outcome = SetSourceResult::Outcome::Failed;
        result.message = QStringLiteral("V8 does not patch changes to an ES module's top-level code; restart to "
                                        "run them");
    } else {
        result.outcome = SetSourceResult::Outcome::Failed;
        result.message = QStringLiteral("V8 answered an unknown status: %1").arg(status);
    }
}

} // namespace

SetSourceResult setSourceResultFrom(const CdpReply &reply)
{
    SetSourceResult result;
    if (!reply.ok) {
        result.outcome = SetSourceResult::Outcome::Failed;
        result.message = reply.errorMessage;
        // V8 14.6 without --inspector-live-edit, and every V8 after August 2026.
        // An attached program's answer already says which flag it needs (AttachBridge).
        if (reply.errorMessage.contains(QLatin1String("no longer available"))
            && !reply.errorMessage.contains(QLatin1String("--inspector-live-edit")))
            result.message = QStringLiteral("this V8 no longer offers live edit (Debugger.setScriptSource: \"%1\"); "
                                            "run on the embedded runtime or on Node 20 to 26")
                                 .arg(reply.errorMessage);
        return result;
    }
    const QJsonObject details = reply.result.value(QLatin1String("exceptionDetails")).toObject();
    if (const QString status = reply.result.value(QLatin1String("status")).toString(); !status.isEmpty()) {
        readStatus(status, details, result);
        return result;
    }
    // V8 10.2 answers success in every case and puts failures in exceptionDetails:
    // a compile error has a text, a blocked edit (active function, running
    // generator) has an empty one (ENGINE.md).
    if (details.isEmpty()) {
        result.outcome = SetSourceResult::Outcome::Applied;
    } else if (details.value(QLatin1String("text")).toString().isEmpty()) {
        result.outcome = SetSourceResult::Outcome::Blocked;
        result.message = QStringLiteral("a changed function is running (on the stack) or is a suspended generator");
    } else {
        readCompileError(details, result);
    }
    return result;
}

} // namespace graft
