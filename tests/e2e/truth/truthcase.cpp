// SPDX-License-Identifier: MIT
#include "truthcase.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

FunctionSpec FunctionSpec::parse(const QString &text)
{
    FunctionSpec spec;
    const qsizetype at = text.lastIndexOf(QLatin1Char('@'));
    // `<anonymous@5>`-like names keep their '@'; only a trailing @NUMBER is a line.
    bool isLine = false;
    const int line = at >= 0 ? text.mid(at + 1).toInt(&isLine) : 0;
    if (isLine) {
        spec.name = text.left(at);
        spec.line = line;
    } else {
        spec.name = text;
    }
    return spec;
}

bool FunctionSpec::matches(const QString &entryName, int entryLine) const
{
    return (name.isEmpty() || name == entryName) && (line == 0 || line == entryLine);
}

QString FunctionSpec::toString() const { return line ? QStringLiteral("%1@%2").arg(name).arg(line) : name; }

namespace {

const QStringList kOutcomes { QStringLiteral("effective"), QStringLiteral("not-effective"), QStringLiteral("added"),
    QStringLiteral("added-effective"), QStringLiteral("removed"), QStringLiteral("unchanged"),
    QStringLiteral("blocked") };
const QStringList kStatuses { QStringLiteral("applied"), QStringLiteral("partial"), QStringLiteral("blocked"),
    QStringLiteral("compile-error"), QStringLiteral("unchanged"), QStringLiteral("error") };

bool parseExpectLine(const QString &text, TruthEdit *edit, QString *error)
{
    const QString line = text.section(QStringLiteral(" #"), 0, 0).trimmed(); // a trailing comment says why
    const QStringList words = line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return true;
    const QString &what = words.first();
    if (what == QLatin1String("status") && words.size() == 2) {
        // `partial|blocked`: V8 allows either honest answer (work around the edit, or refuse it).
        edit->statuses = words[1].split(QLatin1Char('|'));
        for (const QString &status : std::as_const(edit->statuses)) {
            if (!kStatuses.contains(status)) {
                *error = QStringLiteral("unknown status: ") + status;
                return false;
            }
        }
    } else if (what == QLatin1String("binding") && words.size() == 2) {
        edit->staleBindings << words[1];
    } else if (what == QLatin1String("wait") && words.size() == 2) {
        edit->waitMs = words[1].toInt();
    } else if (what == QLatin1String("fn") && words.size() == 3) {
        const QStringList outcomes = words[2].split(QLatin1Char('|'));
        for (const QString &outcome : outcomes) {
            if (!kOutcomes.contains(outcome)) {
                *error = QStringLiteral("unknown outcome: ") + outcome;
                return false;
            }
        }
        edit->functions.append({ FunctionSpec::parse(words[1]), outcomes });
    } else if (what == QLatin1String("probe") && words.size() == 6
        && (words[3] == QLatin1String("before") || words[3] == QLatin1String("after"))) {
        edit->probes.append({ words[1], FunctionSpec::parse(words[2]), words[3] == QLatin1String("before"), words[4],
            words[5].split(QLatin1Char('|')) });
    } else {
        *error = QStringLiteral("cannot read expectation line: ") + line;
        return false;
    }
    return true;
}

} // namespace

bool TruthCase::load(const QString &path, int nodeMajor, TruthCase *result, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read ") + path;
        return false;
    }
    TruthCase c;
    c.name = QFileInfo(path).completeBaseName();
    enum class Section { Header, Program, Edit, Expect, Skipped } section = Section::Header;
    // Per edit: the Node line of the expectation read so far (0: the plain one).
    QList<int> expectationFrom;
    const QRegularExpression conditional(QStringLiteral("^expect node >= (\\d+)$"));
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &raw : lines) {
        const QString line = QString::fromUtf8(raw);
        if (line.startsWith(QLatin1String("--- "))) {
            const QString head = line.mid(4).trimmed();
            const QRegularExpressionMatch fromNode = conditional.match(head);
            if (head.startsWith(QLatin1String("program."))) {
                c.fileName = head;
                section = Section::Program;
            } else if (head == QLatin1String("edit")) {
                c.edits.append(TruthEdit());
                expectationFrom.append(-1);
                section = Section::Edit;
            } else if ((head == QLatin1String("expect") || fromNode.hasMatch()) && !c.edits.isEmpty()) {
                const int from = fromNode.hasMatch() ? fromNode.captured(1).toInt() : 0;
                // The newest section that applies to this runtime wins.
                if (from <= nodeMajor && from > expectationFrom.last()) {
                    TruthEdit fresh;
                    fresh.source = c.edits.last().source;
                    c.edits.last() = fresh;
                    expectationFrom.last() = from;
                    section = Section::Expect;
                } else {
                    section = Section::Skipped;
                }
            } else {
                *error = QStringLiteral("unknown section: ") + line;
                return false;
            }
            continue;
        }
        switch (section) {
        case Section::Header:
            if (line.startsWith(QLatin1String("# title:")))
                c.title = line.mid(8).trimmed();
            break;
        case Section::Program:
            c.program += raw + '\n';
            break;
        case Section::Edit:
            c.edits.last().source += raw + '\n';
            break;
        case Section::Expect:
            if (!line.trimmed().isEmpty() && !line.trimmed().startsWith(QLatin1Char('#'))
                && !parseExpectLine(line.trimmed(), &c.edits.last(), error))
                return false;
            break;
        case Section::Skipped:
            break;
        }
    }
    if (c.fileName.isEmpty() || c.edits.isEmpty()) {
        *error = QStringLiteral("a case needs a program and at least one edit");
        return false;
    }
    for (const TruthEdit &edit : c.edits) {
        if (edit.statuses.isEmpty()) {
            *error = QStringLiteral("every edit needs a status line");
            return false;
        }
    }
    *result = c;
    return true;
}
