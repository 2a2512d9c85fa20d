// SPDX-License-Identifier: MIT
// The editor's decorators on their own, offscreen: what a patch marks in the
// margin and why, stale bindings from the live model with their annotations,
// breakpoints' notes, and compile errors underlined and explained.

#include "debug/breakpoint.h"
#include "editor/breakpointmarkers.h"
#include "editor/codeeditor.h"
#include "editor/errorsquiggle.h"
#include "editor/patchmarkers.h"
#include "samplereport.h"

#include <QtTest>

using namespace graft;
using graft::test::appliedReport;

class TestEditorDecorations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void patchMarkersMarkFunctionLines();
    void patchMarkersMarkNothingWithoutFunctions();
    void patchMarkersExplainThemselves();
    void staleBindingsFollowTheLiveModelNotOneReport();
    void errorSquiggleAnnotatesTheErrorLine();
};

void TestEditorDecorations::patchMarkersMarkFunctionLines()
{
    CodeEditor editor;
    editor.setText(QStringLiteral("let s = 1;\nfunction m() {}\nx();\nfunction tick() {}\nfunction later() {}\n"));
    editor.showPatch(appliedReport());
    PatchMarkers *markers = editor.patchMarkers();
    QCOMPARE(markers->markedLines(PatchMarkers::Patched), QList<int> { 2 });
    QCOMPARE(markers->markedLines(PatchMarkers::NotEffective), QList<int> { 5 });
    // Stale bindings are the live model's (showStaleBindings), not one report's.
    QVERIFY(markers->markedLines(PatchMarkers::StaleBinding).isEmpty());

    PatchReport failed = appliedReport();
    failed.status = PatchStatus::CompileError;
    editor.showPatch(failed);
    QVERIFY(markers->markedLines(PatchMarkers::Patched).isEmpty()); // nothing landed

    markers->setEnabled(false);
    editor.showPatch(appliedReport());
    QVERIFY(markers->markedLines(PatchMarkers::Patched).isEmpty());
}

void TestEditorDecorations::patchMarkersMarkNothingWithoutFunctions()
{
    CodeEditor editor;
    editor.setText(QStringLiteral("a();\nb();\n"));
    PatchReport report;
    report.status = PatchStatus::Applied;
    editor.showPatch(report);
    for (auto marker : { PatchMarkers::Patched, PatchMarkers::NotEffective, PatchMarkers::StaleBinding })
        QVERIFY(editor.patchMarkers()->markedLines(marker).isEmpty());
}

void TestEditorDecorations::patchMarkersExplainThemselves()
{
    CodeEditor editor;
    editor.setText(QStringLiteral("let s = 1;\nfunction m() {}\nx();\nfunction tick() {}\nfunction later() {}\n"));
    editor.showPatch(appliedReport());
    QVERIFY2(editor.marginNotesAt(2).contains(QStringLiteral("m() patched by the last save")),
        qPrintable(editor.marginNotesAt(2)));
    QVERIFY2(editor.marginNotesAt(5).contains(QStringLiteral("later() changed, but not effective: on the stack")),
        qPrintable(editor.marginNotesAt(5)));
    QVERIFY(editor.marginNotesAt(3).isEmpty());
    editor.patchMarkers()->showStaleBindings(appliedReport().bindings, QStringLiteral("press the key"));
    const QString note = editor.marginNotesAt(1);
    QVERIFY2(note.contains(QStringLiteral("s is stale")) && note.contains(QStringLiteral("'original'"))
            && note.contains(QStringLiteral("'updated'")),
        qPrintable(note));
    // An edit above moves the notes with their lines.
    editor.insertAt(QStringLiteral("// new first line\n"), 0, 0);
    QVERIFY(editor.marginNotesAt(1).isEmpty());
    QVERIFY(editor.marginNotesAt(3).contains(QStringLiteral("m()")));
    QVERIFY(editor.marginNotesAt(2).contains(QStringLiteral("s is stale")));
    // A breakpoint explains itself too.
    Breakpoint b;
    b.id = QStringLiteral("bp1");
    b.line = 4;
    b.condition = QStringLiteral("x > 3");
    editor.breakpointMarkers()->show({ b });
    QVERIFY2(editor.marginNotesAt(4).contains(QStringLiteral("Conditional breakpoint: pauses when x > 3")),
        qPrintable(editor.marginNotesAt(4)));
}

void TestEditorDecorations::staleBindingsFollowTheLiveModelNotOneReport()
{
    CodeEditor editor;
    editor.setText(QStringLiteral("let s = 1;\nfunction m() {}\nx();\nfunction tick() {}\nfunction later() {}\n"));
    PatchMarkers *markers = editor.patchMarkers();
    markers->showStaleBindings(appliedReport().bindings, QStringLiteral("Re-initialize: the key"));
    QCOMPARE(markers->markedLines(PatchMarkers::StaleBinding), QList<int> { 1 });
    QCOMPARE(markers->staleBindingAt(1), QStringLiteral("s"));
    QCOMPARE(editor.annotation(0), QStringLiteral("live 'original' ≠ source 'updated' — Re-initialize: the key"));

    // A later save that fails changes nothing in the program: s is still stale, and still says so.
    PatchReport failed = appliedReport();
    failed.status = PatchStatus::CompileError;
    failed.errorLine = 3;
    failed.errorColumn = 1;
    failed.message = QStringLiteral("SyntaxError: Unexpected token");
    editor.showPatch(failed);
    QCOMPARE(markers->markedLines(PatchMarkers::StaleBinding), QList<int> { 1 });
    QVERIFY(editor.annotation(0).startsWith(QStringLiteral("live 'original'")));
    QVERIFY(editor.annotation(2).contains(QStringLiteral("Unexpected token"))); // the error's, beside it

    // Lines above move it; re-initialized (no longer stale), it goes, annotation and all.
    editor.insertAt(QStringLiteral("\n"), 0, 0);
    QCOMPARE(markers->staleBindingAt(2), QStringLiteral("s"));
    QList<BindingChange> given = appliedReport().bindings;
    given.first().stale = false;
    markers->showStaleBindings(given, QStringLiteral("Re-initialize: the key"));
    QVERIFY(markers->markedLines(PatchMarkers::StaleBinding).isEmpty());
    QVERIFY(markers->staleBindingAt(2).isEmpty());
    QVERIFY(editor.annotation(1).isEmpty());
}

void TestEditorDecorations::errorSquiggleAnnotatesTheErrorLine()
{
    CodeEditor editor;
    editor.setText(QStringLiteral("let a = 1;\nlet b = ;\nlet c = 3;\n"));
    PatchReport report;
    report.status = PatchStatus::CompileError;
    report.message = QStringLiteral("Uncaught SyntaxError: Unexpected token ';'");
    report.errorLine = 2;
    report.errorColumn = 9;
    editor.showPatch(report);
    QCOMPARE(editor.errorSquiggle()->annotatedLine(), 2);
    QVERIFY(editor.annotation(1).contains(QStringLiteral("SyntaxError: Unexpected token ';'")));
    QVERIFY(editor.annotation(0).isEmpty());
    const long position = editor.positionFromLineIndex(1, 8);
    QVERIFY(editor.SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT, editor.errorSquiggle()->indicator(), position)
        != 0);

    PatchReport blocked;
    blocked.status = PatchStatus::Blocked;
    blocked.message = QStringLiteral("a generator on the stack");
    editor.showPatch(blocked);
    QVERIFY(editor.annotation(0).contains(QStringLiteral("Blocked")));
    QVERIFY(editor.annotation(1).isEmpty());

    PatchReport applied;
    applied.status = PatchStatus::Applied;
    editor.showPatch(applied);
    QCOMPARE(editor.errorSquiggle()->annotatedLine(), 0);
    QVERIFY(editor.annotation(0).isEmpty());
}

QTEST_MAIN(TestEditorDecorations)
#include "tst_editordecorations.moc"
