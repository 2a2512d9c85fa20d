// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QsciScintilla;
class QToolButton;

namespace graft {

// The small find/replace bar under the editor tabs (Ctrl+F, Ctrl+H). It acts on
// whichever editor it is given; Escape closes it and returns focus there.
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(QWidget *parent = nullptr);

    void setEditor(QsciScintilla *editor);
    void showFind(const QString &initial);
    void showReplace(const QString &initial);

    bool findNext();
    bool findPrevious();
    void replaceOne();
    int replaceAll();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    bool find(bool forward, bool fromSelectionStart);
    void setFound(bool found);
    void closeBar();

    QPointer<QsciScintilla> m_editor;
    QLineEdit *m_findEdit;
    QLineEdit *m_replaceEdit;
    QCheckBox *m_caseSensitive;
    QCheckBox *m_wholeWord;
    QCheckBox *m_regex;
    QPushButton *m_replaceButton;
    QPushButton *m_replaceAllButton;
    QLabel *m_status;
    QWidget *m_replaceRow;
    bool m_found = true;
};

} // namespace graft
