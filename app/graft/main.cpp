// SPDX-License-Identifier: MIT
// graft: the desktop workbench, or with --headless the automation front end.

#include "commandline.h"
#include "headlessrunner.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

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

    QCoreApplication app(argc, argv);
    const graft::CommandLine commandLine = graft::parseCommandLine(arguments);
    if (!commandLine.ok) {
        std::fprintf(commandLine.exitCode == 0 ? stdout : stderr, "%s\n", qPrintable(commandLine.message));
        return commandLine.exitCode;
    }
    graft::HeadlessRunner runner(commandLine.headlessOptions);
    runner.start();
    return app.exec();
}
