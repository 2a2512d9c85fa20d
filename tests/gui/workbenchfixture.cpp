// SPDX-License-Identifier: MIT
#include "workbenchfixture.h"

#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "panes/runtimedock.h"
#include "window/mainwindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

namespace graft::test {

WorkbenchFixture::WorkbenchFixture() = default;
WorkbenchFixture::~WorkbenchFixture() = default;

void WorkbenchFixture::initTestCase(const QString &screenshotDir)
{
    if (!screenshotDir.isEmpty())
        QVERIFY(QDir().mkpath(screenshotDir));
    QStandardPaths::setTestModeEnabled(true);
    // As the app does (main.cpp): a write to a runtime that just ended is an
    // error to handle, not a signal that ends the test.
    std::signal(SIGPIPE, SIG_IGN);
    QCoreApplication::setOrganizationName(QStringLiteral("GraftTests"));
    QVERIFY2(QFileInfo::exists(QStringLiteral(GRAFT_BIN_DIR "/graft-runtime")), "build graft-runtime first");
}

bool WorkbenchFixture::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    return m_dir->isValid();
}

void WorkbenchFixture::cleanup()
{
    m_window.reset(); // ends the program
    m_dir.reset();
}

QString WorkbenchFixture::copyProgram(const QString &name)
{
    return copyFile(QStringLiteral(GRAFT_GUI_PROGRAMS_DIR "/") + name);
}

QString WorkbenchFixture::copyFile(const QString &sourcePath)
{
    const QString target = m_dir->filePath(QFileInfo(sourcePath).fileName());
    QFile::copy(sourcePath, target);
    QFile(target).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return target;
}

MainWindow *WorkbenchFixture::open(const QString &entry, bool run, bool restoreSession)
{
    WorkbenchOptions options;
    options.autoStart = run;
    options.launch.entry = entry;
    options.files = { entry };
    options.restoreSession = restoreSession;
    return open(options);
}

MainWindow *WorkbenchFixture::open(WorkbenchOptions options)
{
    options.launch.runtimePath = QStringLiteral(GRAFT_BIN_DIR "/graft-runtime");
    // For a folder whose runtime is a node (Run ▸ Select Runtime…): the build tree's agent.
    options.launch.agentPath = QStringLiteral(GRAFT_BIN_DIR "/graft-agent/agent.js");
    m_window.reset(); // a second open() is the next start: the previous window has quit
    m_window = std::make_unique<MainWindow>(options);
    m_window->show();
    // Window shortcuts (Ctrl+S) fire only in the active window.
    if (!QTest::qWaitForWindowExposed(m_window.get()))
        return nullptr;
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get()))
        return nullptr;
    return m_window.get();
}

QString WorkbenchFixture::output() const { return m_window->runtimeDock()->outputText(); }

CodeEditor *WorkbenchFixture::editor() const { return m_window->editorArea()->currentEditor(); }

int WorkbenchFixture::placeCursorAfter(const QString &text)
{
    const QStringList lines = editor()->text().split(QLatin1Char('\n'));
    for (int line = 0; line < lines.size(); ++line) {
        const qsizetype index = lines.at(line).indexOf(text);
        if (index >= 0) {
            editor()->setFocus();
            editor()->setCursorPosition(line, static_cast<int>(index + text.size()));
            return line;
        }
    }
    return -1;
}

bool WorkbenchFixture::typeOver(const QString &old, const QString &text)
{
    if (placeCursorAfter(old) < 0)
        return false;
    for (qsizetype i = 0; i < old.size(); ++i)
        QTest::keyClick(editor(), Qt::Key_Backspace);
    QTest::keyClicks(editor(), text);
    return true;
}

bool WorkbenchFixture::typeWriteupEditAndSave()
{
    if (!QTest::qWaitFor([this] { return counters(output(), QStringLiteral("original")).size() >= 3; }, kTimeout))
        return false;
    if (!typeOver(QStringLiteral("'original'"), QStringLiteral("'updated'"))
        || !typeOver(QStringLiteral("return s;"), QStringLiteral("return s + '*';")))
        return false;
    QTest::keyClick(editor(), Qt::Key_S, Qt::ControlModifier);
    return true;
}

QList<int> counters(const QString &output, const QString &suffix)
{
    QList<int> numbers;
    const QRegularExpression line(
        QStringLiteral("^(\\d+) %1$").arg(QRegularExpression::escape(suffix)), QRegularExpression::MultilineOption);
    for (auto it = line.globalMatch(output); it.hasNext();)
        numbers.append(it.next().captured(1).toInt());
    return numbers;
}

} // namespace graft::test
