// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

namespace graft {

// The workbench's colour schemes. Light and Dark are the everyday choice; High
// Contrast is what presenter mode uses, for a projector seen from the back row.
enum class ThemeId { Light, Dark, HighContrast };

// Every colour the workbench paints by hand, beside the widget palette. Models and
// the editor read the current theme when they paint, so a switch needs no rebuild.
struct ThemeColors
{
    QPalette palette; // for the Fusion style
    bool dark = false;

    // The editor
    QColor paper;
    QColor liveSourcePaper; // read-only buffers of code that has no file
    QColor text;
    QColor comment;
    QColor number;
    QColor keyword;
    QColor keyword2;
    QColor string;
    QColor regex;
    QColor unclosedString;
    QColor marginPaper;
    QColor marginText;
    QColor caretLine;
    QColor caret;
    QColor selection;
    QColor braceMatch;
    QColor patchedLine;      // background of lines a patch changed
    QColor notEffectiveLine; // ... and of those whose change does not run yet

    // Text that tells something besides the default colour
    QColor muted;   // hints, notes, info lines
    QColor error;   // stderr, exceptions, failures
    QColor success; // REPL results, "running", applied patches
    QColor warning; // partial patches
    QColor link;    // stack frames that open a file
};

ThemeId currentThemeId();
const ThemeColors &currentTheme();
const ThemeColors &themeColors(ThemeId id);
// Sets the application palette; widgets and views repaint with the new colours,
// and widgets that paint by hand hear QEvent::PaletteChange.
void applyTheme(ThemeId id);

// For settings: "light", "dark", "high-contrast"; an unknown name is Light.
QString themeName(ThemeId id);
ThemeId themeFromName(const QString &name);

} // namespace graft
