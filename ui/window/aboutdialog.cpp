// SPDX-License-Identifier: MIT
#include "window/aboutdialog.h"

#include "editor/qscintilla.h"
#include "runtime/runtimeprocess.h"
#include "session/livesession.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QProcess>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace graft {

namespace {
QLabel *selectableLabel(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

AboutDialog::AboutDialog(LiveSession *session, QWidget *parent)
    : QDialog(parent)
    , m_node(selectableLabel(tr("asking graft-runtime…"), QStringLiteral("aboutNodeVersion"), this))
    , m_v8(selectableLabel(tr("asking graft-runtime…"), QStringLiteral("aboutV8Version"), this))
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Graft"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/graft/graft.svg")).pixmap(64, 64));
    auto *intro = new QLabel(tr("<h2>Graft %1</h2><p>Edit a running Node.js program: every save is applied live "
                                "with V8's LiveEdit, and the program keeps its state.</p>")
                                 .arg(QCoreApplication::applicationVersion()),
        this);
    intro->setObjectName(QStringLiteral("aboutIntro"));
    intro->setWordWrap(true);

    // The Qt the app runs with can be newer than the one it was built with; show both if so.
    QString qt = QString::fromLatin1(qVersion());
    if (qt != QLatin1String(QT_VERSION_STR))
        qt = tr("%1 (built with %2)").arg(qt, QLatin1String(QT_VERSION_STR));
    auto *versions = new QFormLayout;
    versions->addRow(tr("Qt:"), selectableLabel(qt, QStringLiteral("aboutQtVersion"), this));
    versions->addRow(tr("QScintilla:"),
        selectableLabel(QStringLiteral(QSCINTILLA_VERSION_STR), QStringLiteral("aboutQScintillaVersion"), this));
    versions->addRow(tr("Node:"), m_node);
    versions->addRow(tr("V8:"), m_v8);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(intro, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(versions);
    layout->addWidget(buttons);

    if (!session->nodeVersion().isEmpty())
        showRuntimeVersions(session->nodeVersion(), session->v8Version());
    else
        askRuntime(session->launch().runtimeExecutable());
}

QString AboutDialog::nodeVersion() const { return m_node->text(); }

QString AboutDialog::v8Version() const { return m_v8->text(); }

void AboutDialog::askRuntime(const QString &runtimePath)
{
    m_probe = new QProcess(this);
    m_probe->setProgram(runtimePath);
    m_probe->setArguments({ QStringLiteral("--version") });
    connect(m_probe, &QProcess::finished, this, [this] {
        // "Node v18.19.0" and "V8 10.2.154.26-node.28", one per line.
        const QString text = QString::fromUtf8(m_probe->readAllStandardOutput());
        const auto versionOf = [&text](const QString &name) {
            return QRegularExpression(QStringLiteral("^%1 (\\S+)$").arg(name), QRegularExpression::MultilineOption)
                .match(text)
                .captured(1);
        };
        const QString node = versionOf(QStringLiteral("Node"));
        const QString v8 = versionOf(QStringLiteral("V8"));
        if (node.isEmpty() || v8.isEmpty())
            showRuntimeVersions(tr("unknown: graft-runtime gave no versions"), tr("unknown"));
        else
            showRuntimeVersions(node, v8);
    });
    connect(m_probe, &QProcess::errorOccurred, this, [this, runtimePath](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            showRuntimeVersions(tr("unknown: cannot start %1").arg(runtimePath), tr("unknown"));
    });
    m_probe->start();
}

void AboutDialog::showRuntimeVersions(const QString &node, const QString &v8)
{
    m_node->setText(node);
    m_v8->setText(v8);
    Q_EMIT runtimeVersionsKnown();
}

} // namespace graft
