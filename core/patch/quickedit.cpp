// SPDX-License-Identifier: MIT
#include "patch/quickedit.h"

#include <QRegularExpression>

#include <algorithm>

namespace graft {

namespace {

// Characters that would end or reshape the token if an edit added or removed them.
bool touchesStringSyntax(QStringView text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) {
        return c == u'\'' || c == u'"' || c == u'\\' || c == u'\n' || c == u'\r' || c == QChar(0x2028)
            || c == QChar(0x2029);
    });
}

bool touchesTemplateSyntax(QStringView text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) {
        return c == u'`' || c == u'$' || c == u'\\' || c == u'{' || c == u'}' || c == u'\n' || c == u'\r';
    });
}

} // namespace

QuickEditTokens::QuickEditTokens(QString source, const QJsonArray &flat)
    : m_source(std::move(source))
{
    for (qsizetype i = 0; i + 2 < flat.size(); i += 3) {
        const int kind = flat.at(i + 2).toInt(-1);
        if (kind < 0 || kind > 2)
            continue;
        m_tokens.append({ flat.at(i).toInt(), flat.at(i + 1).toInt(), static_cast<Kind>(kind) });
    }
    std::sort(m_tokens.begin(), m_tokens.end(), [](const Token &a, const Token &b) { return a.start < b.start; });
}

bool QuickEditTokens::allowsEdit(const QString &oldSource, const QString &newSource) const
{
    if (m_tokens.isEmpty() || oldSource != m_source || oldSource == newSource)
        return false;
    // The one changed region: what is left between the common prefix and suffix.
    const int oldLength = int(oldSource.size()), newLength = int(newSource.size());
    int prefix = 0;
    while (prefix < oldLength && prefix < newLength && oldSource.at(prefix) == newSource.at(prefix))
        ++prefix;
    int suffix = 0;
    while (suffix < oldLength - prefix && suffix < newLength - prefix
        && oldSource.at(oldLength - 1 - suffix) == newSource.at(newLength - 1 - suffix))
        ++suffix;
    const int oldTo = oldLength - suffix;
    // The last token starting at or before the region.
    const auto after = std::upper_bound(
        m_tokens.cbegin(), m_tokens.cend(), prefix, [](int at, const Token &t) { return at < t.start; });
    if (after == m_tokens.cbegin())
        return false;
    const Token &token = *(after - 1);
    if (oldTo > token.end)
        return false;
    return keepsToken(token, oldSource, prefix, oldTo, newSource.mid(prefix, newLength - suffix - prefix));
}

bool QuickEditTokens::keepsToken(
    const Token &token, const QString &oldSource, int from, int oldTo, const QString &added) const
{
    const QStringView removed = QStringView(oldSource).mid(from, oldTo - from);
    switch (token.kind) {
    case Kind::String:
        // Strictly between the quotes.
        return from > token.start && oldTo < token.end && !touchesStringSyntax(removed) && !touchesStringSyntax(added);
    case Kind::Template:
        return !touchesTemplateSyntax(removed) && !touchesTemplateSyntax(added);
    case Kind::Number: {
        // A plain decimal stays a plain decimal (no 0x, exponents, separators, bigint).
        static const QRegularExpression oldNumber(QStringLiteral("^[0-9]+(\\.[0-9]+)?$"));
        static const QRegularExpression newNumber(QStringLiteral("^(0|[1-9][0-9]*)(\\.[0-9]+)?$"));
        const QString before = oldSource.mid(token.start, token.end - token.start);
        const QString edited
            = oldSource.mid(token.start, from - token.start) + added + oldSource.mid(oldTo, token.end - oldTo);
        return oldNumber.match(before).hasMatch() && newNumber.match(edited).hasMatch();
    }
    }
    return false;
}

} // namespace graft
