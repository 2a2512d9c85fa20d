// SPDX-License-Identifier: MIT
// The workbench's models without a runtime (the editor's decorators: tst_editordecorations): each model
// passes QAbstractItemModelTester while it is fed the way the session feeds it.

#include "cdp/cdpclient.h"
#include "console/replline.h"
#include "panes/changelistmodel.h"
#include "panes/changesmodel.h"
#include "panes/outputmodel.h"
#include "panes/patchsummary.h"
#include "panes/scriptsfiltermodel.h"
#include "panes/scriptsmodel.h"
#include "samplereport.h"
#include "session/scriptregistry.h"
#include "window/theme.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace graft;
using graft::test::appliedReport;

namespace {

ScriptInfo script(const QString &id, const QString &url, const QString &file, ScriptKind kind)
{
    ScriptInfo info;
    info.scriptId = id;
    info.url = url;
    info.filePath = file;
    info.kind = kind;
    return info;
}

QStringList column(const QAbstractItemModel &model, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, 0).data(role).toString());
    return values;
}

} // namespace

class TestUiModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void scriptsModel();
    void scriptsFilterPutsUserFirstAndHidesInternals();
    void scriptsGroupPerThread();
    void outputModelJoinsPartialLines();
    void outputModelKeepsABoundedTail();
    void outputModelSurvivesAFlood();
    void outputModelExceptionFrames();
    void changesModel();
    void changeListModel();
    void replHistory();
    void patchSummary_data();
    void patchSummary();
};

void TestUiModels::initTestCase() { QStandardPaths::setTestModeEnabled(true); }

void TestUiModels::scriptsModel()
{
    ScriptRegistry registry;
    registry.add(script(QStringLiteral("1"), QStringLiteral("node:internal/timers"), {}, ScriptKind::Internal));
    ScriptsModel model(&registry);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1); // loaded before the model existed

    model.setBaseDirectory(QStringLiteral("/project/app"));
    registry.add(script(QStringLiteral("2"), QStringLiteral("file:///project/app/lib/a.js"),
        QStringLiteral("/project/app/lib/a.js"), ScriptKind::User));
    registry.add(script(QStringLiteral("2"), QStringLiteral("file:///project/app/lib/a.js"),
        QStringLiteral("/project/app/lib/a.js"), ScriptKind::User)); // a duplicate is ignored
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("lib/a.js"));
    QCOMPARE(model.index(1, 0).data(ScriptsModel::KindRole).toString(), QStringLiteral("user"));
    QCOMPARE(model.script(model.index(1, 0)).scriptId, QStringLiteral("2"));

    registry.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestUiModels::scriptsFilterPutsUserFirstAndHidesInternals()
{
    ScriptRegistry registry;
    ScriptsModel model(&registry);
    ScriptsFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBaseDirectory(QStringLiteral("/p"));

    registry.add(script(QStringLiteral("1"), QStringLiteral("node:internal/main"), {}, ScriptKind::Internal));
    registry.add(script(QStringLiteral("2"), QStringLiteral("file:///p/node_modules/x/index.js"),
        QStringLiteral("/p/node_modules/x/index.js"), ScriptKind::Dependency));
    registry.add(script(
        QStringLiteral("3"), QStringLiteral("file:///p/zeta.js"), QStringLiteral("/p/zeta.js"), ScriptKind::User));
    registry.add(script(
        QStringLiteral("4"), QStringLiteral("file:///p/alpha.js"), QStringLiteral("/p/alpha.js"), ScriptKind::User));
    QCOMPARE(column(filter),
        (QStringList {
            QStringLiteral("alpha.js"), QStringLiteral("zeta.js"), QStringLiteral("node_modules/x/index.js") }));

    filter.setShowInternal(true);
    QCOMPARE(filter.rowCount(), 4);
    QCOMPARE(column(filter).last(), QStringLiteral("node:internal/main"));

    filter.setFilterText(QStringLiteral("ALPHA"));
    QCOMPARE(column(filter), QStringList { QStringLiteral("alpha.js") });
    filter.setFilterText(QStringLiteral("internal/"));
    QCOMPARE(column(filter), QStringList { QStringLiteral("node:internal/main") });
    filter.setFilterText({});
    filter.setShowInternal(false);
    QCOMPARE(filter.rowCount(), 3);
}

void TestUiModels::scriptsGroupPerThread()
{
    ScriptRegistry registry;
    ScriptsModel model(&registry);
    ScriptsFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBaseDirectory(QStringLiteral("/p"));
    auto onWorker = [](ScriptInfo info, const QString &target, int thread) {
        info.scriptId = workerScriptId(target, info.scriptId);
        info.target = target;
        info.thread = QStringLiteral("worker %1").arg(thread);
        return info;
    };
    const ScriptInfo tick = script(
        QStringLiteral("7"), QStringLiteral("file:///p/tick.js"), QStringLiteral("/p/tick.js"), ScriptKind::User);
    registry.add(script(
        QStringLiteral("3"), QStringLiteral("file:///p/zeta.js"), QStringLiteral("/p/zeta.js"), ScriptKind::User));
    registry.add(onWorker(tick, QStringLiteral("s3"), 12));
    registry.add(onWorker(tick, QStringLiteral("s2"), 3));
    registry.add(script(
        QStringLiteral("4"), QStringLiteral("file:///p/alpha.js"), QStringLiteral("/p/alpha.js"), ScriptKind::User));
    QCOMPARE(column(filter),
        (QStringList { QStringLiteral("alpha.js"), QStringLiteral("zeta.js"), QStringLiteral("[worker 3] tick.js"),
            QStringLiteral("[worker 12] tick.js") }));
    QCOMPARE(registry.findAllByFile(QStringLiteral("/p/tick.js")).size(), 2);

    registry.removeTarget(QStringLiteral("s2")); // worker 3 ended
    QCOMPARE(column(filter),
        (QStringList { QStringLiteral("alpha.js"), QStringLiteral("zeta.js"), QStringLiteral("[worker 12] tick.js") }));
    QCOMPARE(registry.findByFile(QStringLiteral("/p/tick.js"))->thread, QStringLiteral("worker 12"));
}

void TestUiModels::outputModelJoinsPartialLines()
{
    OutputModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendOutput(QStringLiteral("stdout"), QStringLiteral("hel"));
    model.appendOutput(QStringLiteral("stdout"), QStringLiteral("lo\nwor"));
    model.appendOutput(QStringLiteral("stderr"), QStringLiteral("oops\r\n"));
    model.appendOutput(QStringLiteral("stdout"), QStringLiteral("ld\n\n"));
    QCOMPARE(model.rowCount(), 0); // queued until the timer (or flush) turns text into rows
    QTRY_COMPARE(model.rowCount(), 5);
    QCOMPARE(model.text(), QStringLiteral("hello\nwor\noops\nld\n")); // "ld\n\n": a line, then an empty one
    // stderr is told apart from stdout, and shown in red
    QCOMPARE(model.index(2, 0).data(OutputModel::KindRole).value<OutputModel::Kind>(), OutputModel::Kind::Stderr);
    QCOMPARE(model.index(0, 0).data(OutputModel::KindRole).value<OutputModel::Kind>(), OutputModel::Kind::Stdout);
    QCOMPARE(model.index(2, 0).data(Qt::ForegroundRole).value<QColor>(), currentTheme().error);
    QVERIFY(!model.index(0, 0).data(Qt::ForegroundRole).isValid());

    model.appendOutput(QStringLiteral("stdout"), QStringLiteral("!"));
    model.appendLine(OutputModel::Kind::Info, QStringLiteral("note"));
    model.flush();
    QCOMPARE(model.text(), QStringLiteral("hello\nwor\noops\nld\n\n!\nnote"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestUiModels::outputModelKeepsABoundedTail()
{
    OutputModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxLines(100);
    for (int chunk = 0; chunk < 30; ++chunk) {
        QString text;
        for (int i = 0; i < 50; ++i)
            text += QStringLiteral("line %1\n").arg(chunk * 50 + i);
        model.appendOutput(QStringLiteral("stdout"), text);
        if (chunk % 7 == 0)
            model.flush();
    }
    model.flush();
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("line 1400"));
    QCOMPARE(model.index(99, 0).data().toString(), QStringLiteral("line 1499"));

    // A line without end is cut, not kept whole.
    model.appendOutput(QStringLiteral("stdout"), QString(100000, QLatin1Char('x')));
    model.flush();
    QVERIFY(model.index(model.rowCount() - 1, 0).data().toString().size() < 5000);

    model.setMaxChars(1000);
    model.appendOutput(QStringLiteral("stdout"), QStringLiteral("\nshort\n"));
    model.flush();
    qsizetype chars = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        chars += model.index(row, 0).data().toString().size();
    QVERIFY2(chars <= 1000, qPrintable(QString::number(chars)));
    QCOMPARE(model.index(model.rowCount() - 1, 0).data().toString(), QStringLiteral("short"));
}

void TestUiModels::outputModelSurvivesAFlood()
{
    OutputModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString chunk = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef012345678\n").repeated(1000);
    for (int i = 0; i < 200; ++i) // ~12 MB between two flushes
        model.appendOutput(QStringLiteral("stdout"), chunk);
    model.appendOutput(QStringLiteral("stdout"), QStringLiteral("the end\n"));
    QVERIFY(model.skippedChars() > 0);
    model.flush();
    QVERIFY(model.rowCount() <= model.maxLines());
    QCOMPARE(model.index(model.rowCount() - 1, 0).data().toString(), QStringLiteral("the end"));
    QVERIFY(model.text().contains(QStringLiteral("output skipped")));
}

void TestUiModels::outputModelExceptionFrames()
{
    OutputModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ExceptionInfo exception;
    exception.message = QStringLiteral("Error: boom");
    exception.frames = { { QStringLiteral("boom"), QStringLiteral("file:///p/a.js"), QStringLiteral("/p/a.js"), 4, 9 },
        { QStringLiteral("listOnTimeout"), QStringLiteral("node:internal/timers"), {}, 569, 17 } };
    model.appendException(exception);
    model.flush();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Uncaught Error: boom"));
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("    at boom (a.js:4:9)"));
    QCOMPARE(model.index(1, 0).data(OutputModel::FileRole).toString(), QStringLiteral("/p/a.js"));
    QCOMPARE(model.index(1, 0).data(OutputModel::LineRole).toInt(), 4);
    QVERIFY(!model.index(2, 0).data(OutputModel::FileRole).isValid()); // internal: not clickable
}

void TestUiModels::changesModel()
{
    ChangesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxReports(3);
    PatchReport report = appliedReport();
    model.addReport(report);
    report.status = PatchStatus::CompileError;
    model.addReport(report);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(ChangesModel::ColumnCount));
    QCOMPARE(model.index(0, ChangesModel::FileColumn).data().toString(), QStringLiteral("app.js"));
    QCOMPARE(model.index(0, ChangesModel::StatusColumn).data().toString(), QStringLiteral("applied"));
    QCOMPARE(model.index(1, ChangesModel::StatusColumn).data().toString(), QStringLiteral("compile-error"));
    QCOMPARE(model.headerData(ChangesModel::MsColumn, Qt::Horizontal).toString(), QStringLiteral("ms"));
    for (int i = 0; i < 5; ++i)
        model.addReport(appliedReport());
    QCOMPARE(model.rowCount(), 3);
    model.clear();
    QCOMPARE(model.rowCount(), 0);

    // Run boundaries: a restart begins a new run; a run without patches leaves none.
    model.startRun(QStringLiteral("/project/app.js"));
    model.addReport(appliedReport());
    model.addReport(appliedReport());
    model.startRun(QStringLiteral("/project/app.js"));
    model.startRun(QStringLiteral("/project/app.js"));
    model.addReport(appliedReport());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, 0).data(ChangesModel::RunRole).toInt(), 1);
    QCOMPARE(model.index(1, 0).data(ChangesModel::RunStartRole).toBool(), false);
    QCOMPARE(model.index(2, 0).data(ChangesModel::RunRole).toInt(), 2);
    QVERIFY(model.index(2, ChangesModel::TimeColumn).data().toString().startsWith(QStringLiteral("▶ ")));
    QVERIFY(!model.index(1, ChangesModel::TimeColumn).data().toString().startsWith(QStringLiteral("▶ ")));
    QVERIFY(model.index(2, ChangesModel::TimeColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith(QStringLiteral("First patch of run 2")));
    QVERIFY(model.index(2, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(!model.index(0, 0).data(Qt::BackgroundRole).isValid());
    model.clear();
    // Red: none of the new code runs.
    QCOMPARE(patchStatusColor(PatchStatus::Blocked), patchStatusColor(PatchStatus::CompileError));
    QVERIFY(patchStatusColor(PatchStatus::Partial) != patchStatusColor(PatchStatus::Blocked));
}

void TestUiModels::changeListModel()
{
    ChangeListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(appliedReport());
    QCOMPARE(model.rowCount(), 2); // the two changed functions, not the unchanged one
    QCOMPARE(model.index(0, ChangeListModel::NameColumn).data().toString(), QStringLiteral("m()"));
    QCOMPARE(model.index(0, ChangeListModel::ChangeColumn).data().toString(), QStringLiteral("body"));
    QCOMPARE(model.index(0, ChangeListModel::EffectiveColumn).data().toString(), QStringLiteral("yes"));
    QCOMPARE(model.index(1, ChangeListModel::EffectiveColumn).data().toString(), QStringLiteral("no"));
    QCOMPARE(model.index(1, ChangeListModel::EffectiveColumn).data(Qt::ToolTipRole).toString(),
        QStringLiteral("on the stack"));
    QCOMPARE(model.index(1, 0).data(ChangeListModel::LineRole).toInt(), 5);
    QCOMPARE(model.index(1, 0).data(ChangeListModel::NameRole).toString(), QStringLiteral("later"));
    QCOMPARE(model.index(1, 0).data(ChangeListModel::FileRole).toString(), QStringLiteral("/project/app.js"));
    model.setReport(PatchReport {});
    QCOMPARE(model.rowCount(), 0);
}

void TestUiModels::replHistory()
{
    ReplLine line;
    QSignalSpy submitted(&line, &ReplLine::submitted);
    QTest::keyClicks(&line, QStringLiteral("1+1"));
    QTest::keyClick(&line, Qt::Key_Return);
    QTest::keyClicks(&line, QStringLiteral("globalThis"));
    QTest::keyClick(&line, Qt::Key_Return);
    QCOMPARE(submitted.count(), 2);
    QCOMPARE(submitted.at(0).at(0).toString(), QStringLiteral("1+1"));
    QVERIFY(line.text().isEmpty());
    QTest::keyClicks(&line, QStringLiteral("dra"));
    QTest::keyClick(&line, Qt::Key_Up);
    QCOMPARE(line.text(), QStringLiteral("globalThis"));
    QTest::keyClick(&line, Qt::Key_Up);
    QCOMPARE(line.text(), QStringLiteral("1+1"));
    QTest::keyClick(&line, Qt::Key_Up); // stays at the oldest
    QCOMPARE(line.text(), QStringLiteral("1+1"));
    QTest::keyClick(&line, Qt::Key_Down);
    QTest::keyClick(&line, Qt::Key_Down);
    QCOMPARE(line.text(), QStringLiteral("dra")); // the draft comes back
}

void TestUiModels::patchSummary_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expected");
    QTest::newRow("applied") << int(PatchStatus::Applied)
                             << QStringLiteral("Applied app.js in 12 ms: 1 function(s) patched, 1 not effective, "
                                               "1 binding(s) keep their old value");
    QTest::newRow("compile error") << int(PatchStatus::CompileError)
                                   << QStringLiteral("Not applied, app.js does not compile (line 3:7): bad");
    QTest::newRow("blocked") << int(PatchStatus::Blocked) << QStringLiteral("Blocked: app.js was not applied: bad");
    QTest::newRow("unchanged") << int(PatchStatus::Unchanged)
                               << QStringLiteral("app.js: the running code already matches");
}

void TestUiModels::patchSummary()
{
    QFETCH(int, status);
    QFETCH(QString, expected);
    PatchReport report = appliedReport();
    report.status = static_cast<PatchStatus>(status);
    if (report.status != PatchStatus::Applied) {
        report.message = QStringLiteral("bad");
        report.errorLine = 3;
        report.errorColumn = 7;
    }
    QCOMPARE(graft::patchSummary(report), expected);
}

QTEST_MAIN(TestUiModels)
#include "tst_uimodels.moc"
