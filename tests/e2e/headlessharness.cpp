// SPDX-License-Identifier: MIT
#include "headlessharness.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

HeadlessHarness::HeadlessHarness()
{
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] { readEvents(); });
    QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
        [this] { m_stderr += m_process.readAllStandardError(); });
    QObject::connect(&m_program, &QProcess::readyReadStandardError, &m_program,
        [this] { m_programStderr += m_program.readAllStandardError(); });
}

HeadlessHarness::~HeadlessHarness()
{
    // GRAFT_TEST_DUMP=1: every event and graft's stderr, to diagnose a failure.
    if (qEnvironmentVariableIsSet("GRAFT_TEST_DUMP")) {
        for (const QJsonObject &e : m_events)
            qWarning("%s", QJsonDocument(e).toJson(QJsonDocument::Compact).left(300).constData());
        qWarning("graft's stderr: %s", m_stderr.constData());
    }
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    if (m_program.state() != QProcess::NotRunning) {
        m_program.kill();
        m_program.waitForFinished(5000);
    }
}

QString HeadlessHarness::addProgram(const QString &name, const QString &asName)
{
    QFile source(QStringLiteral(GRAFT_TEST_DATA_DIR "/e2e/programs/") + name);
    if (!source.open(QIODevice::ReadOnly))
        qFatal("missing test program %s", qPrintable(name));
    return writeFile(asName.isEmpty() ? name : asName, source.readAll());
}

QString HeadlessHarness::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

void HeadlessHarness::saveByRename(const QString &path, const QByteArray &content)
{
    const QString temporary = path + QStringLiteral(".tmp~");
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(temporary));
    file.write(content);
    file.close();
    QFile::remove(path + QStringLiteral(".bak~"));
    if (::rename(temporary.toLocal8Bit().constData(), path.toLocal8Bit().constData()) != 0)
        qFatal("rename failed");
}

bool HeadlessHarness::start(const QString &entry, const QStringList &extraArgs)
{
    const TestRuntime &runtime = TestRuntime::current();
    if (const QString reason = runtime.unavailableReason(); !reason.isEmpty()) {
        qWarning("%s", qPrintable(reason));
        return false;
    }
    if (!runtime.isAttach())
        return startGraft(runtime.graftArguments() + extraArgs + QStringList { entry });
    // graft's options for the program go to node instead; the rest stay graft's.
    QStringList nodeOptions;
    QStringList graftOptions;
    for (qsizetype i = 0; i < extraArgs.size(); ++i) {
        if (extraArgs.at(i) == QLatin1String("--node-option") && i + 1 < extraArgs.size())
            nodeOptions << extraArgs.at(++i);
        else if (extraArgs.at(i) != QLatin1String("--exit-on-uncaught"))
            graftOptions << extraArgs.at(i);
    }
    const int port = startProgram(entry, { nodeOptions, 0, {} });
    if (port == 0)
        return false;
    return startGraft(
        QStringList { QStringLiteral("--attach"), QStringLiteral("127.0.0.1:%1").arg(port) } + graftOptions);
}

int HeadlessHarness::startProgram(const QString &entry, const ProgramStart &how)
{
    const TestRuntime &runtime = TestRuntime::current();
    QStringList arguments = how.nodeOptions;
    // Port 0: the system picks a free one and node prints it.
    arguments << QStringLiteral("%1=127.0.0.1:%2").arg(how.inspect).arg(how.port);
    if (how.node.isEmpty() && majorOf(runtime.nodeVersion) >= 26)
        arguments << QStringLiteral("--inspector-live-edit"); // V8 14.6 keeps LiveEdit behind it
    m_programOptions = arguments;
    arguments << entry;
    m_program.setProgram(how.node.isEmpty() ? runtime.nodePath : how.node);
    m_program.setArguments(arguments);
    m_program.setWorkingDirectory(QFileInfo(entry).absolutePath());
    // A file, never a pipe nobody reads: a chatty program must not block on it.
    m_program.setStandardOutputFile(m_dir.filePath(QStringLiteral("program.stdout")));
    m_program.setReadChannel(QProcess::StandardError);
    m_programStderr.clear();
    m_program.start();
    if (!m_program.waitForStarted(10000))
        return 0;
    static const QRegularExpression listening(QStringLiteral("Debugger listening on ws://127\\.0\\.0\\.1:(\\d+)/"));
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired() && m_program.state() == QProcess::Running) {
        m_program.waitForReadyRead(100); // the constructor's slot collects it
        if (const QRegularExpressionMatch match = listening.match(QString::fromUtf8(m_programStderr));
            match.hasMatch()) {
            m_port = match.captured(1).toInt();
            return m_port;
        }
    }
    qWarning("node printed no inspector port: %s", m_programStderr.constData());
    return 0;
}

QString HeadlessHarness::programExecArgv(const QStringList &nodeOptions) const
{
    const QStringList options = TestRuntime::current().isAttach() ? m_programOptions : nodeOptions;
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(options)).toJson(QJsonDocument::Compact));
}

bool HeadlessHarness::startGraft(const QStringList &arguments)
{
    m_process.setProgram(QStringLiteral(GRAFT_BIN_DIR "/graft"));
    m_process.setArguments(
        QStringList { QStringLiteral("--headless"), QStringLiteral("--json"), QStringLiteral("--control") }
        + arguments);
    m_process.start();
    return m_process.waitForStarted(10000);
}

void HeadlessHarness::send(const QJsonObject &command)
{
    sendRaw(QJsonDocument(command).toJson(QJsonDocument::Compact));
}

void HeadlessHarness::sendRaw(const QByteArray &line) { m_process.write(line + '\n'); }

void HeadlessHarness::readEvents()
{
    m_buffer += m_process.readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (!document.isObject()) {
            qWarning("not a JSON event line: %s", line.constData());
            continue;
        }
        const QJsonObject event = document.object();
        m_events.append(event);
        if (event.value("event") == QLatin1String("ready"))
            m_ready = event;
        if (event.value("event") == QLatin1String("output") && event.value("stream") == QLatin1String("stdout")) {
            m_stdoutLinesPartial += event.value("text").toString();
            qsizetype end;
            while ((end = m_stdoutLinesPartial.indexOf(QLatin1Char('\n'))) >= 0) {
                m_stdoutLines.append(m_stdoutLinesPartial.left(end));
                m_stdoutLinesPartial.remove(0, end + 1);
            }
        }
    }
}

QJsonObject HeadlessHarness::waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs)
{
    qsizetype seen = 0;
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        for (; seen < m_events.size(); ++seen) {
            if (match(m_events.at(seen)))
                return m_events.at(seen);
        }
        if (deadline.hasExpired() || (m_process.state() == QProcess::NotRunning && !m_process.bytesAvailable()))
            return {};
        QTest::qWait(5);
    }
}

QJsonObject HeadlessHarness::waitForEvent(const QString &event, int timeoutMs)
{
    return waitFor([&](const QJsonObject &e) { return e.value("event").toString() == event; }, timeoutMs);
}

QJsonObject HeadlessHarness::waitForResult(int id, int timeoutMs)
{
    return waitFor(
        [&](const QJsonObject &e) {
            return e.value("event") == QLatin1String("result") && e.value("id").toInt(-1) == id;
        },
        timeoutMs);
}

QJsonObject HeadlessHarness::waitForOutput(const QString &contains, int timeoutMs)
{
    return waitFor(
        [&](const QJsonObject &e) {
            return e.value("event") == QLatin1String("output") && e.value("text").toString().contains(contains);
        },
        timeoutMs);
}

QStringList HeadlessHarness::nextOutputLines(int count, int timeoutMs)
{
    const qsizetype from = m_stdoutLines.size();
    QDeadlineTimer deadline(timeoutMs);
    while (m_stdoutLines.size() < from + count && !deadline.hasExpired() && m_process.state() != QProcess::NotRunning)
        QTest::qWait(5);
    // The next `count` lines only: one read may bring more at once (the node
    // runtime's pipe often does), and callers compare the size with `count`.
    return m_stdoutLines.mid(from, count);
}

int HeadlessHarness::waitForExit(int timeoutMs)
{
    if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(timeoutMs))
        return -1;
    readEvents();
    return m_process.exitCode();
}

void HeadlessHarness::killGraft()
{
    m_process.kill();
    m_process.waitForFinished(5000);
}

QString HeadlessHarness::allStdout() const { return m_stdoutLines.join(QLatin1Char('\n')); }

QJsonObject HeadlessHarness::applyAndWait(int id, const QString &file, const QByteArray &source)
{
    send({ { "id", id }, { "command", "apply" }, { "file", file }, { "source", QString::fromUtf8(source) } });
    return waitForResult(id);
}

QList<QJsonObject> HeadlessHarness::patchEvents() const
{
    QList<QJsonObject> patches;
    for (const QJsonObject &event : m_events) {
        if (event.value("event") == QLatin1String("patch"))
            patches << event;
    }
    return patches;
}

QJsonObject HeadlessHarness::waitForPatch(int n, int timeoutMs)
{
    int seen = 0;
    return waitFor(
        [&](const QJsonObject &e) { return e.value("event") == QLatin1String("patch") && ++seen == n; }, timeoutMs);
}

QByteArray HeadlessHarness::readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
