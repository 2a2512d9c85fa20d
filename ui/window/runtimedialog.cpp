// SPDX-License-Identifier: MIT
#include "window/runtimedialog.h"

#include "runtime/nodelaunch.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace graft {

namespace {

// "v22.23.5 at /usr/bin/node", or why Graft cannot use it.
QString probeText(const QString &path, bool *usable)
{
    const NodeBinary node = probeNodeBinary(path);
    *usable = node.usable();
    if (!node.usable())
        return node.error;
    QString text = QObject::tr("Node %1").arg(node.version);
    if (node.major >= kLiveEditFlagMajor)
        text += QObject::tr(" (started with --inspector-live-edit, which this Node line needs for live patches)");
    return text;
}

} // namespace

RuntimeDialog::RuntimeDialog(const QString &folder, const RuntimeChoice &current, QWidget *parent)
    : QDialog(parent)
    , m_embedded(new QRadioButton(tr("Graft's &embedded runtime (Node 18, V8 10.2)"), this))
    , m_onPath(new QRadioButton(tr("The &node on PATH"), this))
    , m_binary(new QRadioButton(tr("This node &binary:"), this))
    , m_binaryPath(new QLineEdit(this))
    , m_pathDetail(new QLabel(this))
    , m_binaryDetail(new QLabel(this))
    , m_liveEdit(new QRadioButton(tr("&LiveEdit (default)"), this))
    , m_swap(new QRadioButton(tr("&Swap (Graft's own engine: the same few ms at any heap size)"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("runtimeDialog"));
    setWindowTitle(tr("Select Runtime"));
    auto *group = new QButtonGroup(this);
    for (QRadioButton *button : { m_embedded, m_onPath, m_binary })
        group->addButton(button);
    m_embedded->setObjectName(QStringLiteral("embeddedRuntime"));
    m_onPath->setObjectName(QStringLiteral("nodeOnPath"));
    m_binary->setObjectName(QStringLiteral("nodeBinary"));
    m_binaryPath->setObjectName(QStringLiteral("nodeBinaryPath"));
    m_binaryPath->setPlaceholderText(tr("path of a node executable"));
    m_binaryPath->setMinimumWidth(m_binaryPath->fontMetrics().averageCharWidth() * 56); // a whole path, not its tail
    for (QLabel *detail : { m_pathDetail, m_binaryDetail }) {
        detail->setWordWrap(true);
        detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_binaryDetail->setObjectName(QStringLiteral("nodeBinaryDetail"));
    // A group of their own: the runtime's buttons are one choice, these another.
    auto *engines = new QButtonGroup(this);
    engines->addButton(m_liveEdit);
    engines->addButton(m_swap);
    m_liveEdit->setObjectName(QStringLiteral("liveEditEngine"));
    m_swap->setObjectName(QStringLiteral("swapEngine"));
    m_liveEdit->setToolTip(tr("V8's LiveEdit (Debugger.setScriptSource) replaces the code of the changed functions; "
                              "every runtime has it"));
    // Every runtime Graft starts can have swap: on the embedded one, Graft's
    // agent runs in it as in a node of your own.
    m_swap->setToolTip(tr("Graft's agent gives each function a slot as its module loads, and a save replaces what "
                          "the slots hold; it patches the main thread (a Worker's copy of a file through LiveEdit)"));

    auto *browseButton = new QPushButton(tr("Br&owse…"), this);
    auto *binaryRow = new QHBoxLayout;
    binaryRow->addWidget(m_binaryPath, 1);
    binaryRow->addWidget(browseButton);

    auto *heading
        = new QLabel(tr("Programs in <b>%1</b> run on:").arg(QDir::toNativeSeparators(folder).toHtmlEscaped()), this);
    heading->setWordWrap(true);
    auto *engineHeading = new QLabel(tr("Saves are applied by:"), this);
    auto *note = new QLabel(tr("A node other than the embedded one runs your program unmodified, with Graft's agent "
                               "preloaded. The choices take effect at the program's next start."),
        this);
    note->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_embedded);
    layout->addWidget(m_onPath);
    layout->addWidget(m_pathDetail);
    layout->addWidget(m_binary);
    layout->addLayout(binaryRow);
    layout->addWidget(m_binaryDetail);
    layout->addWidget(engineHeading);
    layout->addWidget(m_liveEdit);
    layout->addWidget(m_swap);
    layout->addWidget(note);
    layout->addWidget(m_buttons);
    for (QLabel *detail : { m_pathDetail, m_binaryDetail })
        detail->setContentsMargins(24, 0, 0, 0);

    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("node"));
    bool usable = false;
    m_pathDetail->setText(onPath.isEmpty()
            ? tr("There is no node on PATH.")
            : QDir::toNativeSeparators(onPath) + QStringLiteral(": ") + probeText(onPath, &usable));
    m_onPath->setEnabled(usable);

    m_binaryPath->setText(current.binary);
    (current.kind == RuntimeChoice::Kind::Binary                        ? m_binary
            : current.kind == RuntimeChoice::Kind::NodeOnPath && usable ? m_onPath
                                                                        : m_embedded)
        ->setChecked(true);
    (current.engine == PatchEngineKind::Swap ? m_swap : m_liveEdit)->setChecked(true);

    connect(browseButton, &QPushButton::clicked, this, &RuntimeDialog::browse);
    connect(m_binaryPath, &QLineEdit::editingFinished, this, &RuntimeDialog::updateState);
    connect(m_binaryPath, &QLineEdit::textEdited, this, [this] { m_binary->setChecked(true); });
    connect(group, &QButtonGroup::buttonToggled, this, &RuntimeDialog::updateState);
    connect(engines, &QButtonGroup::buttonToggled, this, &RuntimeDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

RuntimeChoice RuntimeDialog::choice() const
{
    RuntimeChoice choice;
    if (m_onPath->isChecked()) {
        choice.kind = RuntimeChoice::Kind::NodeOnPath;
    } else if (m_binary->isChecked()) {
        choice.kind = RuntimeChoice::Kind::Binary;
        choice.binary = QDir::cleanPath(m_binaryPath->text().trimmed());
    }
    if (m_swap->isChecked())
        choice.engine = PatchEngineKind::Swap;
    return choice;
}

void RuntimeDialog::chooseBinary(const QString &path)
{
    m_binaryPath->setText(path);
    m_binary->setChecked(true);
    updateState();
}

void RuntimeDialog::browse()
{
    const QString start
        = m_binaryPath->text().isEmpty() ? QDir::homePath() : QFileInfo(m_binaryPath->text()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Node Executable"), start);
    if (!path.isEmpty())
        chooseBinary(path);
}

void RuntimeDialog::updateState()
{
    // Only a binary can be unusable here: the node on PATH was probed once, and
    // its button is off when Graft cannot use it.
    bool ok = true;
    const QString path = m_binaryPath->text().trimmed();
    if (path.isEmpty()) {
        m_binaryDetail->setText(tr("Type or browse for a node executable."));
        ok = !m_binary->isChecked();
    } else {
        bool usable = false;
        m_binaryDetail->setText(probeText(QDir::cleanPath(path), &usable));
        ok = usable || !m_binary->isChecked();
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace graft
