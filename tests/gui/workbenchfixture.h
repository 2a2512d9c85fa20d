// SPDX-License-Identifier: MIT
#pragma once

#include "window/workbenchoptions.h"

#include <QList>
#include <QString>

#include <memory>

class QTemporaryDir;

namespace graft {
class CodeEditor;
class MainWindow;
} // namespace graft

namespace graft::test {

// Generous: a loaded CI machine may take seconds where a desk takes milliseconds.
constexpr int kTimeout = 10000;

// One workbench per test: JavaScript programs from tests/gui/programs copied to a
// fresh temporary folder (tests edit them), and a shown, active MainWindow running
// one with the build tree's graft-runtime. Settings go to QStandardPaths' test mode.
class WorkbenchFixture
{
public:
    WorkbenchFixture();
    ~WorkbenchFixture();

    // `screenshotDir`: made if missing, for the tests that save the README's pictures.
    static void initTestCase(const QString &screenshotDir = {});
    bool init();
    void cleanup();

    QString copyProgram(const QString &name);
    // Copies any file into the temporary folder (writable); its new path.
    QString copyFile(const QString &sourcePath);
    // nullptr if the window never became exposed and active (shortcuts need both).
    // With `restoreSession` the window reads and writes the (test-mode) settings,
    // as the app does; without, it starts as designed and remembers nothing.
    MainWindow *open(const QString &entry, bool run = true, bool restoreSession = false);
    // The window as `options` ask; the build tree's runtime and agent are filled in.
    MainWindow *open(WorkbenchOptions options);
    MainWindow *window() const { return m_window.get(); }
    // The Runtime dock's console text.
    QString output() const;
    CodeEditor *editor() const;
    // Puts the cursor right after the first occurrence of `text`; its 0-based line, or -1.
    int placeCursorAfter(const QString &text);
    // Types `text` over `old` (found in the buffer) with key events.
    bool typeOver(const QString &old, const QString &text);
    // counter.js running: types the write-up's edit (s becomes 'updated', m()
    // returns s + '*') and saves it with Ctrl+S.
    bool typeWriteupEditAndSave();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

// The numbers of the output lines "<n> <suffix>", in order.
QList<int> counters(const QString &output, const QString &suffix);

} // namespace graft::test
