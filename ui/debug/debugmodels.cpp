// SPDX-License-Identifier: MIT
#include "debug/debugmodels.h"

#include <QColor>
#include <QFileInfo>

namespace graft {

void CallStackModel::setFrames(const QList<PausedFrame> &frames)
{
    beginResetModel();
    m_frames = frames;
    endResetModel();
}

int CallStackModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_frames.size());
}

QVariant CallStackModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PausedFrame &frame = m_frames.at(index.row());
    const QString place = frame.filePath.isEmpty() ? frame.url : QFileInfo(frame.filePath).fileName();
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1    %2:%3").arg(frame.name, place).arg(frame.line);
    case Qt::ToolTipRole:
        return QStringLiteral("%1:%2:%3")
            .arg(frame.filePath.isEmpty() ? frame.url : frame.filePath)
            .arg(frame.line)
            .arg(frame.column);
    case Qt::ForegroundRole:
        // Node's own frames recede: the user's code is what they step through.
        return frame.filePath.isEmpty() ? QVariant(QColor(Qt::gray)) : QVariant();
    case FileRole:
        return frame.filePath;
    case LineRole:
        return frame.line;
    case NameRole:
        return frame.name;
    default:
        return {};
    }
}

void BreakpointsModel::setBreakpoints(const QList<Breakpoint> &breakpoints)
{
    beginResetModel();
    m_breakpoints = breakpoints;
    endResetModel();
}

int BreakpointsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_breakpoints.size());
}

int BreakpointsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BreakpointsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Breakpoint &b = m_breakpoints.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == LocationColumn)
            return QStringLiteral("%1:%2").arg(QFileInfo(b.file).fileName()).arg(b.line);
        if (b.isLogpoint())
            return tr("log %1").arg(b.log) + (b.condition.isEmpty() ? QString() : tr(" when %1").arg(b.condition));
        return b.condition.isEmpty() ? QString() : tr("when %1").arg(b.condition);
    case Qt::CheckStateRole:
        return index.column() == LocationColumn ? QVariant(b.enabled ? Qt::Checked : Qt::Unchecked) : QVariant();
    case Qt::ToolTipRole:
        return b.file;
    case IdRole:
        return b.id;
    case FileRole:
        return b.file;
    case LineRole:
        return b.line;
    default:
        return {};
    }
}

QVariant BreakpointsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == LocationColumn ? tr("Breakpoint") : tr("Condition / log");
}

Qt::ItemFlags BreakpointsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == LocationColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

bool BreakpointsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid() || index.column() != LocationColumn)
        return false;
    // The Debugger decides; the list follows its breakpointsChanged().
    Q_EMIT enabledChangeRequested(m_breakpoints.at(index.row()).id, value.toInt() == Qt::Checked);
    return true;
}

} // namespace graft
