// SPDX-License-Identifier: MIT
#include "console/consolepane.h"

#include "debug/debugger.h"

#include "console/consolemodel.h"
#include "inspect/valuepreview.h"
#include "console/replline.h"
#include "session/livesession.h"
#include "session/scriptregistry.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace graft {

ConsolePane::ConsolePane(LiveSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new ConsoleModel(this))
    , m_view(new QTreeView(this))
    , m_input(new ReplLine(this))
    , m_scope(new QLabel(this))
{
    setObjectName(QStringLiteral("consolePane"));
    m_model->setObjectName(QStringLiteral("consoleModel"));
    m_view->setObjectName(QStringLiteral("consoleView"));
    m_input->setObjectName(QStringLiteral("replEdit"));
    m_scope->setObjectName(QStringLiteral("consoleScope"));
    m_view->setModel(m_model);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_model->setExpander(
        [this](const QString &objectId, auto done) { m_session->expandValue(objectId, this, std::move(done)); });

    auto *prompt = new QLabel(QStringLiteral("›"), this);
    prompt->setObjectName(QStringLiteral("replPrompt"));
    auto *inputRow = new QHBoxLayout;
    inputRow->setContentsMargins(6, 0, 4, 4);
    inputRow->addWidget(prompt);
    inputRow->addWidget(m_input, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_scope->setContentsMargins(6, 2, 6, 0);
    layout->addWidget(m_scope);
    layout->addWidget(m_view, 1);
    layout->addLayout(inputRow);

    connect(m_input, &ReplLine::submitted, this, &ConsolePane::evaluate);
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this](const QModelIndex &parent) {
        const QScrollBar *bar = m_view->verticalScrollBar();
        m_stickToBottom = !parent.isValid() && bar->value() >= bar->maximum() - 1;
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_stickToBottom)
            m_view->scrollToBottom();
    });
    // Whether the file is loaded changes as the program runs and restarts.
    connect(m_session->scripts(), &ScriptRegistry::scriptAdded, this, &ConsolePane::updateScope);
    connect(m_session, &LiveSession::stateChanged, this, &ConsolePane::updateScope);
    updateScope();
}

void ConsolePane::setFile(const QString &filePath)
{
    m_file = filePath;
    updateScope();
}

QString ConsolePane::scopeText() const { return m_scope->toolTip(); }

void ConsolePane::setConsoleFont(const QFont &font)
{
    m_view->setFont(font);
    m_input->setFont(font);
}

void ConsolePane::setInputEnabled(bool on) { m_input->setEnabled(on); }

void ConsolePane::setFrame(int frame, const QString &frameName)
{
    m_frame = frame;
    m_frameName = frameName;
    updateScope();
}

void ConsolePane::updateScope()
{
    if (m_frame >= 0) {
        m_scope->setText(tr("Console — frame %1").arg(m_frameName));
        m_scope->setToolTip(
            tr("The console evaluates in %1, the paused frame: its locals and closure").arg(m_frameName));
        m_input->setPlaceholderText(tr("Evaluate in %1, the paused frame (its locals and closure)").arg(m_frameName));
        return;
    }
    const QString name = QFileInfo(m_file).fileName();
    const bool inFile = !m_file.isEmpty() && m_session->isRunning() && m_session->scripts()->findByFile(m_file);
    // Short on screen (the pane is narrow on stage), the whole story on hover.
    QString shown;
    QString told;
    if (inFile) {
        shown = tr("Console — %1").arg(name);
        told = tr("The console evaluates in %1's top-level scope").arg(name);
    } else if (m_file.isEmpty()) {
        shown = tr("Console — global");
        told = tr("The console evaluates at global scope");
    } else {
        shown = tr("Console — global (%1 not loaded)").arg(name);
        told = tr("The console evaluates at global scope: %1 is not loaded by the running program").arg(name);
    }
    m_scope->setText(shown);
    m_scope->setToolTip(told);
    m_input->setPlaceholderText(
        inFile ? tr("Evaluate in %1: its variables, require, await").arg(name) : tr("Evaluate at global scope"));
    m_input->setToolTip(tr("Enter evaluates; ↑/↓ walk through earlier inputs"));
}

void ConsolePane::evaluate(const QString &expression)
{
    const bool inFile = !m_file.isEmpty() && m_session->scripts()->findByFile(m_file);
    m_model->appendInput(expression, m_frame >= 0 ? m_frameName : inFile ? QFileInfo(m_file).fileName() : tr("global"));
    auto answer = [this](const EvaluateResult &result) {
        if (result.ok)
            m_model->appendValue(valueJson(result.value));
        else
            m_model->appendError(result.error);
    };
    if (m_frame >= 0 && m_session->debugger()->isPaused())
        m_session->debugger()->evaluateOnFrame(m_frame, expression, this, answer);
    else if (inFile)
        m_session->evaluateInFile(m_file, expression, this, answer);
    else
        m_session->evaluate(expression, this, answer);
}

} // namespace graft
