// SPDX-License-Identifier: MIT
// What a user typing `graft --help`, `graft --version` or a wrong option sees:
// the real executables, their exit codes and their words.
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

namespace {
struct Outcome
{
    int exitCode = -1;
    QString output; // stdout and stderr together, as a terminal shows them
};

Outcome run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    // No display: a wrongly accepted command line would fall back to headless and
    // need an entry, not open a window.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM" })
        environment.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAll()) };
}
} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void answers_data();
    void answers();
    void nodeThatCannotRunTheAgent_data();
    void nodeThatCannotRunTheAgent();
    void attachToWhatIsNoInspector_data();
    void attachToWhatIsNoInspector();
};

void TestCommandLine::answers_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("says"); // regular expressions, each must match

    const QString graft = QStringLiteral("graft");
    const QString runtime = QStringLiteral("graft-runtime");
    QTest::newRow("help") << graft << QStringList { QStringLiteral("--help") } << 0
                          << QStringList { QStringLiteral("Usage: .*graft"), QStringLiteral("--headless"),
                                 QStringLiteral("--presenter"), QStringLiteral("--window-size <WxH>"),
                                 QStringLiteral("--grab <FILE>"), QStringLiteral("--version"),
                                 QStringLiteral("--attach <HOST:PORT>"), QStringLiteral("--map <LOCAL=REMOTE>"),
                                 QStringLiteral("--engine <ENGINE>") };
    QTest::newRow("version") << graft << QStringList { QStringLiteral("--version") } << 0
                             << QStringList { QStringLiteral("^graft \\d+\\.\\d+\\.\\d+\\s*$") };
    QTest::newRow("unknown option") << graft << QStringList { QStringLiteral("--frobnicate") } << 64
                                    << QStringList { QStringLiteral("frobnicate"), QStringLiteral("graft --help") };
    QTest::newRow("bad window size") << graft << QStringList { QStringLiteral("--window-size"), QStringLiteral("big") }
                                     << 64 << QStringList { QStringLiteral("WIDTHxHEIGHT") };
    QTest::newRow("bad timeout") << graft
                                 << QStringList { QStringLiteral("--headless"), QStringLiteral("--timeout"),
                                        QStringLiteral("soon"), QStringLiteral("x.js") }
                                 << 64 << QStringList { QStringLiteral("--timeout needs a positive number") };
    QTest::newRow("headless without entry") << graft << QStringList { QStringLiteral("--headless") } << 64
                                            << QStringList { QStringLiteral("exactly one ENTRY.js") };
    const QString attach = QStringLiteral("--attach");
    QTest::newRow("attach: not an address")
        << graft << QStringList { QStringLiteral("--headless"), attach, QStringLiteral("some where") } << 64
        << QStringList { QStringLiteral("--attach some where: give HOST:PORT .* or the ws:// URL node printed") };
    QTest::newRow("attach: port out of range")
        << graft << QStringList { QStringLiteral("--headless"), attach, QStringLiteral("localhost:70000") } << 64
        << QStringList { QStringLiteral("the port must be 1 to 65535") };
    QTest::newRow("attach: not a ws URL")
        << graft << QStringList { QStringLiteral("--headless"), attach, QStringLiteral("http://127.0.0.1:9229/x") }
        << 64 << QStringList { QStringLiteral("not a ws:// URL") };
    QTest::newRow("attach with an entry")
        << graft << QStringList { QStringLiteral("--headless"), attach, QStringLiteral("9229"), QStringLiteral("x.js") }
        << 64 << QStringList { QStringLiteral("--attach takes no ENTRY.js") };
    QTest::newRow("attach and node") << graft
                                     << QStringList { QStringLiteral("--headless"), attach, QStringLiteral("9229"),
                                            QStringLiteral("--node"), QStringLiteral("sh") }
                                     << 64 << QStringList { QStringLiteral("--attach and --node exclude each other") };
    QTest::newRow("map without attach") << graft
                                        << QStringList { QStringLiteral("--headless"), QStringLiteral("--map"),
                                               QStringLiteral("a=/b"), QStringLiteral("x.js") }
                                        << 64 << QStringList { QStringLiteral("--map needs --attach") };
    QTest::newRow("map without =") << graft
                                   << QStringList { QStringLiteral("--headless"), attach, QStringLiteral("9229"),
                                          QStringLiteral("--map"), QStringLiteral("src") }
                                   << 64 << QStringList { QStringLiteral("--map src: give LOCAL=REMOTE") };
    QTest::newRow("map to a relative folder")
        << graft
        << QStringList { QStringLiteral("--headless"), attach, QStringLiteral("9229"), QStringLiteral("--map"),
               QStringLiteral("src=app/src") }
        << 64 << QStringList { QStringLiteral("the remote one absolute") };
    const QString engine = QStringLiteral("--engine");
    QTest::newRow("engine: unknown") << graft
                                     << QStringList { QStringLiteral("--headless"), engine, QStringLiteral("warp"),
                                            QStringLiteral("x.js") }
                                     << 64 << QStringList { QStringLiteral("^--engine warp: give liveedit or swap$") };
    QTest::newRow("engine: missing value") << graft << QStringList { QStringLiteral("--headless"), engine } << 64
                                           << QStringList { QStringLiteral("Missing value after '--engine'") };
    // Swap instruments modules as they load: Graft's agent can in every program
    // Graft starts (on the embedded runtime too), never in an attached one.
    QTest::newRow("engine: swap on the embedded runtime accepted")
        << graft << QStringList { QStringLiteral("--headless"), engine, QStringLiteral("swap"), QStringLiteral("x.js") }
        << 66 << QStringList { QStringLiteral("cannot open x.js: no such file") };
    QTest::newRow("engine: swap attached")
        << graft
        << QStringList { QStringLiteral("--headless"), attach, QStringLiteral("9229"), engine, QStringLiteral("swap") }
        << 64
        << QStringList { QStringLiteral("^--engine swap: the swap engine cannot patch an attached program: .*modules "
                                        "are loaded already"),
               QStringLiteral("--engine liveedit") };
    // Accepted: the next check, the entry's, is the one that fails.
    QTest::newRow("engine: liveedit accepted")
        << graft
        << QStringList { QStringLiteral("--headless"), engine, QStringLiteral("liveedit"), QStringLiteral("x.js") }
        << 66 << QStringList { QStringLiteral("cannot open x.js: no such file") };
    QTest::newRow("engine: swap accepted with --node")
        << graft
        << QStringList { QStringLiteral("--headless"), engine, QStringLiteral("swap"), QStringLiteral("--node"),
               QStringLiteral("sh"), QStringLiteral("x.js") }
        << 66 << QStringList { QStringLiteral("cannot open x.js: no such file") };
    QTest::newRow("runtime version") << runtime << QStringList { QStringLiteral("--version") } << 0
                                     << QStringList { QStringLiteral("^graft-runtime \\d+\\.\\d+\\.\\d+$"),
                                            QStringLiteral("^Node v\\d+\\.\\d+\\.\\d+$"),
                                            QStringLiteral("^V8 \\d+\\.\\d+\\.\\d+") };
    QTest::newRow("runtime help") << runtime << QStringList { QStringLiteral("--help") } << 0
                                  << QStringList { QStringLiteral("usage: graft-runtime"), QStringLiteral("--version"),
                                         QStringLiteral("--as-node") };
    // The embedded Node as a node executable (the swap engine's runtime there): node's own answers.
    QTest::newRow("runtime as node: version")
        << runtime << QStringList { QStringLiteral("--as-node"), QStringLiteral("--version") } << 0
        << QStringList { QStringLiteral("^v18\\.\\d+\\.\\d+$") };
    QTest::newRow("runtime as node: its own arguments")
        << runtime
        << QStringList { QStringLiteral("--as-node"), QStringLiteral("-e"),
               QStringLiteral("console.log(process.argv.length, process.execArgv.length, process.version)"),
               QStringLiteral("one") }
        << 0 << QStringList { QStringLiteral("^2 2 v18\\.") };
}

void TestCommandLine::answers()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QStringList, says);

    const Outcome outcome = run(QStringLiteral(GRAFT_BIN_DIR "/") + program, arguments);
    QCOMPARE(outcome.exitCode, exitCode);
    for (const QString &pattern : says) {
        const QRegularExpression expected(pattern, QRegularExpression::MultilineOption);
        QVERIFY2(
            expected.match(outcome.output).hasMatch(), qPrintable(pattern + QStringLiteral(" in:\n") + outcome.output));
    }
}

void TestCommandLine::nodeThatCannotRunTheAgent_data()
{
    QTest::addColumn<QByteArray>("fakeNode");  // a shell script standing in for node; empty: none
    QTest::addColumn<QString>("nodeArgument"); // %1: the fake's path
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");
    QTest::newRow("not on PATH") << QByteArray() << QStringLiteral("no-such-node-anywhere") << 64
                                 << QStringLiteral("--node no-such-node-anywhere: no such executable on PATH");
    QTest::newRow("missing file") << QByteArray() << QStringLiteral("/nonexistent/bin/node") << 70
                                  << QStringLiteral("no node at /nonexistent/bin/node");
    QTest::newRow("too old") << QByteArray("#!/bin/sh\necho v16.20.2\n") << QStringLiteral("%1") << 70
                             << QStringLiteral("Node v16.20.2 at .* is too old .* needs Node 18 or newer");
    QTest::newRow("not a node") << QByteArray("#!/bin/sh\necho hello\n") << QStringLiteral("%1") << 70
                                << QStringLiteral("answered \"hello\", not a Node.js version");
    QTest::newRow("fails") << QByteArray("#!/bin/sh\nexit 3\n") << QStringLiteral("%1") << 70
                           << QStringLiteral("--version did not answer");
}

void TestCommandLine::nodeThatCannotRunTheAgent()
{
    QFETCH(QByteArray, fakeNode);
    QFETCH(QString, nodeArgument);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    QTemporaryDir dir;
    const QString entry = dir.filePath(QStringLiteral("app.js"));
    QFile program(entry);
    QVERIFY(program.open(QIODevice::WriteOnly));
    program.write("console.log('must not run');\n");
    program.close();
    const QString fake = dir.filePath(QStringLiteral("node"));
    if (!fakeNode.isEmpty()) {
        QFile script(fake);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(fakeNode);
        script.close();
        QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }
    const Outcome outcome = run(QStringLiteral(GRAFT_BIN_DIR "/graft"),
        { QStringLiteral("--headless"), QStringLiteral("--node"), nodeArgument.arg(fake), entry });
    QCOMPARE(outcome.exitCode, exitCode);
    QVERIFY2(QRegularExpression(says).match(outcome.output).hasMatch(), qPrintable(outcome.output));
    QVERIFY(!outcome.output.contains(QLatin1String("must not run")));
}

void TestCommandLine::attachToWhatIsNoInspector_data()
{
    QTest::addColumn<QString>("listener"); // "none": a port nobody listens on; "http": a server that is no inspector
    QTest::addColumn<QString>("target");   // %1: the port
    QTest::addColumn<QString>("says");
    QTest::newRow("nothing listening") << QStringLiteral("none") << QStringLiteral("127.0.0.1:%1")
                                       << QStringLiteral("nothing is listening on 127.0.0.1:\\d+ .*: start the "
                                                         "program with node --inspect=127.0.0.1:\\d+");
    QTest::newRow("not an inspector") << QStringLiteral("http") << QStringLiteral("127.0.0.1:%1")
                                      << QStringLiteral("127.0.0.1:\\d+ is not a Node inspector .*node --inspect");
    QTest::newRow("ws URL, nothing listening")
        << QStringLiteral("none") << QStringLiteral("ws://127.0.0.1:%1/abc")
        << QStringLiteral("cannot open ws://127.0.0.1:\\d+/abc: .*node --inspect");
    QTest::newRow("ws URL, not an inspector")
        << QStringLiteral("http") << QStringLiteral("ws://127.0.0.1:%1/abc")
        << QStringLiteral("cannot open ws://127.0.0.1:\\d+/abc: .*node --inspect");
}

void TestCommandLine::attachToWhatIsNoInspector()
{
    QFETCH(QString, listener);
    QFETCH(QString, target);
    QFETCH(QString, says);
    // Answers every connection with a plain web page, as a server that is not node's would.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const quint16 port = server.serverPort();
    connect(&server, &QTcpServer::newConnection, &server, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello");
            socket->disconnectFromHost();
        });
    });
    if (listener == QLatin1String("none"))
        server.close(); // the port was free a moment ago, and nobody listens now

    // graft runs while this test's event loop serves the port.
    QProcess graft;
    graft.setProcessChannelMode(QProcess::MergedChannels);
    graft.start(QStringLiteral(GRAFT_BIN_DIR "/graft"),
        { QStringLiteral("--headless"), QStringLiteral("--json"), QStringLiteral("--attach"), target.arg(port) });
    QVERIFY(graft.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(graft.state() == QProcess::NotRunning, 20000);
    const QString output = QString::fromUtf8(graft.readAll());
    QCOMPARE(graft.exitCode(), 69); // EX_UNAVAILABLE
    QVERIFY2(QRegularExpression(says).match(output).hasMatch(), qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("\"reason\":\"error\"")), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
