// SPDX-License-Identifier: MIT
#include "panes/outputmodel.h"

#include "cdp/cdptypes.h"
#include "window/theme.h"

#include <QColor>
#include <QFileInfo>
#include <QFont>

namespace graft {

namespace {
// Often enough to feel live, rarely enough that a flood costs one model update per tick.
constexpr int kFlushIntervalMs = 50;
// Longer lines are cut: nobody reads them in a console, and they would cost memory.
constexpr qsizetype kMaxLineChars = 4000;
// Queued text beyond this is older than anything a flush could keep anyway.
constexpr qsizetype kMaxPendingChars = 1024 * 1024;

void appendCapped(QString &line, QStringView piece)
{
    if (line.size() > kMaxLineChars)
        return; // already cut
    const qsizetype room = kMaxLineChars - line.size();
    if (piece.size() <= room) {
        line += piece;
    } else {
        line += piece.left(room);
        line += QChar(0x2026); // the cut shows: "…"
    }
}
} // namespace

OutputModel::OutputModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &OutputModel::flush);
}

void OutputModel::appendOutput(const QString &stream, const QString &text)
{
    if (text.isEmpty())
        return;
    const Kind kind = stream == QLatin1String("stderr") ? Kind::Stderr : Kind::Stdout;
    enqueue(Pending {Line {kind, text}, true});
}

void OutputModel::appendLine(Kind kind, const QString &text)
{
    enqueue(Pending {Line {kind, text}, false});
}

void OutputModel::appendException(const ExceptionInfo &exception)
{
    const QString message = exception.message.isEmpty() ? exception.stack.section(QLatin1Char('\n'), 0, 0)
                                                        : exception.message;
    const QString header = QStringLiteral("Uncaught %1").arg(message);
    const QString group = message + QLatin1Char('\n') + exception.stack;
    flush();
    for (qsizetype row = m_lines.size() - 1; row >= 0; --row) {
        Line &seen = m_lines[row];
        if (seen.kind != Kind::Exception || seen.group != group)
            continue;
        seen.count++;
        const qsizetype before = seen.text.size();
        seen.text = QStringLiteral("%1  (×%2)").arg(header).arg(seen.count);
        m_totalChars += seen.text.size() - before;
        const QModelIndex at = index(static_cast<int>(row), 0);
        Q_EMIT dataChanged(at, at);
        return;
    }
    Line first {Kind::Exception, header};
    first.group = group;
    enqueue(Pending {first, false});
    for (const StackFrame &frame : exception.frames) {
        const QString function = frame.functionName.isEmpty() ? QStringLiteral("<anonymous>") : frame.functionName;
        const QString where = frame.filePath.isEmpty() ? frame.url : QFileInfo(frame.filePath).fileName();
        Line line {Kind::Frame,
                   QStringLiteral("    at %1 (%2:%3:%4)").arg(function, where).arg(frame.line).arg(frame.column),
                   frame.filePath, frame.line, frame.column};
        enqueue(Pending {line, false});
    }
}

void OutputModel::enqueue(Pending pending)
{
    m_pendingChars += pending.line.text.size();
    m_pending.append(std::move(pending));
    // A flood: drop the oldest queued text, keep the newest (what the tail would show).
    while (m_pendingChars > kMaxPendingChars && m_pending.size() > 1) {
        const qsizetype size = m_pending.first().line.text.size();
        m_pendingChars -= size;
        m_skippedChars += size;
        m_skippedNotReported += size;
        m_pending.removeFirst();
    }
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void OutputModel::clear()
{
    beginResetModel();
    m_lines.clear();
    m_pending.clear();
    m_pendingChars = 0;
    m_totalChars = 0;
    m_skippedNotReported = 0;
    m_lastOpen = false;
    endResetModel();
}

void OutputModel::setMaxLines(int lines)
{
    m_maxLines = qMax(1, lines);
    flush();
}

void OutputModel::addText(QList<Line> &added, Kind kind, const QString &text, bool &lastOpen)
{
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype newline = text.indexOf(QLatin1Char('\n'), start);
        const qsizetype end = newline < 0 ? text.size() : newline;
        QStringView piece = QStringView(text).mid(start, end - start);
        if (newline >= 0 && piece.endsWith(QLatin1Char('\r')))
            piece.chop(1);
        Line *open = nullptr;
        if (lastOpen) {
            Line &last = added.isEmpty() ? m_lines.last() : added.last();
            if (last.kind == kind)
                open = &last;
        }
        if (open) {
            const qsizetype before = open->text.size();
            appendCapped(open->text, piece);
            if (added.isEmpty()) {
                m_totalChars += open->text.size() - before;
                const QModelIndex row = index(static_cast<int>(m_lines.size()) - 1);
                Q_EMIT dataChanged(row, row, {Qt::DisplayRole, Qt::ToolTipRole});
            }
        } else {
            Line line {kind, {}};
            appendCapped(line.text, piece);
            added.append(std::move(line));
        }
        lastOpen = newline < 0;
        if (newline < 0)
            break;
        start = newline + 1;
    }
}

void OutputModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty() && m_skippedNotReported == 0)
        return;

    QList<Line> added;
    bool lastOpen = m_lastOpen;
    const bool skipped = m_skippedNotReported > 0;
    if (skipped) {
        // The note goes where the gap is: before what is left of the queue.
        added.append(Line {Kind::Info, tr("… %1 KB of output skipped: the program writes faster than it can be shown")
                                           .arg((m_skippedNotReported + 1023) / 1024)});
        m_skippedNotReported = 0;
        lastOpen = false;
    }
    const QList<Pending> pending = std::exchange(m_pending, {});
    m_pendingChars = 0;
    for (const Pending &item : pending) {
        if (item.raw) {
            addText(added, item.line.kind, item.line.text, lastOpen);
        } else {
            added.append(item.line);
            lastOpen = false;
        }
    }
    m_lastOpen = lastOpen;

    // Only the newest maxLines() lines survive: don't insert rows that would go at once.
    if (added.size() > m_maxLines) {
        const Line note = added.first();
        added.remove(0, added.size() - m_maxLines);
        if (skipped)
            added.first() = note; // the gap grew, and still deserves its note
    }
    qsizetype addedChars = 0;
    for (const Line &line : std::as_const(added))
        addedChars += line.text.size();

    qsizetype removeRows = qMax<qsizetype>(0, m_lines.size() + added.size() - m_maxLines);
    qsizetype removedChars = 0;
    for (qsizetype i = 0; i < removeRows; ++i)
        removedChars += m_lines.at(i).text.size();
    while (removeRows < m_lines.size() && m_totalChars - removedChars + addedChars > m_maxChars)
        removedChars += m_lines.at(removeRows++).text.size();
    while (added.size() > 1 && m_totalChars - removedChars + addedChars > m_maxChars) {
        addedChars -= added.first().text.size();
        added.removeFirst();
    }

    if (removeRows > 0) {
        if (removeRows == m_lines.size() && added.isEmpty())
            m_lastOpen = false;
        beginRemoveRows({}, 0, static_cast<int>(removeRows) - 1);
        m_lines.remove(0, removeRows);
        m_totalChars -= removedChars;
        endRemoveRows();
    }
    if (!added.isEmpty()) {
        const int first = static_cast<int>(m_lines.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        m_lines.append(added);
        m_totalChars += addedChars;
        endInsertRows();
    }
}

QString OutputModel::text() const
{
    QStringList lines;
    lines.reserve(m_lines.size());
    for (const Line &line : m_lines)
        lines.append(line.text);
    return lines.join(QLatin1Char('\n'));
}

int OutputModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

Qt::ItemFlags OutputModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant OutputModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line &line = m_lines.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return line.text;
    case Qt::ToolTipRole:
        if (line.kind == Kind::Frame && !line.file.isEmpty())
            return tr("Open %1 at line %2").arg(line.file).arg(line.line);
        return line.text.size() > 120 ? line.text : QVariant();
    case Qt::ForegroundRole:
        switch (line.kind) {
        case Kind::Stderr:
        case Kind::Error:
        case Kind::Exception: return currentTheme().error;
        case Kind::Frame: return line.file.isEmpty() ? currentTheme().muted : currentTheme().link;
        case Kind::Input:
        case Kind::Info: return currentTheme().muted;
        case Kind::Result: return currentTheme().success;
        case Kind::Stdout: return {};
        }
        return {};
    case Qt::FontRole: {
        // Only the set attributes override the view's (monospace) font.
        QFont font;
        if (line.kind == Kind::Exception)
            font.setBold(true);
        else if (line.kind == Kind::Frame && !line.file.isEmpty())
            font.setUnderline(true);
        else if (line.kind == Kind::Info)
            font.setItalic(true);
        else
            return {};
        return font;
    }
    case KindRole: return QVariant::fromValue(line.kind);
    case FileRole: return line.file.isEmpty() ? QVariant() : QVariant(line.file);
    case LineRole: return line.line;
    case ColumnRole: return line.column;
    default: return {};
    }
}

} // namespace graft
