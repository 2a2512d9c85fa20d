// SPDX-License-Identifier: MIT
// graft: the desktop workbench, or with --headless the automation front end.

#include "commandline.h"
#include "headlessrunner.h"
#include "window/demofinder.h"
#include "window/mainwindow.h"
#include "window/windowgrabber.h"

#include <QApplication>
#include <QCoreApplication>

#include <csignal>
#include <cstdio>
#include <memory>

namespace {

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

int runHeadless(int argc, char **argv, graft::HeadlessOptions options)
{
    QCoreApplication app(argc, argv);
    if (options.launch.entry.isEmpty() && !options.launch.attaches()) {
        // Only the workbench's no-display fallback gets here without an entry. The demo
        // is found relative to the executable, which needs the application object.
        options.launch.entry = graft::defaultDemo();
        if (options.launch.entry.isEmpty() && !options.launch.attaches()) {
            std::fprintf(stderr, "graft: no display, and no ENTRY.js to run headless (try graft --help)\n");
            return 64;
        }
    }
    if (const QString refusal = options.launch.engineRefusal(); !refusal.isEmpty()) {
        // The workbench's command line, run headless for want of a display: its
        // runtime is known only now (parseCommandLine checks --headless's itself).
        std::fprintf(stderr, "graft: --engine swap: %s\n", qPrintable(refusal));
        return 64;
    }
    graft::HeadlessRunner runner(std::move(options));
    runner.start();
    return app.exec();
}

int runWorkbench(int argc, char **argv, const graft::CommandLine &commandLine)
{
    QApplication app(argc, argv);
    QApplication::setStyle(QStringLiteral("Fusion"));
    graft::WorkbenchOptions options;
    options.launch = commandLine.headlessOptions.launch;
    options.files = commandLine.files;
    options.presenter = commandLine.presenter;
    options.windowSize = commandLine.windowSize;
    options.engineFromCommandLine = commandLine.engineGiven;
    // A screenshot should show the window as designed, not as last left.
    options.restoreSession = commandLine.grabPath.isEmpty();
    graft::MainWindow window(options);
    window.show();

    std::unique_ptr<graft::WindowGrabber> grabber;
    if (!commandLine.grabPath.isEmpty()) {
        grabber = std::make_unique<graft::WindowGrabber>(&window, window.session(), commandLine.grabPath);
        QObject::connect(
            grabber.get(), &graft::WindowGrabber::grabbed, &app, [](bool ok) { QCoreApplication::exit(ok ? 0 : 1); });
        grabber->start();
    }
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    // A runtime that dies mid-write must not take us with it.
    std::signal(SIGPIPE, SIG_IGN);

    QCoreApplication::setApplicationName(QStringLiteral("graft"));
    QCoreApplication::setOrganizationName(QStringLiteral("Graft"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GRAFT_VERSION));

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    const graft::CommandLine commandLine = graft::parseCommandLine(arguments);
    if (!commandLine.ok) {
        std::fprintf(commandLine.exitCode == 0 ? stdout : stderr, "%s\n", qPrintable(commandLine.message));
        return commandLine.exitCode;
    }
    if (commandLine.headless)
        return runHeadless(argc, argv, commandLine.headlessOptions);

    if (!hasDisplay()) {
        if (!commandLine.grabPath.isEmpty()) {
            // A screenshot needs no screen: render offscreen.
            qputenv("QT_QPA_PLATFORM", "offscreen");
        } else {
            std::fprintf(stderr,
                "graft: no display (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are unset); "
                "running headless. Set DISPLAY or QT_QPA_PLATFORM=offscreen for the workbench.\n");
            return runHeadless(argc, argv, commandLine.headlessOptions);
        }
    }
    return runWorkbench(argc, argv, commandLine);
}
