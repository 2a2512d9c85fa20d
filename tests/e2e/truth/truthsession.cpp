// SPDX-License-Identifier: MIT
#include "truthsession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>

bool TruthSession::start(const QString &fileName, const QByteArray &source, QString *error)
{
    m_path = m_graft.writeFile(fileName, source);
    if (!m_graft.start(m_path) || m_graft.waitForEvent(QStringLiteral("ready"), 20000).isEmpty()) {
        *error = QStringLiteral("graft did not start: ") + m_graft.stderrText();
        return false;
    }
    // A patch sent before the runtime has seen the file would test the load race, not LiveEdit.
    for (int attempt = 0; attempt < 200; ++attempt) {
        const int id = m_nextId++;
        m_graft.send({ { "id", id }, { "command", "scripts" } });
        const QJsonArray scripts = m_graft.waitForResult(id, 20000).value("scripts").toArray();
        if (std::any_of(scripts.begin(), scripts.end(),
                [&](const QJsonValue &s) { return s.toObject().value("file").toString() == m_path; })) {
            QTest::qWait(100); // let its timers run once
            return true;
        }
        if (!exitEvent().isEmpty())
            break;
        QTest::qWait(50);
    }
    *error = QStringLiteral("the program never loaded") + crashText();
    return false;
}

QJsonObject TruthSession::apply(const QByteArray &source, QString *error)
{
    const int id = m_nextId++;
    const int wanted = ++m_patches;
    m_graft.send({ { "id", id }, { "command", "apply" }, { "file", m_path }, { "source", QString::fromUtf8(source) } });
    // Every save is answered: by a patch event, before the command's result.
    const QJsonObject result = m_graft.waitForResult(id, 30000);
    int seen = 0;
    const QJsonObject patch = m_graft.waitFor(
        [&](const QJsonObject &e) { return e.value("event") == QLatin1String("patch") && ++seen == wanted; }, 100);
    if (patch.isEmpty()) {
        // What graft said last, to tell a lost answer from a stuck patch.
        QStringList last;
        const QList<QJsonObject> events = m_graft.events();
        for (qsizetype i = std::max<qsizetype>(0, events.size() - 6); i < events.size(); ++i) {
            const QJsonObject &e = events.at(i);
            last << e.value("event").toString()
                    + (e.contains("status") ? QStringLiteral(":") + e.value("status").toString() : QString())
                    + (e.contains("id") ? QStringLiteral("#") + QString::number(e.value("id").toInt()) : QString());
        }
        *error = (result.isEmpty() ? QStringLiteral("the save was never answered")
                                   : QStringLiteral("no patch event; the result was ")
                             + QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)))
            + QStringLiteral(" (last events: %1; graft's stderr: %2)")
                  .arg(last.join(QLatin1String(", ")), m_graft.stderrText().right(600))
            + crashText();
    }
    return patch;
}

QHash<QString, QString> TruthSession::probe(const QString &expression, QString *error)
{
    const int id = m_nextId++;
    m_graft.send({ { "id", id }, { "command", "eval" }, { "expression", expression } });
    const QJsonObject result = m_graft.waitForResult(id, 20000);
    QHash<QString, QString> values;
    if (!result.value("ok").toBool()) {
        *error = (result.isEmpty() ? QStringLiteral("the probe was never answered")
                                   : QStringLiteral("the probe failed: ") + result.value("error").toString())
            + crashText();
        return values;
    }
    // `value` is the string's JSON text; the string itself is a JSON object.
    const QJsonDocument outer = QJsonDocument::fromJson("[" + result.value("value").toString().toUtf8() + "]");
    const QJsonObject object = QJsonDocument::fromJson(outer.array().at(0).toString().toUtf8()).object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        values.insert(it.key(), it.value().toString());
    return values;
}

QHash<QString, QString> TruthSession::probeLive(QString *error)
{
    // A probe that throws is an answer too (e.g. new code reading a binding that was never initialized).
    return probe(QStringLiteral("JSON.stringify(Object.fromEntries(Object.keys(globalThis.__live || {}).map((k) => {"
                                " try { return [k, String(globalThis.__live[k]())]; }"
                                " catch (e) { return [k, 'throw:' + e.message]; } })))"),
        error);
}

QJsonObject TruthSession::exitEvent()
{
    return m_graft.waitFor([](const QJsonObject &e) { return e.value("event") == QLatin1String("exit"); }, 0);
}

void TruthSession::wait(int ms) { QTest::qWait(ms); }

QString TruthSession::crashText()
{
    const QJsonObject exit = exitEvent();
    if (exit.isEmpty())
        return {};
    return QStringLiteral(" (the program is gone: %1)")
        .arg(QString::fromUtf8(QJsonDocument(exit).toJson(QJsonDocument::Compact)));
}
