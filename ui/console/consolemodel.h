// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModel>
#include <QJsonArray>
#include <QJsonObject>

#include <functional>
#include <memory>
#include <vector>

namespace graft {

// The console's entries as a tree, DevTools-style: each input, then its answer;
// an object answer shows its preview on one line (`Map(2) {"a" => 1, …}`) and
// expands to its properties, each of which expands again. Values are the JSON of
// core's valueJson; children are asked for only when a row is expanded
// (fetchMore), through the expander the view sets.
class ConsoleModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Kind { Input, Result, Error, Info, Property };
    Q_ENUM(Kind)
    enum Role { KindRole = Qt::UserRole + 1, ObjectIdRole };
    using Expander
        = std::function<void(const QString &objectId, std::function<void(bool, const QJsonArray &, const QString &)>)>;

    explicit ConsoleModel(QObject *parent = nullptr);
    ~ConsoleModel() override;

    void setExpander(Expander expander) { m_expander = std::move(expander); }
    void appendInput(const QString &expression, const QString &scope);
    void appendValue(const QJsonObject &value);
    void appendError(const QString &message);
    void appendInfo(const QString &text);
    void clear();
    // Every row's text, children of expanded ones indented (what a reader sees).
    QString text() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    struct Node
    {
        Kind kind = Kind::Info;
        QString text;
        QString objectId;
        bool fetching = false;
        bool fetched = false;
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
    };
    void append(std::unique_ptr<Node> node);
    Node *nodeAt(const QModelIndex &index) const;
    QModelIndex indexOf(Node *node) const;
    void textOf(const Node *node, int depth, QStringList &lines) const;

    Node m_root;
    Expander m_expander;
    quint64 m_generation = 0; // bumped by clear(): late answers find nothing to fill
};

// One line for a value, as DevTools shows it collapsed: `Array(3) [1, "two", {…}]`.
QString consoleLine(const QJsonObject &value);

} // namespace graft
