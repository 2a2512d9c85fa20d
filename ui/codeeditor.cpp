// SPDX-License-Identifier: MIT
#include "codeeditor.h"

#include "errorsquiggle.h"
#include "patchmarkers.h"

#include "qscintilla.h"

#include <QFontDatabase>

namespace graft {

namespace {
constexpr int kPresenterZoom = 5;

QsciLexerJavaScript *createLexer(QObject *parent)
{
    auto *lexer = new QsciLexerJavaScript(parent);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSize(qMax(font.pointSize(), 10));
    lexer->setDefaultFont(font);
    lexer->setFont(font, -1);
    lexer->setDefaultPaper(Qt::white);
    lexer->setPaper(Qt::white, -1);
    lexer->setFoldCompact(false);
    // A calm light theme: keywords and strings stand out, comments recede.
    const struct { int style; QColor color; } colors[] = {
        {QsciLexerJavaScript::Default, QColor(0x24, 0x29, 0x2e)},
        {QsciLexerJavaScript::Identifier, QColor(0x24, 0x29, 0x2e)},
        {QsciLexerJavaScript::Operator, QColor(0x24, 0x29, 0x2e)},
        {QsciLexerJavaScript::Comment, QColor(0x6a, 0x73, 0x7d)},
        {QsciLexerJavaScript::CommentLine, QColor(0x6a, 0x73, 0x7d)},
        {QsciLexerJavaScript::CommentDoc, QColor(0x6a, 0x73, 0x7d)},
        {QsciLexerJavaScript::CommentLineDoc, QColor(0x6a, 0x73, 0x7d)},
        {QsciLexerJavaScript::Number, QColor(0x00, 0x5c, 0xc5)},
        {QsciLexerJavaScript::Keyword, QColor(0xd7, 0x3a, 0x49)},
        {QsciLexerJavaScript::KeywordSet2, QColor(0x6f, 0x42, 0xc1)},
        {QsciLexerJavaScript::DoubleQuotedString, QColor(0x03, 0x2f, 0x62)},
        {QsciLexerJavaScript::SingleQuotedString, QColor(0x03, 0x2f, 0x62)},
        {QsciLexerJavaScript::RawString, QColor(0x03, 0x2f, 0x62)},
        {QsciLexerJavaScript::UnclosedString, QColor(0xb3, 0x1d, 0x28)},
        {QsciLexerJavaScript::Regex, QColor(0x22, 0x86, 0x3a)},
    };
    for (const auto &entry : colors)
        lexer->setColor(entry.color, entry.style);
    QFont italic = font;
    italic.setItalic(true);
    for (int style : {QsciLexerJavaScript::Comment, QsciLexerJavaScript::CommentLine, QsciLexerJavaScript::CommentDoc})
        lexer->setFont(italic, style);
    QFont bold = font;
    bold.setBold(true);
    lexer->setFont(bold, QsciLexerJavaScript::Keyword);
    return lexer;
}
} // namespace

CodeEditor::CodeEditor(QWidget *parent)
    : QsciScintilla(parent)
{
    setUtf8(true);
    setLexer(createLexer(this));
    setEolMode(EolUnix);

    setMarginType(LineNumberMargin, NumberMargin);
    setMarginLineNumbers(LineNumberMargin, true);
    setMarginsForegroundColor(QColor(0x9a, 0xa0, 0xa6));
    setMarginsBackgroundColor(QColor(0xf6, 0xf8, 0xfa));
    setMarginType(MarkerMargin, SymbolMargin);
    setMarginWidth(MarkerMargin, 14);
    setMarginMarkerMask(LineNumberMargin, 0);
    setMarginMarkerMask(MarkerMargin, PatchMarkers::markerMask());
    setFolding(BoxedTreeFoldStyle, FoldMargin);
    setFoldMarginColors(QColor(0xf6, 0xf8, 0xfa), QColor(0xf6, 0xf8, 0xfa));

    setCaretLineVisible(true);
    setCaretLineBackgroundColor(QColor(0xf1, 0xf8, 0xff));
    setBraceMatching(SloppyBraceMatch);
    setMatchedBraceBackgroundColor(QColor(0xdb, 0xed, 0xff));
    setIndentationsUseTabs(false);
    setTabWidth(4);
    setIndentationWidth(0); // follow the tab width
    setAutoIndent(true);
    setIndentationGuides(true);
    setScrollWidth(1);
    setScrollWidthTracking(true);
    setSelectionBackgroundColor(QColor(0xc8, 0xe1, 0xff));

    // The workbench's Undo/Redo actions own these keys (see the class comment).
    QsciCommandSet *commands = standardCommands();
    for (QsciCommand::Command command : {QsciCommand::Undo, QsciCommand::Redo}) {
        if (QsciCommand *bound = commands->find(command)) {
            bound->setKey(0);
            bound->setAlternateKey(0);
        }
    }

    m_patchMarkers = new PatchMarkers(this);
    m_errorSquiggle = new ErrorSquiggle(this);

    connect(this, &QsciScintilla::linesChanged, this, &CodeEditor::updateLineNumberWidth);
    updateLineNumberWidth();
}

void CodeEditor::updateLineNumberWidth()
{
    const int digits = qMax(3, static_cast<int>(QString::number(lines()).size()));
    if (digits == m_lineDigits)
        return;
    m_lineDigits = digits;
    setMarginWidth(LineNumberMargin, QStringLiteral("0").repeated(digits + 1));
}

void CodeEditor::showPatch(const PatchReport &report)
{
    m_patchMarkers->show(report);
    m_errorSquiggle->show(report);
}

void CodeEditor::goToLine(int line, int column)
{
    const int target = qBound(0, line - 1, qMax(0, lines() - 1));
    setCursorPosition(target, qMax(0, column - 1));
    const int first = firstVisibleLine();
    const int visible = static_cast<int>(SendScintilla(SCI_LINESONSCREEN));
    if (target < first || target >= first + visible)
        setFirstVisibleLine(qMax(0, target - visible / 3));
    setFocus();
}

void CodeEditor::replaceTextKeepingView(const QString &text)
{
    int line = 0;
    int index = 0;
    getCursorPosition(&line, &index);
    const int first = firstVisibleLine();
    // SCI_SETTEXT would drop the undo history; a select-all replace keeps it undoable.
    beginUndoAction();
    selectAll();
    replaceSelectedText(text);
    endUndoAction();
    setCursorPosition(qMin(line, lines() - 1), index);
    setFirstVisibleLine(first);
}

void CodeEditor::setPresenterMode(bool on)
{
    zoomTo(on ? kPresenterZoom : 0);
    m_lineDigits = 0; // the margin's width depends on the zoom
    updateLineNumberWidth();
}

} // namespace graft
