// SPDX-License-Identifier: MIT
#pragma once

// QScintilla's headers say `signals:` and `slots:`, which QT_NO_KEYWORDS (on for
// the whole project) removes. Every file includes QScintilla through this header,
// which lends the two words for the duration of the includes only.
#if defined(QT_NO_KEYWORDS) && !defined(signals)
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define GRAFT_QSCI_LENT_KEYWORDS
#endif

#include <Qsci/qscicommand.h>
#include <Qsci/qscicommandset.h>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qsciscintilla.h>
#include <Qsci/qscistyle.h>

#if defined(GRAFT_QSCI_LENT_KEYWORDS)
#undef signals
#undef slots
#undef GRAFT_QSCI_LENT_KEYWORDS
#endif
