// SPDX-License-Identifier: MIT
#pragma once

#include <QDockWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace graft {

class ClosuresModel;

// Right, beside Changes: the scopes and captured variables of one live function
// with their live values, beside what the new source says; stale top-level
// bindings stand out and can be re-initialized. The pane only shows and asks:
// LivePanels decides which function it shows and talks to the session.
class ClosuresDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ClosuresDock(QWidget *parent = nullptr);

    ClosuresModel *closuresModel() const { return m_model; }
    QTreeView *view() const { return m_view; }

    // The function shown (1-based line) in `filePath`; an empty name: none.
    void setFunction(const QString &filePath, const QString &name, int line);
    // A line under the tree: what is going on, or (`error`) what went wrong.
    void showMessage(const QString &text, bool error = false);
    QString message() const;
    // Makes the variable `name` current, if the tree has it.
    bool selectVariable(const QString &name);
    // The stale binding that is current in the tree, or empty.
    QString selectedStaleBinding() const;
    // The lines of text the pane shows now (the tree's visible rows, its title,
    // message and buttons): how much height its content asks for, in rows.
    int contentRows() const;

Q_SIGNALS:
    void reinitializeRequested(const QString &binding);
    void refreshRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateButtons();

    ClosuresModel *m_model;
    QTreeView *m_view;
    QLabel *m_functionLabel;
    QLabel *m_message;
    QPushButton *m_reinitButton;
    QPushButton *m_refreshButton;
    struct
    {
        QString file;
        QString name;
        int line = 0;
    } m_function; // shown in the title, painted again in the next theme
    bool m_messageIsError = false;
    QString m_selectedName; // kept across a refresh, which resets the model
};

} // namespace graft
