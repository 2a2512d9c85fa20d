// SPDX-License-Identifier: MIT
#pragma once

// Whether a save may go to V8 before its analysis answers, decided in the app:
// the save only rewrites the inside of one string, number or template token of
// the running source, inside a function V8 has compiled. Such an edit changes no
// function, scope, context layout or SharedFunctionInfo, so it needs neither
// the analysis's steps nor its refusal (docs/ANALYSIS.md); V8 starts on it at
// once and the analysis runs beside it. The tokens come from the analysis of the
// save that made the running source (its `quickTokens`).

#include <QJsonArray>
#include <QList>
#include <QString>

namespace graft {

class QuickEditTokens
{
public:
    QuickEditTokens() = default;
    // `source`: the text the tokens were found in; `flat`: [start, end, kind] per
    // token, kind 0 string, 1 number, 2 template (UTF-16 offsets).
    QuickEditTokens(QString source, const QJsonArray &flat);

    // True only when `newSource` differs from the tokens' source inside one token,
    // which stays a token of its kind.
    bool allowsEdit(const QString &oldSource, const QString &newSource) const;

private:
    enum class Kind { String, Number, Template };
    struct Token
    {
        int start;
        int end;
        Kind kind;
    };
    bool keepsToken(const Token &token, const QString &oldSource, int from, int oldTo, const QString &added) const;

    QString m_source;
    QList<Token> m_tokens; // by start
};

} // namespace graft
