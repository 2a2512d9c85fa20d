// SPDX-License-Identifier: MIT
// GUI figures for docs/PERFORMANCE.md, offscreen: the workbench's cold start to
// its first paint, opening a 10,000-line file, and typing in it (each keystroke
// against one 60 Hz frame, 16.7 ms). Prints figures; judges nothing.
//   bench_editor [--quick]

#include "editor/codeeditor.h"
#include "window/mainwindow.h"
#include "window/workbenchoptions.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

namespace {

// Paint events reach the window's children, not the window: watch them all.
class FirstPaint : public QObject
{
public:
    bool painted = false;
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted = true;
        return false;
    }
};

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("GraftBench"));
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int lines = quick ? 500 : 10000;
    const int keystrokes = quick ? 20 : 300;

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.js"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    for (int i = 0; i < lines / 5; ++i)
        file.write(QStringLiteral("function f%1(x) {\n  const y = x + %1;\n  return y;\n}\n\n").arg(i).toUtf8());
    file.close();

    graft::WorkbenchOptions options;
    options.autoStart = false;
    options.restoreSession = false;
    FirstPaint firstPaint;
    app.installEventFilter(&firstPaint);
    graft::MainWindow window(options);
    window.resize(1600, 1000);
    window.show();
    while (!firstPaint.painted && sinceStart.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const qint64 coldStart = sinceStart.elapsed();
    app.removeEventFilter(&firstPaint);

    QElapsedTimer openTimer;
    openTimer.start();
    window.openFile(path);
    QCoreApplication::processEvents();
    const qint64 openMs = openTimer.elapsed();

    // The editor showing the big file (a demo may be open in another tab).
    graft::CodeEditor *editor = nullptr;
    for (graft::CodeEditor *candidate : window.findChildren<graft::CodeEditor *>()) {
        if (candidate->lines() >= lines)
            editor = candidate;
    }
    if (editor) {
        editor->setFocus();
        editor->setCursorPosition(lines / 2, 0);
    }
    std::vector<double> perKey;
    for (int i = 0; i < keystrokes && editor; ++i) {
        QElapsedTimer key;
        key.start();
        QTest::keyClick(editor, static_cast<char>('a' + i % 26));
        editor->repaint(); // the frame the user waits for
        QCoreApplication::processEvents();
        perKey.push_back(key.nsecsElapsed() / 1e6);
    }
    std::printf("gui cold start to first paint (offscreen, in-process): %lld ms\n", static_cast<long long>(coldStart));
    std::printf("open a %d-line file: %lld ms\n", lines, static_cast<long long>(openMs));
    if (!perKey.empty())
        std::printf("typing, %d keystrokes: median %.2f ms, p95 %.2f ms, max %.2f ms (one frame: 16.7 ms)\n",
            keystrokes, percentile(perKey, 0.5), percentile(perKey, 0.95), percentile(perKey, 1.0));
    else
        std::printf("typing: no focused editor\n");
    return 0;
}
