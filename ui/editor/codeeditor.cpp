// SPDX-License-Identifier: MIT
#include "editor/codeeditor.h"

#include "editor/breakpointmarkers.h"
#include "editor/errorsquiggle.h"
#include "editor/patchmarkers.h"
#include "editor/reinitializebuttons.h"
#include "window/theme.h"

#include "editor/qscintilla.h"

#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QMenu>
#include <QToolTip>

#include <memory>

namespace graft {

namespace {

QsciLexerJavaScript *createLexer(QObject *parent)
{
    auto *lexer = new QsciLexerJavaScript(parent);
    const QFont font = CodeEditor::codeFont();
    lexer->setDefaultFont(font);
    lexer->setFont(font, -1);
    lexer->setFoldCompact(false);
    QFont italic = font;
    italic.setItalic(true);
    for (int style :
        { QsciLexerJavaScript::Comment, QsciLexerJavaScript::CommentLine, QsciLexerJavaScript::CommentDoc })
        lexer->setFont(italic, style);
    QFont bold = font;
    bold.setBold(true);
    lexer->setFont(bold, QsciLexerJavaScript::Keyword);
    return lexer;
}

// Keywords and strings stand out, comments recede, in every theme.
void colorLexer(QsciLexer *lexer, const ThemeColors &theme, const QColor &paper)
{
    lexer->setDefaultPaper(paper);
    lexer->setPaper(paper, -1);
    lexer->setDefaultColor(theme.text);
    const struct
    {
        int style;
        QColor color;
    } colors[] = {
        { QsciLexerJavaScript::Default, theme.text },
        { QsciLexerJavaScript::Identifier, theme.text },
        { QsciLexerJavaScript::Operator, theme.text },
        { QsciLexerJavaScript::Comment, theme.comment },
        { QsciLexerJavaScript::CommentLine, theme.comment },
        { QsciLexerJavaScript::CommentDoc, theme.comment },
        { QsciLexerJavaScript::CommentLineDoc, theme.comment },
        { QsciLexerJavaScript::Number, theme.number },
        { QsciLexerJavaScript::Keyword, theme.keyword },
        { QsciLexerJavaScript::KeywordSet2, theme.keyword2 },
        { QsciLexerJavaScript::DoubleQuotedString, theme.string },
        { QsciLexerJavaScript::SingleQuotedString, theme.string },
        { QsciLexerJavaScript::RawString, theme.string },
        { QsciLexerJavaScript::UnclosedString, theme.unclosedString },
        { QsciLexerJavaScript::Regex, theme.regex },
    };
    for (const auto &entry : colors)
        lexer->setColor(entry.color, entry.style);
}
} // namespace

QFont CodeEditor::codeFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSize(qMax(font.pointSize(), 10));
    return font;
}

qreal CodeEditor::codePointSize(int zoom) { return codeFont().pointSizeF() + zoom; }

CodeEditor::CodeEditor(QWidget *parent)
    : QsciScintilla(parent)
{
    setUtf8(true);
    setLexer(createLexer(this));
    setEolMode(EolUnix);

    setMarginType(LineNumberMargin, NumberMargin);
    setMarginLineNumbers(LineNumberMargin, true);
    setMarginType(MarkerMargin, SymbolMargin);
    setMarginWidth(MarkerMargin, 14);
    setMarginMarkerMask(LineNumberMargin, 0);
    setMarginMarkerMask(MarkerMargin, PatchMarkers::markerMask());
    setFolding(BoxedTreeFoldStyle, FoldMargin);

    setCaretLineVisible(true);
    setBraceMatching(SloppyBraceMatch);
    setIndentationsUseTabs(false);
    setTabWidth(4);
    setIndentationWidth(0); // follow the tab width
    setAutoIndent(true);
    setIndentationGuides(true);
    setScrollWidth(1);
    setScrollWidthTracking(true);

    // The workbench's Undo/Redo and zoom actions own these keys (see the class comment).
    QsciCommandSet *commands = standardCommands();
    for (QsciCommand::Command command :
        { QsciCommand::Undo, QsciCommand::Redo, QsciCommand::ZoomIn, QsciCommand::ZoomOut }) {
        if (QsciCommand *bound = commands->find(command)) {
            bound->setKey(0);
            bound->setAlternateKey(0);
        }
    }

    m_patchMarkers = new PatchMarkers(this);
    m_errorSquiggle = new ErrorSquiggle(this);
    m_breakpointMarkers = new BreakpointMarkers(this);
    m_reinitializeButtons = new ReinitializeButtons(this);
    setMarginMarkerMask(MarkerMargin, PatchMarkers::markerMask() | BreakpointMarkers::markerMask());
    applyThemeColors();

    connect(this, &QsciScintilla::linesChanged, this, &CodeEditor::updateLineNumberWidth);
    updateLineNumberWidth();

    SendScintilla(SCI_SETMOUSEDWELLTIME, 400);
    connect(this, &QsciScintillaBase::SCN_DWELLSTART, this, &CodeEditor::onDwell);
    connect(this, &QsciScintillaBase::SCN_DWELLEND, this, [] { QToolTip::hideText(); });
}

int CodeEditor::lineAtPoint(const QPoint &point) const
{
    const long position = SendScintilla(SCI_POSITIONFROMPOINT, static_cast<unsigned long>(point.x()), point.y());
    return static_cast<int>(SendScintilla(SCI_LINEFROMPOSITION, static_cast<unsigned long>(position))) + 1;
}

QString CodeEditor::marginNotesAt(int line) const
{
    return (m_patchMarkers->notesAt(line) + m_breakpointMarkers->notesAt(line)).join(QLatin1Char('\n'));
}

void CodeEditor::onDwell(int position, int x, int y)
{
    int textLeft = 0;
    for (int margin = 0; margin < margins(); ++margin)
        textLeft += marginWidth(margin);
    const QPoint globalPos = viewport()->mapToGlobal(QPoint(x, y));
    if (x < textLeft) {
        // The margins explain their markers; the line numbers and folding have nothing to say.
        if (const QString notes = marginNotesAt(lineAtPoint(QPoint(x, y))); !notes.isEmpty())
            QToolTip::showText(globalPos, notes, viewport());
        return;
    }
    if (position >= 0)
        Q_EMIT valueHoverRequested(position, globalPos);
}

void CodeEditor::contextMenuEvent(QContextMenuEvent *event)
{
    // QScintilla's own menu (undo, cut, copy, paste…), then what the workbench adds for the line.
    std::unique_ptr<QMenu> menu(createStandardContextMenu());
    if (!menu)
        return;
    const QPoint inViewport = event->pos(); // a scroll area gets its viewport's events in viewport coordinates
    Q_EMIT contextMenuAboutToShow(menu.get(),
        event->reason() == QContextMenuEvent::Mouse
            ? lineAtPoint(inViewport)
            : static_cast<int>(SendScintilla(SCI_LINEFROMPOSITION, SendScintilla(SCI_GETCURRENTPOS))) + 1);
    menu->exec(event->globalPos());
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
    m_patchMarkers->restoreAnnotations(); // the squiggle clears every annotation
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

void CodeEditor::setSharedZoom(int zoom)
{
    if (zoom != zoomLevel())
        zoomTo(zoom);
    m_lineDigits = 0; // the margin's width depends on the zoom
    updateLineNumberWidth();
}

int CodeEditor::zoomLevel() const { return static_cast<int>(SendScintilla(SCI_GETZOOM)); }

void CodeEditor::setLiveSourceLook(bool on)
{
    m_liveSourceLook = on;
    applyThemeColors();
}

void CodeEditor::setWrapLongLines(bool on)
{
    setWrapMode(on ? WrapWord : WrapNone);
    setWrapVisualFlags(on ? WrapFlagByText : WrapFlagNone);
    setWrapIndentMode(WrapIndentIndented);
}

void CodeEditor::applyThemeColors()
{
    const ThemeColors &theme = currentTheme();
    const QColor paper = m_liveSourceLook ? theme.liveSourcePaper : theme.paper;
    colorLexer(lexer(), theme, paper);
    setPaper(paper);
    setColor(theme.text);
    setMarginsForegroundColor(theme.marginText);
    setMarginsBackgroundColor(theme.marginPaper);
    setFoldMarginColors(theme.marginPaper, theme.marginPaper);
    setCaretLineBackgroundColor(theme.caretLine);
    setCaretForegroundColor(theme.caret);
    setMatchedBraceBackgroundColor(theme.braceMatch);
    setMatchedBraceForegroundColor(theme.text);
    setSelectionBackgroundColor(theme.selection);
    setSelectionForegroundColor(theme.text);
    setIndentationGuidesForegroundColor(theme.marginText);
    setIndentationGuidesBackgroundColor(paper);
    m_patchMarkers->applyThemeColors();
    m_breakpointMarkers->applyThemeColors();
}

} // namespace graft
