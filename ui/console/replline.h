// SPDX-License-Identifier: MIT
#pragma once

#include <QLineEdit>
#include <QStringList>

namespace graft {

// The REPL's input: Enter submits, Up/Down walk through earlier inputs (the line
// being typed is kept and comes back below the newest entry).
class ReplLine : public QLineEdit
{
    Q_OBJECT
public:
    explicit ReplLine(QWidget *parent = nullptr);

    QStringList history() const { return m_history; }
    void setMaxHistory(int entries) { m_maxHistory = qMax(1, entries); }

Q_SIGNALS:
    void submitted(const QString &expression);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void submit();
    void step(int delta);

    QStringList m_history;
    qsizetype m_position = 0; // == m_history.size() while editing a new line
    QString m_draft;
    int m_maxHistory = 200;
};

} // namespace graft
