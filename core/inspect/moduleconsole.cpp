// SPDX-License-Identifier: MIT
#include "inspect/moduleconsole.h"

#include "cdp/cdpclient.h"
#include "inspect/stackdepthjs.h"

#include <QJsonArray>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>

namespace graft {

namespace {

// Evaluators live as long as the session: one per script.
const QString kKeptGroup = QStringLiteral("graft-module-console");
const QString kResultGroup = QStringLiteral("repl");
const QString kEntryName = QStringLiteral("graftModuleScope");
const QStringList kCommonJsNames { QStringLiteral("require"), QStringLiteral("module"), QStringLiteral("exports"),
    QStringLiteral("__filename"), QStringLiteral("__dirname") };

// Calls the scope holder (`this`) only when it is the sole JavaScript on the
// stack: inside a callback of the program (our request arriving by interrupt)
// the termination that ends this call would end the callback too.
QString enterModuleScopeJs()
{
    return QStringLiteral("function graftModuleScope() {\n  let depth = 0;\n") + countStackFramesJs(8)
        + QStringLiteral("  if (depth !== 1) return 'busy';\n  return this();\n}");
}

// CommonJS's names, for those the script's scope does not hold itself (they are
// its wrapper's parameters, kept only if one of its functions uses them). Node's
// module table is reached from the global scope; a script it does not know (an
// ES module) gets none.
const QString kBind = QStringLiteral(R"JS(function (file, names) {
  let Module = null;
  try { Module = typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('module') : null; }
  catch (e) { Module = null; }
  if (!Module && process.mainModule) Module = process.mainModule.constructor;
  const known = Module && Module._cache ? Module._cache[file] : undefined;
  const values = {
    require: known && Module.createRequire ? Module.createRequire(file) : undefined,
    module: known,
    exports: known ? known.exports : undefined,
    __filename: file,
    __dirname: file.slice(0, Math.max(1, file.lastIndexOf('/'))),
  };
  const args = [];
  for (let i = 0; i < names.length; i++) args[i] = values[names[i]];
  return this.apply(undefined, args);
})JS");

// A request may arrive by interrupt inside a short callback of the program:
// enter again between callbacks, a few times over a fifth of a second.
constexpr int kAttempts = 20;
constexpr int kAttemptGapMs = 10;

const QString kRun = QStringLiteral("function (source) { return this(source); }");

// An await outside an async function: V8 says so only when the input starts
// with it ("await is only valid ..."); elsewhere `await` parses as a name and
// the error is any SyntaxError. Retried as an async function either way.
bool mayNeedAsync(const EvaluateResult &result, const QString &expression)
{
    static const QRegularExpression await(QStringLiteral("\\bawait\\b"));
    return result.error.startsWith(QLatin1String("SyntaxError")) && expression.contains(await);
}

QString objectIdOf(const CdpReply &reply)
{
    return reply.result.value(QLatin1String("result")).toObject().value(QLatin1String("objectId")).toString();
}

} // namespace

struct ModuleConsole::Creation
{
    QString scriptId;
    QString holderId;
    QString filePath;
    bool isModule = false;
    QPointer<QObject> context;
    std::function<void(bool, const QString &)> done;
    QString breakpointId;
    QString factoryId;
    QJsonArray factoryNames; // CommonJS's names the factory takes as parameters
    bool factoryAsked = false;
    int attempts = 0;
    // More evaluations of the same script that arrived meanwhile (their callers guard themselves).
    QList<std::function<void(bool, const QString &)>> waiting;
};

EvaluateResult evaluateResultFromReply(const CdpReply &reply)
{
    EvaluateResult result;
    if (!reply.ok) {
        result.error = reply.errorMessage;
        return result;
    }
    if (reply.result.contains(QLatin1String("exceptionDetails"))) {
        const QJsonObject details = reply.result.value(QLatin1String("exceptionDetails")).toObject();
        const QJsonObject exception = details.value(QLatin1String("exception")).toObject();
        result.error = remoteValueFromJson(exception).display();
        if (result.error.isEmpty())
            result.error = details.value(QLatin1String("text")).toString();
        // The frames of the functions the input called, down to the input itself;
        // below it come the console's own and, when the request arrived by
        // interrupt, whatever callback of the program it ran on top of.
        QStringList lines = result.error.split(QLatin1Char('\n'));
        const auto ours = std::find_if(lines.begin() + 1, lines.end(), [](const QString &line) {
            return line.contains(QLatin1String("eval at")) || line.contains(QLatin1String("<anonymous>"));
        });
        lines.erase(ours, lines.end());
        result.error = lines.join(QLatin1Char('\n'));
        return result;
    }
    result.ok = true;
    result.value = remoteValueFromJson(reply.result.value(QLatin1String("result")).toObject());
    return result;
}

ModuleConsole::ModuleConsole(CdpClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

void ModuleConsole::prepare(const QString &scriptId, const QString &holderId, const QString &filePath, bool isModule,
    QObject *context, std::function<void(bool, const QString &)> done)
{
    if (m_creation && m_creation->scriptId == scriptId) {
        m_creation->waiting.append(std::move(done)); // a second input while the first enters
        return;
    }
    if (m_creation) {
        done(false, QStringLiteral("the console is still entering another file; try again"));
        return;
    }
    m_creation = std::make_shared<Creation>();
    m_creation->scriptId = scriptId;
    m_creation->holderId = holderId;
    m_creation->filePath = filePath;
    m_creation->isModule = isModule;
    m_creation->context = context;
    m_creation->done = std::move(done);
    const std::shared_ptr<Creation> creation = m_creation;
    m_client->call(QStringLiteral("Debugger.setBreakpointOnFunctionCall"), { { QStringLiteral("objectId"), holderId } },
        this, [this, creation](const CdpReply &reply) {
            if (creation != m_creation)
                return;
            if (!reply.ok) {
                finishCreation(false, QStringLiteral("cannot break on a function of it: %1").arg(reply.errorMessage));
                return;
            }
            creation->breakpointId = reply.result.value(QLatin1String("breakpointId")).toString();
            enter(creation);
        });
}

void ModuleConsole::enter(const std::shared_ptr<Creation> &creation)
{
    // Not through Graft's compiled helpers: this call is ended by a
    // termination, and it runs once per script.
    m_client->call(QStringLiteral("Runtime.callFunctionOn"),
        { { QStringLiteral("objectId"), creation->holderId },
            { QStringLiteral("functionDeclaration"), enterModuleScopeJs() },
            { QStringLiteral("returnByValue"), true } },
        this, [this, creation](const CdpReply &entered) {
            if (creation != m_creation)
                return;
            const QJsonValue value
                = entered.result.value(QLatin1String("result")).toObject().value(QLatin1String("value"));
            if (creation->factoryId.isEmpty() && value == QLatin1String("busy") && ++creation->attempts < kAttempts) {
                QTimer::singleShot(kAttemptGapMs, this, [this, creation] {
                    if (creation == m_creation)
                        enter(creation);
                });
                return;
            }
            if (creation->factoryId.isEmpty()) {
                finishCreation(false,
                    value == QLatin1String("busy")
                        ? QStringLiteral("the program is running JavaScript right now; the console enters "
                                         "a file between callbacks (try again, or Interrupt)")
                        : QStringLiteral("V8 did not stop at the function's entry: %1")
                              .arg(entered.ok ? QStringLiteral("no pause") : entered.errorMessage));
                return;
            }
            // The call was terminated at the function's entry: bind CommonJS's names.
            m_client->call(QStringLiteral("Runtime.callFunctionOn"),
                { { QStringLiteral("objectId"), creation->factoryId }, { QStringLiteral("functionDeclaration"), kBind },
                    { QStringLiteral("arguments"),
                        QJsonArray { QJsonObject { { QStringLiteral("value"), creation->filePath } },
                            QJsonObject { { QStringLiteral("value"), creation->factoryNames } } } },
                    { QStringLiteral("objectGroup"), kKeptGroup } },
                this, [this, creation](const CdpReply &bound) {
                    if (creation != m_creation)
                        return;
                    const QString evaluator = objectIdOf(bound);
                    if (evaluator.isEmpty() || bound.result.contains(QLatin1String("exceptionDetails"))) {
                        finishCreation(false,
                            QStringLiteral("cannot bind CommonJS's names: %1")
                                .arg(evaluateResultFromReply(bound).error));
                        return;
                    }
                    m_evaluators.insert(creation->scriptId, evaluator);
                    finishCreation(true, {});
                });
        });
}

bool ModuleConsole::claimPause(const QJsonObject &params)
{
    const std::shared_ptr<Creation> creation = m_creation;
    if (!creation || creation->breakpointId.isEmpty()
        || !params.value(QLatin1String("hitBreakpoints")).toArray().contains(creation->breakpointId))
        return false;
    const QJsonArray frames = params.value(QLatin1String("callFrames")).toArray();
    // Ours: the holder called by our helper with nothing below. Else the program
    // called it itself at that moment: that frame serves too, and it goes on.
    const bool ours
        = frames.size() == 2 && frames.at(1).toObject().value(QLatin1String("functionName")).toString() == kEntryName;
    const QString callFrameId = frames.first().toObject().value(QLatin1String("callFrameId")).toString();
    auto leave = [this, creation, ours] {
        if (ours) {
            // Answered once the call has ended; our helper's reply follows it.
            m_client->call(QStringLiteral("Runtime.terminateExecution"), {}, this, {});
            m_client->call(QStringLiteral("Debugger.removeBreakpoint"),
                { { QStringLiteral("breakpointId"), creation->breakpointId } }, this, {});
        }
        m_client->call(QStringLiteral("Debugger.resume"), {}, this, {});
    };
    if (creation->factoryAsked) {
        leave();
        return true;
    }
    creation->factoryAsked = true;
    const QString probe = creation->isModule ? QStringLiteral("[]")
                                             : QStringLiteral("[typeof require, typeof module, typeof exports, "
                                                              "typeof __filename, typeof __dirname]");
    m_client->call(QStringLiteral("Debugger.evaluateOnCallFrame"),
        { { QStringLiteral("callFrameId"), callFrameId }, { QStringLiteral("expression"), probe },
            { QStringLiteral("returnByValue"), true }, { QStringLiteral("silent"), true } },
        this, [this, creation, callFrameId, leave](const CdpReply &reply) {
            const QJsonArray types
                = reply.result.value(QLatin1String("result")).toObject().value(QLatin1String("value")).toArray();
            QStringList missing;
            for (int i = 0; i < types.size() && i < kCommonJsNames.size(); ++i) {
                if (types.at(i).toString() == QLatin1String("undefined"))
                    missing << kCommonJsNames.at(i);
            }
            creation->factoryNames = QJsonArray::fromStringList(missing);
            const QString factory = QStringLiteral("(function (%1) { 'use strict'; return function (graftSource) "
                                                   "{ return eval(graftSource); }; })")
                                        .arg(missing.join(QLatin1String(", ")));
            m_client->call(QStringLiteral("Debugger.evaluateOnCallFrame"),
                { { QStringLiteral("callFrameId"), callFrameId }, { QStringLiteral("expression"), factory },
                    { QStringLiteral("objectGroup"), kKeptGroup }, { QStringLiteral("silent"), true } },
                this, [creation, leave](const CdpReply &made) {
                    creation->factoryId = objectIdOf(made);
                    leave();
                });
        });
    return true;
}

void ModuleConsole::finishCreation(bool ok, const QString &error)
{
    const std::shared_ptr<Creation> creation = std::exchange(m_creation, nullptr);
    if (!creation)
        return;
    if (!ok && !creation->breakpointId.isEmpty())
        m_client->call(QStringLiteral("Debugger.removeBreakpoint"),
            { { QStringLiteral("breakpointId"), creation->breakpointId } }, this, {});
    if (creation->context)
        creation->done(ok, error);
    for (const auto &waiter : std::as_const(creation->waiting))
        waiter(ok, error);
}

void ModuleConsole::run(const QString &evaluatorId, const QString &source, bool awaited, QObject *context,
    std::function<void(const CdpReply &)> done)
{
    QJsonObject params { { QStringLiteral("objectId"), evaluatorId }, { QStringLiteral("functionDeclaration"), kRun },
        { QStringLiteral("arguments"), QJsonArray { QJsonObject { { QStringLiteral("value"), source } } } },
        { QStringLiteral("objectGroup"), kResultGroup }, { QStringLiteral("generatePreview"), true } };
    if (awaited)
        params.insert(QStringLiteral("awaitPromise"), true);
    m_client->call(QStringLiteral("Runtime.callFunctionOn"), params, context, std::move(done));
}

void ModuleConsole::evaluate(const QString &scriptId, const QString &expression, QObject *context,
    std::function<void(const EvaluateResult &)> done)
{
    const QString evaluator = m_evaluators.value(scriptId);
    if (evaluator.isEmpty()) {
        EvaluateResult result;
        result.error = QStringLiteral("the console has not entered this file");
        done(result);
        return;
    }
    run(evaluator, expression, false, context, [=, this](const CdpReply &reply) {
        const EvaluateResult first = evaluateResultFromReply(reply);
        if (!mayNeedAsync(first, expression)) {
            done(first);
            return;
        }
        // Top-level await: the input as an async arrow's value, or else its body.
        const QString asExpression = QStringLiteral("(async () => (\n%1\n))()").arg(expression);
        run(evaluator, asExpression, true, context, [=, this](const CdpReply &awaited) {
            const EvaluateResult value = evaluateResultFromReply(awaited);
            if (!value.error.startsWith(QLatin1String("SyntaxError"))) {
                done(value);
                return;
            }
            run(evaluator, QStringLiteral("(async () => {\n%1\n})()").arg(expression), true, context,
                [done, first](const CdpReply &body) {
                    const EvaluateResult statements = evaluateResultFromReply(body);
                    // Not an await after all: the input's own syntax error.
                    done(statements.error.startsWith(QLatin1String("SyntaxError")) ? first : statements);
                });
        });
    });
}

} // namespace graft
