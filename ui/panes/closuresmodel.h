// SPDX-License-Identifier: MIT
#pragma once

#include "inspect/functionscopes.h"
#include "patch/patchreport.h"

#include <QAbstractItemModel>

#include <functional>
#include <memory>

namespace graft {

// What one live function closes over, as a tree: its scopes, their variables
// with their live values beside what the source now says (stale top-level
// bindings stand out), and objects' properties fetched as they are expanded.
// Expansion stops at kMaxExpandDepth levels below a variable and never re-opens
// a handle already on the path; V8 hands out a fresh handle each time it wraps
// an object, so the depth limit is what bounds a reference cycle.
class ClosuresModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, SourceColumn, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1, KindRole, StaleRole, SourceRole, TypeRole };
    enum class Kind { Scope, Variable, Property, Note };
    static constexpr int kMaxExpandDepth = 4;
    static constexpr int kMaxChildren = 200;

    using PropertiesHandler = std::function<void(bool ok, const QList<ScopeVariable> &properties)>;
    // Reads an object's own properties; `done` runs later (or at once) unless `context` is gone.
    using PropertiesFetcher = std::function<void(const QString &objectId, QObject *context, PropertiesHandler done)>;

    explicit ClosuresModel(QObject *parent = nullptr);
    ~ClosuresModel() override;

    void setPropertiesFetcher(PropertiesFetcher fetcher) { m_fetcher = std::move(fetcher); }
    // `bindings`: what the newest applied patch of the function's file says of
    // its top-level bindings (their new initializers, and whether each is stale).
    void setScopes(const FunctionScopes &scopes, const QList<BindingChange> &bindings);
    // Puts newer live values of the function shown into the tree without a reset,
    // so the selection and the scroll stay; a value whose properties were read
    // gets them read again when next expanded. False, and nothing changed, when
    // the scopes or their variables are not the ones shown (then setScopes()).
    bool refreshValues(const FunctionScopes &scopes, const QList<BindingChange> &bindings);
    void clear();
    bool isEmpty() const;
    const FunctionOutline &function() const { return m_function; }
    // The variable `name` of the top-level scope, else of the innermost scope that has one.
    QModelIndex findVariable(const QString &name) const;
    QStringList staleBindings() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    std::unique_ptr<Node> valueNode(Kind kind, const ScopeVariable &variable, Node *parent, int level) const;
    void onFetched(Node *node, quint64 generation, bool ok, const QList<ScopeVariable> &properties);

    std::unique_ptr<Node> m_root;
    FunctionOutline m_function;
    PropertiesFetcher m_fetcher;
    // Bumped by every reset: a fetch that answers after one finds its node gone.
    quint64 m_generation = 0;
};

} // namespace graft
