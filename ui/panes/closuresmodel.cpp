// SPDX-License-Identifier: MIT
#include "panes/closuresmodel.h"

#include "panes/bindinglistmodel.h"
#include "window/theme.h"

#include <QColor>
#include <QFont>
#include <QHash>

namespace graft {

struct ClosuresModel::Node
{
    enum class Fetch { None, Pending, Running, Done };

    Kind kind = Kind::Scope;
    Node *parent = nullptr;
    int row = 0;
    int level = 0; // 0 scopes, 1 variables, 2 and deeper their properties
    QString name;
    RemoteValue value;
    QString source;
    bool stale = false;
    bool topLevel = false; // the scope of the module's top-level bindings
    Fetch fetch = Fetch::None;
    std::vector<std::unique_ptr<Node>> children;

    void adopt(std::unique_ptr<Node> child)
    {
        child->parent = this;
        child->row = static_cast<int>(children.size());
        children.push_back(std::move(child));
    }
};

namespace {

// The module's own scope, where top-level bindings live: the outermost scope but
// the program-wide ones. CommonJS wraps a module in an anonymous function
// ("Closure"); an ES module has a "Module" scope.
int topLevelScope(const QList<ScopeInfo> &scopes)
{
    for (qsizetype i = scopes.size() - 1; i >= 0; --i) {
        const QString &description = scopes.at(i).description;
        if (description.startsWith(QLatin1String("Global")) || description.startsWith(QLatin1String("Script")))
            continue;
        if (description == QLatin1String("Closure") || description.startsWith(QLatin1String("Module")))
            return static_cast<int>(i);
        return -1;
    }
    return -1;
}

QString firstLine(const QString &text, int limit)
{
    const qsizetype end = text.indexOf(QLatin1Char('\n'));
    QString line = end < 0 ? text : text.left(end);
    if (line.size() > limit || end >= 0)
        line = line.left(limit).trimmed() + QStringLiteral(" …");
    return line;
}

QString noteText(const QString &text) { return QStringLiteral("(%1)").arg(text); }

} // namespace

ClosuresModel::ClosuresModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

ClosuresModel::~ClosuresModel() = default;

std::unique_ptr<ClosuresModel::Node> ClosuresModel::valueNode(
    Kind kind, const ScopeVariable &variable, Node *parent, int level) const
{
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->level = level;
    node->name = variable.name;
    node->value = variable.value;
    bool onPath = false;
    for (const Node *up = parent; up && !onPath; up = up->parent)
        onPath = !up->value.objectId.isEmpty() && up->value.objectId == variable.value.objectId;
    // Levels 1..kMaxExpandDepth open: that many levels of properties below a variable.
    if (!variable.value.objectId.isEmpty() && level <= kMaxExpandDepth && !onPath)
        node->fetch = Node::Fetch::Pending;
    return node;
}

void ClosuresModel::setScopes(const FunctionScopes &scopes, const QList<BindingChange> &bindings)
{
    QHash<QString, BindingChange> byName;
    for (const BindingChange &binding : bindings)
        byName.insert(binding.name, binding);
    const int topLevel = topLevelScope(scopes.scopes);

    beginResetModel();
    ++m_generation;
    m_function = scopes.function;
    m_root = std::make_unique<Node>();
    for (int i = 0; i < scopes.scopes.size(); ++i) {
        const ScopeInfo &info = scopes.scopes.at(i);
        // Every global of the program: not what a closure captures (LiveInspector
        // does not list them either).
        if (info.description.startsWith(QLatin1String("Global")))
            continue;
        auto scope = std::make_unique<Node>();
        scope->kind = Kind::Scope;
        scope->name = info.description;
        scope->fetch = Node::Fetch::Done;
        scope->topLevel = i == topLevel;
        for (const ScopeVariable &variable : info.variables) {
            std::unique_ptr<Node> node = valueNode(Kind::Variable, variable, scope.get(), 1);
            if (const auto it = byName.constFind(variable.name); i == topLevel && it != byName.constEnd()) {
                node->source = it->source;
                node->stale = it->stale;
            }
            scope->adopt(std::move(node));
        }
        m_root->adopt(std::move(scope));
    }
    endResetModel();
}

bool ClosuresModel::refreshValues(const FunctionScopes &scopes, const QList<BindingChange> &bindings)
{
    if (scopes.function.name != m_function.name || scopes.function.line != m_function.line)
        return false;
    QList<int> shown; // the indexes of the scopes setScopes() shows, in order
    for (int i = 0; i < scopes.scopes.size(); ++i) {
        if (!scopes.scopes.at(i).description.startsWith(QLatin1String("Global")))
            shown.append(i);
    }
    if (static_cast<size_t>(shown.size()) != m_root->children.size())
        return false;
    for (int k = 0; k < shown.size(); ++k) {
        const ScopeInfo &info = scopes.scopes.at(shown.at(k));
        const Node *scope = m_root->children.at(k).get();
        if (scope->name != info.description || static_cast<size_t>(info.variables.size()) != scope->children.size())
            return false;
        for (int v = 0; v < info.variables.size(); ++v) {
            if (scope->children.at(v)->name != info.variables.at(v).name)
                return false;
        }
    }
    QHash<QString, BindingChange> byName;
    for (const BindingChange &binding : bindings)
        byName.insert(binding.name, binding);
    for (int k = 0; k < shown.size(); ++k) {
        const ScopeInfo &info = scopes.scopes.at(shown.at(k));
        Node *scope = m_root->children.at(k).get();
        for (int v = 0; v < info.variables.size(); ++v) {
            Node *node = scope->children.at(v).get();
            if (node->fetch == Node::Fetch::Running)
                continue; // its properties are on their way: it is refreshed next time
            const QModelIndex at = createIndex(node->row, 0, node);
            if (!node->children.empty()) {
                // Read under the old value's handle, which this read released.
                beginRemoveRows(at, 0, static_cast<int>(node->children.size()) - 1);
                node->children.clear();
                endRemoveRows();
            }
            const std::unique_ptr<Node> fresh = valueNode(node->kind, info.variables.at(v), scope, node->level);
            node->value = fresh->value;
            node->fetch = fresh->fetch;
            if (const auto it = byName.constFind(node->name); scope->topLevel && it != byName.constEnd()) {
                node->source = it->source;
                node->stale = it->stale;
            }
            Q_EMIT dataChanged(at, at.siblingAtColumn(ColumnCount - 1));
        }
    }
    return true;
}

void ClosuresModel::clear()
{
    beginResetModel();
    ++m_generation;
    m_function = {};
    m_root = std::make_unique<Node>();
    endResetModel();
}

bool ClosuresModel::isEmpty() const { return m_root->children.empty(); }

QModelIndex ClosuresModel::findVariable(const QString &name) const
{
    const Node *found = nullptr;
    for (const auto &scope : m_root->children) {
        for (const auto &variable : scope->children) {
            // Top-level bindings are what Changes lists: their scope first, else the innermost.
            if (variable->name == name && (!found || scope->topLevel))
                found = variable.get();
        }
    }
    return found ? createIndex(found->row, 0, const_cast<Node *>(found)) : QModelIndex();
}

QStringList ClosuresModel::staleBindings() const
{
    QStringList names;
    for (const auto &scope : m_root->children) {
        for (const auto &variable : scope->children) {
            if (variable->stale)
                names.append(variable->name);
        }
    }
    return names;
}

ClosuresModel::Node *ClosuresModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ClosuresModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeFor(parent)->children.at(row).get());
}

QModelIndex ClosuresModel::parent(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::DoNotUseParent))
        return {};
    Node *up = nodeFor(index)->parent;
    if (!up || up == m_root.get())
        return {};
    return createIndex(up->row, 0, up);
}

int ClosuresModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(nodeFor(parent)->children.size());
}

int ClosuresModel::columnCount(const QModelIndex &) const { return ColumnCount; }

bool ClosuresModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeFor(parent);
    return !node->children.empty() || node->fetch == Node::Fetch::Pending || node->fetch == Node::Fetch::Running;
}

bool ClosuresModel::canFetchMore(const QModelIndex &parent) const
{
    return parent.isValid() && parent.column() == 0 && nodeFor(parent)->fetch == Node::Fetch::Pending;
}

void ClosuresModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Node *node = nodeFor(parent);
    node->fetch = Node::Fetch::Running;
    const quint64 generation = m_generation;
    if (!m_fetcher) {
        onFetched(node, generation, false, {});
        return;
    }
    m_fetcher(node->value.objectId, this, [this, node, generation](bool ok, const QList<ScopeVariable> &properties) {
        onFetched(node, generation, ok, properties);
    });
}

void ClosuresModel::onFetched(Node *node, quint64 generation, bool ok, const QList<ScopeVariable> &properties)
{
    if (generation != m_generation || node->fetch != Node::Fetch::Running)
        return; // the tree was replaced meanwhile: `node` is gone
    std::vector<std::unique_ptr<Node>> children;
    auto note = [&children](const QString &text) {
        auto child = std::make_unique<Node>();
        child->kind = Kind::Note;
        child->name = noteText(text);
        children.push_back(std::move(child));
    };
    if (!ok) {
        // The handle was released (a patch re-reads the program) or the object is gone.
        note(tr("not available any more: refresh"));
    } else if (properties.isEmpty()) {
        note(tr("no own properties"));
    } else {
        for (qsizetype i = 0; i < properties.size() && i < kMaxChildren; ++i)
            children.push_back(valueNode(Kind::Property, properties.at(i), node, node->level + 1));
        if (properties.size() > kMaxChildren)
            note(tr("%1 more not shown").arg(properties.size() - kMaxChildren));
    }
    beginInsertRows(createIndex(node->row, 0, node), 0, static_cast<int>(children.size()) - 1);
    node->fetch = Node::Fetch::Done;
    for (auto &child : children)
        node->adopt(std::move(child));
    endInsertRows();
}

Qt::ItemFlags ClosuresModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    const Node *node = nodeFor(index);
    Qt::ItemFlags flags = Qt::ItemIsEnabled;
    if (node->kind != Kind::Note)
        flags |= Qt::ItemIsSelectable;
    if (node->kind == Kind::Note || (node->kind != Kind::Scope && node->fetch == Node::Fetch::None))
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QVariant ClosuresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Live value");
    case SourceColumn:
        return tr("Source says");
    default:
        return {};
    }
}

QVariant ClosuresModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    const bool isValue = node->kind == Kind::Variable || node->kind == Kind::Property;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return node->stale ? tr("%1 (stale)").arg(node->name) : node->name;
        case ValueColumn:
            if (node->kind == Kind::Scope)
                return node->children.size() == 1 ? tr("1 variable") : tr("%1 variables").arg(node->children.size());
            if (!isValue)
                return {};
            // A function's description is its whole source: its first line says enough.
            return firstLine(node->value.display(), node->value.type == QLatin1String("function") ? 60 : 200);
        case SourceColumn:
            return node->source;
        }
        return {};
    case Qt::ToolTipRole:
        if (node->stale) {
            return tr("%1 still holds %2: LiveEdit does not run top-level code again. The source now says %3; "
                      "Re-initialize gives it that value.")
                .arg(node->name, firstLine(node->value.display(), 200), node->source);
        }
        return isValue && index.column() == ValueColumn ? QVariant(node->value.display().left(2000)) : QVariant();
    case Qt::BackgroundRole:
        return node->stale ? QVariant(staleBackground()) : QVariant();
    case Qt::ForegroundRole:
        if (node->stale)
            return QColor(Qt::black); // readable on the light marker in any palette
        if (node->kind == Kind::Note || (node->kind == Kind::Scope && index.column() == ValueColumn))
            return currentTheme().muted;
        return {};
    case Qt::FontRole:
        if (node->kind == Kind::Scope && index.column() == NameColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        if (node->kind == Kind::Note) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case NameRole:
        return node->name;
    case KindRole:
        return static_cast<int>(node->kind);
    case StaleRole:
        return node->stale;
    case SourceRole:
        return node->source;
    case TypeRole:
        return isValue ? QVariant(node->value.type) : QVariant();
    default:
        return {};
    }
}

} // namespace graft
