// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace graft {

namespace {
constexpr int kUsageError = 64; // EX_USAGE
}

CommandLine parseCommandLine(const QStringList &arguments)
{
    CommandLine result;
    QStringList ours = arguments;
    QStringList programArguments;
    if (const qsizetype dashdash = arguments.indexOf(QStringLiteral("--")); dashdash > 0) {
        ours = arguments.mid(0, dashdash);
        programArguments = arguments.mid(dashdash + 1);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Graft: edit a running Node.js program. Each save is applied live with V8's LiveEdit;\n"
                       "the program keeps its state."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption headless(QStringLiteral("headless"), QStringLiteral("Run without a window (automation)."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Headless: print events as JSON lines."));
    const QCommandLineOption control(
        QStringLiteral("control"), QStringLiteral("Headless: read JSON commands, one per line, on stdin."));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
        QStringLiteral("Headless: end after SECONDS (exit 124)."), QStringLiteral("SECONDS"));
    const QCommandLineOption blockedRetry(QStringLiteral("blocked-retry"),
        QStringLiteral("Retry a blocked patch by itself for up to SECONDS (default 60; 0: never)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption exitOnUncaught(QStringLiteral("exit-on-uncaught"),
        QStringLiteral("End the program on an uncaught exception (Node's default)."));
    const QCommandLineOption nodeOption(QStringLiteral("node-option"),
        QStringLiteral("Pass OPTION to Node, e.g. --max-old-space-size=512."), QStringLiteral("OPTION"));
    const QCommandLineOption runtime(
        QStringLiteral("runtime"), QStringLiteral("Use this graft-runtime executable."), QStringLiteral("PATH"));
    const QCommandLineOption node(QStringLiteral("node"),
        QStringLiteral("Run the program on this node (18 or newer) with Graft's agent, instead of the embedded\n"
                       "Node 18; a bare name is looked up on PATH, e.g. --node node."),
        QStringLiteral("PATH"));
    const QCommandLineOption attach(QStringLiteral("attach"),
        QStringLiteral("Attach to a program already running under node --inspect, at HOST:PORT or the ws://\n"
                       "URL node printed, instead of starting one (no ENTRY.js). Quitting leaves it running."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption map(QStringLiteral("map"),
        QStringLiteral("With --attach: the local folder LOCAL is REMOTE in the program (a container, another\n"
                       "host); repeatable."),
        QStringLiteral("LOCAL=REMOTE"));
    const QCommandLineOption engine(QStringLiteral("engine"),
        QStringLiteral("How saves reach the program: liveedit (V8's LiveEdit, the default) or swap (Graft's own\n"
                       "load-time indirection; not with --attach)."),
        QStringLiteral("ENGINE"));
    const QCommandLineOption grab(QStringLiteral("grab"),
        QStringLiteral("GUI: save a screenshot of the window to FILE.png and quit."), QStringLiteral("FILE"));
    const QCommandLineOption presenter(QStringLiteral("presenter"), QStringLiteral("GUI: start in presenter mode."));
    const QCommandLineOption windowSize(QStringLiteral("window-size"),
        QStringLiteral("GUI: open the window at this size, e.g. 1280x720."), QStringLiteral("WxH"));
    parser.addOptions({ headless, json, control, timeout, blockedRetry, exitOnUncaught, nodeOption, runtime, node,
        engine, attach, map, grab, presenter, windowSize });
    parser.addPositionalArgument(
        QStringLiteral("entry"), QStringLiteral("The program's entry script."), QStringLiteral("[ENTRY.js]"));
    parser.addPositionalArgument(QStringLiteral("args"), QStringLiteral("The program's own arguments, after --."),
        QStringLiteral("[-- ARGS...]"));

    if (!parser.parse(ours)) {
        result.ok = false;
        result.exitCode = kUsageError;
        result.message = parser.errorText() + QStringLiteral("\nTry 'graft --help'.");
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.ok = false;
        // The parser runs before the application object exists, so it cannot name us.
        result.message = parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("graft"));
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.ok = false;
        result.message = QStringLiteral("graft %1").arg(QCoreApplication::applicationVersion());
        return result;
    }

    result.headless = parser.isSet(headless);
    HeadlessOptions &options = result.headlessOptions;
    options.json = parser.isSet(json);
    options.control = parser.isSet(control);
    options.launch.exitOnUncaught = parser.isSet(exitOnUncaught);
    options.launch.nodeOptions = parser.values(nodeOption);
    options.launch.runtimePath = parser.value(runtime);
    options.launch.arguments = programArguments;
    if (parser.isSet(node)) {
        const QString given = parser.value(node);
        // A bare name means the one the shell would run; a path is taken as it is,
        // and a missing one is reported when the program starts.
        const QString found = given.contains(QLatin1Char('/')) ? QFileInfo(given).absoluteFilePath()
                                                               : QStandardPaths::findExecutable(given);
        if (found.isEmpty()) {
            result.ok = false;
            result.exitCode = kUsageError;
            result.message = QStringLiteral("--node %1: no such executable on PATH").arg(given);
            return result;
        }
        options.launch.nodePath = found;
    }
    const auto usageError = [&result](const QString &message) {
        result.ok = false;
        result.exitCode = kUsageError;
        result.message = message;
        return result;
    };
    if (parser.isSet(attach)) {
        QString error;
        const std::optional<AttachTarget> target = parseAttachTarget(parser.value(attach), &error);
        if (!target)
            return usageError(error);
        options.launch.attach = *target;
        if (parser.isSet(node))
            return usageError(QStringLiteral("--attach and --node exclude each other: --attach reaches a program "
                                             "that already runs, --node starts one"));
        if (!parser.positionalArguments().isEmpty() || !programArguments.isEmpty())
            return usageError(QStringLiteral("--attach takes no ENTRY.js or program arguments: the program already "
                                             "runs (start it with node --inspect)"));
    }
    if (parser.isSet(engine)) {
        const std::optional<PatchEngineKind> kind = engineKindFromName(parser.value(engine));
        if (!kind)
            return usageError(QStringLiteral("--engine %1: give liveedit or swap").arg(parser.value(engine)));
        options.launch.engine = *kind;
        result.engineGiven = true;
    }
    // The workbench runs a folder's chosen node when --node is not given, and
    // checks the engine against it at each start; headless knows its runtime now.
    if (const QString refusal = options.launch.engineRefusal();
        !refusal.isEmpty() && (result.headless || options.launch.attaches()))
        return usageError(QStringLiteral("--engine swap: %1").arg(refusal));
    for (const QString &mapping : parser.values(map)) {
        if (!parser.isSet(attach))
            return usageError(QStringLiteral("--map needs --attach (it maps folders of an attached program)"));
        QString error;
        const std::optional<PathMapping> parsed = parsePathMapping(mapping, &error);
        if (!parsed)
            return usageError(error);
        options.launch.attach.paths.add(*parsed);
    }
    result.grabPath = parser.value(grab);
    result.presenter = parser.isSet(presenter);
    if (parser.isSet(windowSize)) {
        const QRegularExpressionMatch size
            = QRegularExpression(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$")).match(parser.value(windowSize));
        if (!size.hasMatch()) {
            result.ok = false;
            result.exitCode = kUsageError;
            result.message = QStringLiteral("--window-size needs WIDTHxHEIGHT in pixels, e.g. 1280x720");
            return result;
        }
        result.windowSize = QSize(size.captured(1).toInt(), size.captured(2).toInt());
    }
    if (parser.isSet(timeout)) {
        bool numeric = false;
        options.timeoutSeconds = parser.value(timeout).toInt(&numeric);
        if (!numeric || options.timeoutSeconds <= 0) {
            result.ok = false;
            result.exitCode = kUsageError;
            result.message = QStringLiteral("--timeout needs a positive number of seconds");
            return result;
        }
    }

    if (parser.isSet(blockedRetry)) {
        bool numeric = false;
        options.blockedRetrySeconds = parser.value(blockedRetry).toInt(&numeric);
        if (!numeric || options.blockedRetrySeconds < 0) {
            result.ok = false;
            result.exitCode = kUsageError;
            result.message = QStringLiteral("--blocked-retry needs a number of seconds (0 turns retrying off)");
            return result;
        }
    }

    const QStringList positional = parser.positionalArguments();
    for (const QString &file : positional)
        result.files << QFileInfo(file).absoluteFilePath();
    if (!positional.isEmpty())
        options.launch.entry = result.files.first();
    if (result.headless && !options.launch.attaches()) {
        if (positional.size() != 1) {
            result.ok = false;
            result.exitCode = kUsageError;
            result.message
                = QStringLiteral("graft --headless needs exactly one ENTRY.js (program arguments go after --), "
                                 "or --attach HOST:PORT");
            return result;
        }
        const QFileInfo entry(options.launch.entry);
        if (!entry.isFile() || !entry.isReadable()) {
            result.ok = false;
            result.exitCode = 66; // EX_NOINPUT
            result.message
                = QStringLiteral("cannot open %1: %2")
                      .arg(positional.first(),
                          entry.exists() ? QStringLiteral("not a readable file") : QStringLiteral("no such file"));
            return result;
        }
    }
    return result;
}

} // namespace graft
