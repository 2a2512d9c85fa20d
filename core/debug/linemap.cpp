// SPDX-License-Identifier: MIT
#include "debug/linemap.h"

#include <QStringList>

#include <vector>

namespace graft {

namespace {
// Above this many cells the middle of the diff is not aligned line by line (a
// 2,000-line rewrite): the line goes to the start of the replacement.
constexpr qsizetype kMaxCells = 4'000'000;
} // namespace

int translateLine(const QString &oldText, const QString &newText, int line)
{
    const QStringList a = oldText.split(QLatin1Char('\n'));
    const QStringList b = newText.split(QLatin1Char('\n'));
    const qsizetype index = line - 1;
    if (index < 0 || index >= a.size())
        return line;
    // The common head and tail are the lines the edit did not touch.
    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a.at(head) == b.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a.at(a.size() - 1 - tail) == b.at(b.size() - 1 - tail))
        ++tail;
    if (index < head)
        return line;
    if (index >= a.size() - tail)
        return static_cast<int>(index + (b.size() - a.size()) + 1);

    // Inside the edited middle: align it by its longest common subsequence.
    const qsizetype n = a.size() - tail - head;
    const qsizetype m = b.size() - tail - head;
    if (n * m > kMaxCells || m == 0)
        return static_cast<int>(qMin(head, b.size() - 1) + 1);
    // lcs[i][j]: the common subsequence of a[head+i..] and b[head+j..].
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[i][j] = a.at(head + i) == b.at(head + j) ? lcs[i + 1][j + 1] + 1 : qMax(lcs[i + 1][j], lcs[i][j + 1]);
    }
    qsizetype i = 0;
    qsizetype j = 0;
    const qsizetype wanted = index - head;
    while (i < n && j < m) {
        if (a.at(head + i) == b.at(head + j)) {
            if (i == wanted)
                return static_cast<int>(head + j + 1);
            ++i;
            ++j;
        } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
            if (i == wanted) // removed or replaced: where its replacement begins
                return static_cast<int>(head + j + 1);
            ++i;
        } else {
            ++j;
        }
    }
    return static_cast<int>(head + qMin(j, m - 1) + 1);
}

} // namespace graft
