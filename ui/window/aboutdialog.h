// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QLabel;
class QProcess;

namespace graft {

class LiveSession;

// Help ▸ About Graft: what Graft is and the versions it runs on (Qt, QScintilla,
// and the Node and V8 inside graft-runtime). Node and V8 come from the running
// program when there is one; otherwise graft-runtime is asked (--version), so
// the answer is the engine that will run the next program, not a build-time guess.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(LiveSession *session, QWidget *parent = nullptr);

    QString nodeVersion() const;
    QString v8Version() const;

Q_SIGNALS:
    // Node and V8 are known (or asking the runtime failed).
    void runtimeVersionsKnown();

private:
    void askRuntime(const QString &runtimePath);
    void showRuntimeVersions(const QString &node, const QString &v8);

    QLabel *m_node;
    QLabel *m_v8;
    QProcess *m_probe = nullptr;
};

} // namespace graft
