// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/debuggertypes.h"
#include "debug/breakpoint.h"

#include <QAbstractListModel>
#include <QAbstractTableModel>

namespace graft {

// The paused program's call stack, innermost frame first: "name  file:line".
class CallStackModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { FileRole = Qt::UserRole + 1, LineRole, NameRole };
    using QAbstractListModel::QAbstractListModel;

    void setFrames(const QList<PausedFrame> &frames);
    const QList<PausedFrame> &frames() const { return m_frames; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<PausedFrame> m_frames;
};

// Every breakpoint, in every file: checkable (enabled), with its condition or
// logpoint message. Unchecking asks for it to be disabled (enabledChangeRequested).
class BreakpointsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LocationColumn, DetailColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, FileRole, LineRole };
    using QAbstractTableModel::QAbstractTableModel;

    void setBreakpoints(const QList<Breakpoint> &breakpoints);
    const QList<Breakpoint> &breakpoints() const { return m_breakpoints; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

Q_SIGNALS:
    void enabledChangeRequested(const QString &id, bool enabled);

private:
    QList<Breakpoint> m_breakpoints;
};

} // namespace graft
