// SPDX-License-Identifier: MIT
#include "eventwriter.h"

#include "cdp/cdptypes.h"
#include "patch/patchreport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace graft {

namespace {
void writeAll(std::FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fflush(stream);
}

// A JSON value as compact text (QJsonDocument only serialises arrays and objects).
QString jsonText(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}
} // namespace

void EventWriter::emitEvent(const QString &name, QJsonObject fields)
{
    fields.insert(QStringLiteral("event"), name);
    writeAll(stdout, QJsonDocument(fields).toJson(QJsonDocument::Compact) + '\n');
}

void EventWriter::line(const QString &text, bool toStderr)
{
    writeAll(toStderr ? stderr : stdout, QStringLiteral("[graft] %1\n").arg(text).toUtf8());
}

void EventWriter::ready(
    const QString &entry, const QString &node, const QString &v8, const QString &runtime, const QString &engine)
{
    if (m_json)
        emitEvent(QStringLiteral("ready"),
            { { QStringLiteral("entry"), entry }, { QStringLiteral("node"), node }, { QStringLiteral("v8"), v8 },
                { QStringLiteral("runtime"), runtime }, { QStringLiteral("engine"), engine } });
    else
        line(QStringLiteral("running %1 (%2 runtime: Node %3, V8 %4); saves are applied live (%5 engine)")
                 .arg(entry, runtime, node, v8, engine));
}

void EventWriter::output(const QString &stream, const QString &text)
{
    if (m_json)
        emitEvent(QStringLiteral("output"), { { QStringLiteral("stream"), stream }, { QStringLiteral("text"), text } });
    else
        writeAll(stream == QLatin1String("stderr") ? stderr : stdout, text.toUtf8());
}

void EventWriter::patch(const PatchReport &report)
{
    if (m_json) {
        emitEvent(QStringLiteral("patch"), report.toJson());
        return;
    }
    QString text = QStringLiteral("patch %1: %2 (%3 ms)")
                       .arg(QFileInfo(report.file).fileName(), patchStatusName(report.status))
                       .arg(report.ms, 0, 'f', 1);
    if (report.status == PatchStatus::CompileError)
        text += QStringLiteral(" at line %1, column %2: %3")
                    .arg(report.errorLine)
                    .arg(report.errorColumn)
                    .arg(report.message);
    else if (!report.succeeded() && !report.message.isEmpty())
        text += QStringLiteral(": ") + report.message;
    for (const FunctionChange &f : report.functions) {
        if (f.change != QLatin1String("unchanged"))
            text += QStringLiteral("\n        %1 %2 (line %3)%4")
                        .arg(f.change, f.name)
                        .arg(f.line)
                        .arg(f.effective == false ? QStringLiteral(" not effective: ") + f.reason : QString());
    }
    for (const BindingChange &b : report.bindings) {
        if (b.stale)
            text += QStringLiteral("\n        stale %1 (line %2): live %3, source says %4")
                        .arg(b.name)
                        .arg(b.line)
                        .arg(b.live, b.source);
    }
    line(text);
}

void EventWriter::exception(const ExceptionInfo &exception)
{
    if (m_json)
        emitEvent(QStringLiteral("exception"),
            { { QStringLiteral("message"), exception.message }, { QStringLiteral("stack"), exception.stack } });
    else
        line(QStringLiteral("uncaught exception (%1): %2")
                 .arg(m_attached ? QStringLiteral("Node's own behaviour follows")
                                 : QStringLiteral("the program keeps running"),
                     exception.stack),
            true);
}

void EventWriter::result(const QJsonValue &id, bool ok, QJsonObject fields, const QString &error)
{
    if (m_json) {
        fields.insert(QStringLiteral("id"), id);
        fields.insert(QStringLiteral("ok"), ok);
        if (!ok)
            fields.insert(QStringLiteral("error"), error);
        emitEvent(QStringLiteral("result"), fields);
        return;
    }
    const QString idText = id.isNull() || id.isUndefined() ? QString() : QStringLiteral(" ") + jsonText(id);
    QString details;
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
        details += QStringLiteral(" %1=%2").arg(
            it.key(), it.value().isString() ? it.value().toString() : jsonText(it.value()));
    line(ok ? QStringLiteral("result%1: ok%2").arg(idText, details)
            : QStringLiteral("result%1: error: %2").arg(idText, error));
}

void EventWriter::exit(int code, const QString &reason, const QString &detail)
{
    if (m_json) {
        QJsonObject fields { { QStringLiteral("code"), code }, { QStringLiteral("reason"), reason } };
        if (!detail.isEmpty())
            fields.insert(QStringLiteral("detail"), detail);
        emitEvent(QStringLiteral("exit"), fields);
    } else if (reason == QLatin1String("detached")) {
        line(detail);
    } else if (reason != QLatin1String("error")) {
        line(QStringLiteral("program ended (%1): %2").arg(reason, detail));
    }
    // Nothing could start (--attach found no program): said where a person looks.
    if (reason == QLatin1String("error"))
        writeAll(stderr, QStringLiteral("graft: %1\n").arg(detail).toUtf8());
}

void EventWriter::detached(const QString &reason)
{
    if (m_json)
        emitEvent(QStringLiteral("detached"), { { QStringLiteral("reason"), reason } });
    else
        line(QStringLiteral("detached: %1").arg(reason), true);
}

void EventWriter::reattached(const QString &entry, const QString &node, const QString &v8)
{
    if (m_json)
        emitEvent(QStringLiteral("reattached"),
            { { QStringLiteral("entry"), entry }, { QStringLiteral("node"), node }, { QStringLiteral("v8"), v8 },
                { QStringLiteral("runtime"), QStringLiteral("attach") } });
    else
        line(QStringLiteral("attached again to %1 (Node %2, V8 %3)").arg(entry, node, v8), true);
}

void EventWriter::notice(const QString &text)
{
    if (!m_json)
        line(text, true);
}

void EventWriter::debugEvent(const QString &name, const QJsonObject &fields, const QString &text)
{
    if (m_json)
        emitEvent(name, fields);
    else
        line(text);
}

} // namespace graft
