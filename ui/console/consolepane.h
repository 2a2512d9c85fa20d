// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QTreeView;

namespace graft {

class ConsoleModel;
class LiveSession;
class ReplLine;

// The console, apart from the program's output: input evaluates in the top-level
// scope of the active file when the program loaded it (else at global scope, and
// the label says why), answers show as expandable DevTools-style trees.
class ConsolePane : public QWidget
{
    Q_OBJECT
public:
    explicit ConsolePane(LiveSession *session, QWidget *parent = nullptr);

    ConsoleModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    ReplLine *input() const { return m_input; }
    // The active editor's file (empty: global scope).
    void setFile(const QString &filePath);
    // Where input is evaluated, in words ("… in app.js's top-level scope").
    QString scopeText() const;
    // While paused: input evaluates in frame `frame` of the paused stack (its
    // locals and closure) instead; -1 returns to the file's scope.
    void setFrame(int frame, const QString &frameName = {});
    int frame() const { return m_frame; }
    void setConsoleFont(const QFont &font);
    void setInputEnabled(bool on);

private:
    void evaluate(const QString &expression);
    void updateScope();

    LiveSession *m_session;
    ConsoleModel *m_model;
    QTreeView *m_view;
    ReplLine *m_input;
    QLabel *m_scope;
    QString m_file;
    int m_frame = -1;
    QString m_frameName;
    bool m_stickToBottom = true;
};

} // namespace graft
