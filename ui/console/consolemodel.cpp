// SPDX-License-Identifier: MIT
#include "console/consolemodel.h"

#include "window/theme.h"

#include <QColor>

namespace graft {

namespace {

// A nested object in a preview is a placeholder, as in DevTools.
QString previewPart(const QJsonObject &part)
{
    if (part.value(QLatin1String("type")) == QLatin1String("object")
        && part.value(QLatin1String("subtype")) != QLatin1String("null"))
        return part.value(QLatin1String("subtype")) == QLatin1String("array") ? QStringLiteral("[…]")
                                                                              : QStringLiteral("{…}");
    return part.value(QLatin1String("value")).toString();
}

} // namespace

QString consoleLine(const QJsonObject &value)
{
    const QString text = value.value(QLatin1String("value")).toString();
    if (!value.contains(QLatin1String("preview")))
        return text;
    const QJsonObject preview = value.value(QLatin1String("preview")).toObject();
    const QString subtype = value.value(QLatin1String("subtype")).toString();
    QStringList parts;
    const bool entries = preview.contains(QLatin1String("entries"));
    if (entries) {
        for (const QJsonValue &e : preview.value(QLatin1String("entries")).toArray()) {
            const QJsonObject entry = e.toObject();
            const QString shown = previewPart(entry.value(QLatin1String("value")).toObject());
            parts << (entry.contains(QLatin1String("key"))
                    ? previewPart(entry.value(QLatin1String("key")).toObject()) + QStringLiteral(" => ") + shown
                    : shown);
        }
    } else {
        const bool array = subtype == QLatin1String("array");
        for (const QJsonValue &p : preview.value(QLatin1String("properties")).toArray()) {
            const QJsonObject property = p.toObject();
            const QString shown = previewPart(property);
            parts << (array ? shown : property.value(QLatin1String("name")).toString() + QStringLiteral(": ") + shown);
        }
    }
    if (preview.value(QLatin1String("overflow")).toBool())
        parts << QStringLiteral("…");
    const bool square = subtype == QLatin1String("array") || subtype == QLatin1String("typedarray");
    return QStringLiteral("%1 %2%3%4")
        .arg(text, square ? QStringLiteral("[") : QStringLiteral("{"), parts.join(QStringLiteral(", ")),
            square ? QStringLiteral("]") : QStringLiteral("}"));
}

ConsoleModel::ConsoleModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

ConsoleModel::~ConsoleModel() = default;

void ConsoleModel::append(std::unique_ptr<Node> node)
{
    node->parent = &m_root;
    const int row = static_cast<int>(m_root.children.size());
    beginInsertRows({}, row, row);
    m_root.children.push_back(std::move(node));
    endInsertRows();
}

void ConsoleModel::appendInput(const QString &expression, const QString &scope)
{
    auto node = std::make_unique<Node>();
    node->kind = Kind::Input;
    node->text = QStringLiteral("› %1").arg(expression);
    if (!scope.isEmpty())
        node->text += QStringLiteral("    (%1)").arg(scope);
    append(std::move(node));
}

void ConsoleModel::appendValue(const QJsonObject &value)
{
    auto node = std::make_unique<Node>();
    node->kind = Kind::Result;
    node->text = QStringLiteral("← ") + consoleLine(value);
    node->objectId = value.value(QLatin1String("objectId")).toString();
    append(std::move(node));
}

void ConsoleModel::appendError(const QString &message)
{
    auto node = std::make_unique<Node>();
    node->kind = Kind::Error;
    node->text = QStringLiteral("✗ ") + message;
    append(std::move(node));
}

void ConsoleModel::appendInfo(const QString &text)
{
    auto node = std::make_unique<Node>();
    node->kind = Kind::Info;
    node->text = text;
    append(std::move(node));
}

void ConsoleModel::clear()
{
    beginResetModel();
    m_root.children.clear();
    ++m_generation;
    endResetModel();
}

ConsoleModel::Node *ConsoleModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : const_cast<Node *>(&m_root);
}

QModelIndex ConsoleModel::indexOf(Node *node) const
{
    if (!node || node == &m_root)
        return {};
    const auto &siblings = node->parent->children;
    for (size_t i = 0; i < siblings.size(); ++i) {
        if (siblings[i].get() == node)
            return createIndex(static_cast<int>(i), 0, node);
    }
    return {};
}

QModelIndex ConsoleModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *owner = nodeAt(parent);
    if (column != 0 || row < 0 || row >= static_cast<int>(owner->children.size()))
        return {};
    return createIndex(row, 0, owner->children[static_cast<size_t>(row)].get());
}

QModelIndex ConsoleModel::parent(const QModelIndex &child) const
{
    return child.isValid() ? indexOf(nodeAt(child)->parent) : QModelIndex();
}

int ConsoleModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(nodeAt(parent)->children.size());
}

int ConsoleModel::columnCount(const QModelIndex &) const { return 1; }

bool ConsoleModel::hasChildren(const QModelIndex &parent) const
{
    const Node *node = nodeAt(parent);
    return !node->children.empty() || (!node->objectId.isEmpty() && !node->fetched);
}

bool ConsoleModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *node = nodeAt(parent);
    return parent.isValid() && !node->objectId.isEmpty() && !node->fetched && !node->fetching && m_expander;
}

void ConsoleModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Node *node = nodeAt(parent);
    node->fetching = true;
    const quint64 generation = m_generation;
    m_expander(node->objectId, [this, node, generation](bool ok, const QJsonArray &properties, const QString &error) {
        if (generation != m_generation)
            return; // cleared meanwhile: `node` is gone
        node->fetching = false;
        node->fetched = true;
        const QModelIndex at = indexOf(node);
        std::vector<std::unique_ptr<Node>> children;
        if (!ok) {
            auto child = std::make_unique<Node>();
            child->kind = Kind::Error;
            child->text = QStringLiteral("✗ ") + error;
            children.push_back(std::move(child));
        }
        for (const QJsonValue &p : properties) {
            const QJsonObject property = p.toObject();
            auto child = std::make_unique<Node>();
            child->kind = Kind::Property;
            child->text
                = property.value(QLatin1String("name")).toString() + QStringLiteral(": ") + consoleLine(property);
            child->objectId = property.value(QLatin1String("objectId")).toString();
            children.push_back(std::move(child));
        }
        if (children.empty()) {
            Q_EMIT dataChanged(at, at); // no arrow any more
            return;
        }
        beginInsertRows(at, 0, static_cast<int>(children.size()) - 1);
        for (auto &child : children) {
            child->parent = node;
            node->children.push_back(std::move(child));
        }
        endInsertRows();
    });
}

QVariant ConsoleModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeAt(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return node->text;
    case KindRole:
        return QVariant::fromValue(node->kind);
    case ObjectIdRole:
        return node->objectId;
    case Qt::ForegroundRole:
        switch (node->kind) {
        case Kind::Error:
            return currentTheme().error;
        case Kind::Input:
        case Kind::Info:
            return currentTheme().muted;
        default:
            return {};
        }
    default:
        return {};
    }
}

void ConsoleModel::textOf(const Node *node, int depth, QStringList &lines) const
{
    for (const auto &child : node->children) {
        lines << QString(depth * 2, QLatin1Char(' ')) + child->text;
        textOf(child.get(), depth + 1, lines);
    }
}

QString ConsoleModel::text() const
{
    QStringList lines;
    textOf(&m_root, 0, lines);
    return lines.join(QLatin1Char('\n'));
}

} // namespace graft
