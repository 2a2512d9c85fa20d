// SPDX-License-Identifier: MIT
#include "closuresdock.h"

#include <QLabel>
#include <QVBoxLayout>

namespace graft {

ClosuresDock::ClosuresDock(QWidget *parent)
    : QDockWidget(tr("Closures"), parent)
    , m_placeholder(new QLabel(this))
{
    setObjectName(QStringLiteral("closuresDock"));
    m_placeholder->setObjectName(QStringLiteral("closuresPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(12);
    setFunction({}, 0);

    auto *content = new QWidget(this);
    content->setObjectName(QStringLiteral("closuresContent"));
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_placeholder, 1);
    setWidget(content);
}

void ClosuresDock::setFunction(const QString &name, int line)
{
    if (name.isEmpty()) {
        m_placeholder->setText(tr("<p style='color:#6a737d'>Select a function</p>"
                                  "<p style='color:#8a8f98'>Its scopes and captured variables appear here with "
                                  "their live values, beside what the new source says.</p>"));
        return;
    }
    m_placeholder->setText(tr("<p><b>%1()</b> at line %2</p><p style='color:#8a8f98'>Live closure values are not "
                              "available yet.</p>")
                               .arg(name.toHtmlEscaped())
                               .arg(line));
}

} // namespace graft
