// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QTimer>

namespace graft {

struct ExceptionInfo;

// The Runtime dock's console: program output, exceptions with their frames, REPL
// lines. A program may write far faster than anyone can read, so appends are only
// queued and become rows on a short timer, and the model keeps a bounded tail:
// at most maxLines() rows and about maxChars() characters. Invariant: every row is
// a complete line except possibly the last, which stays open for more text of the
// same stream. An uncaught exception identical to one still shown (same message
// and stack: a timer that throws every second) is counted on that one, "(×N)",
// instead of flooding the console with copies.
class OutputModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Kind { Stdout, Stderr, Exception, Frame, Input, Result, Error, Info };
    Q_ENUM(Kind)
    enum Role { KindRole = Qt::UserRole + 1, FileRole, LineRole, ColumnRole };

    explicit OutputModel(QObject *parent = nullptr);

    // stream: "stdout" or "stderr"; text may hold any number of lines, or part of one.
    void appendOutput(const QString &stream, const QString &text);
    void appendLine(Kind kind, const QString &text);
    void appendException(const ExceptionInfo &exception);
    void clear();
    // Turns queued text into rows now (the timer does this on its own).
    void flush();

    void setMaxLines(int lines);
    int maxLines() const { return m_maxLines; }
    void setMaxChars(qsizetype chars) { m_maxChars = chars; }
    qsizetype maxChars() const { return m_maxChars; }
    qsizetype skippedChars() const { return m_skippedChars; }

    // Every row's text, one per line, queued text included (what a reader sees next).
    QString text() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Line
    {
        Line() = default;
        Line(Kind kind, QString text, QString file = {}, int line = 0, int column = 0)
            : kind(kind), text(std::move(text)), file(std::move(file)), line(line), column(column)
        {
        }
        Kind kind = Kind::Stdout;
        QString text;
        QString file;
        int line = 0;
        int column = 0;
        QString group; // an exception's header: its message and stack
        int count = 1;
    };
    struct Pending
    {
        Line line;
        bool raw = false; // stream text to split into lines, not a line of its own
    };
    void enqueue(Pending pending);
    void addText(QList<Line> &added, Kind kind, const QString &text, bool &lastOpen);

    QList<Line> m_lines;
    QList<Pending> m_pending;
    qsizetype m_pendingChars = 0;
    qsizetype m_totalChars = 0;
    qsizetype m_skippedChars = 0;
    qsizetype m_skippedNotReported = 0;
    bool m_lastOpen = false; // the last row has no newline yet
    int m_maxLines = 5000;
    qsizetype m_maxChars = 2 * 1024 * 1024;
    QTimer m_flushTimer;
};

} // namespace graft
