// SPDX-License-Identifier: MIT
// The Changes pane's binding list and the Closures pane's tree without a runtime:
// each passes QAbstractItemModelTester while a fake program answers property
// reads, later, as the real inspector does.

#include "panes/bindinglistmodel.h"
#include "panes/closuresmodel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QHash>
#include <QTimer>
#include <QtTest>

using namespace graft;

namespace {

RemoteValue value(
    const QString &type, const QJsonValue &json, const QString &description = {}, const QString &objectId = {})
{
    RemoteValue remote;
    remote.type = type;
    remote.value = json;
    remote.description = description;
    remote.objectId = objectId;
    return remote;
}

RemoteValue object(const QString &objectId)
{
    return value(QStringLiteral("object"), {}, QStringLiteral("Object"), objectId);
}

// The objects of a pretend program, by handle. Reads answer on a later turn of the
// event loop; an unknown handle is one that was released.
class FakeProgram
{
public:
    QHash<QString, QList<ScopeVariable>> objects;
    int reads = 0;

    ClosuresModel::PropertiesFetcher fetcher()
    {
        return [this](const QString &objectId, QObject *context, ClosuresModel::PropertiesHandler done) {
            ++reads;
            QTimer::singleShot(
                0, context, [this, objectId, done] { done(objects.contains(objectId), objects.value(objectId)); });
        };
    }
};

// m() of the write-up program, as LiveScopeReader reads it.
FunctionScopes writeupScopes()
{
    FunctionScopes scopes;
    scopes.ok = true;
    scopes.function = FunctionOutline { QStringLiteral("m"), 3, 3, true, QStringLiteral("function m() {}") };
    ScopeInfo inner { QStringLiteral("Closure (outer)"), QStringLiteral("scope-1"),
        { { QStringLiteral("s"), value(QStringLiteral("number"), 7, QStringLiteral("7")) } } };
    ScopeInfo module { QStringLiteral("Closure"), QStringLiteral("scope-2"),
        { { QStringLiteral("s"), value(QStringLiteral("string"), QStringLiteral("original")) },
            { QStringLiteral("config"), object(QStringLiteral("config")) },
            { QStringLiteral("m"),
                value(QStringLiteral("function"), {}, QStringLiteral("function m() {\n  return s;\n}"),
                    QStringLiteral("fn")) } } };
    ScopeInfo global { QStringLiteral("Global"), QStringLiteral("scope-3"), {} };
    scopes.scopes = { inner, module, global };
    return scopes;
}

QList<BindingChange> writeupBindings()
{
    return { { QStringLiteral("s"), 2, QStringLiteral("'updated'"), QStringLiteral("\"original\""), true } };
}

PatchReport writeupReport()
{
    PatchReport report;
    report.file = QStringLiteral("/project/app.js");
    report.status = PatchStatus::Applied;
    report.bindings = writeupBindings();
    return report;
}

} // namespace

class TestUiPanelModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bindingListModel();
    void closuresShowScopesAndStaleBindings();
    void closuresFetchPropertiesLazily();
    void closuresStopAtTheDepthLimit();
    void closuresSurviveAResetDuringAFetch();
};

void TestUiPanelModels::bindingListModel()
{
    BindingListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(writeupReport());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, BindingListModel::NameColumn).data().toString(), QStringLiteral("s (stale)"));
    QCOMPARE(model.index(0, BindingListModel::LiveColumn).data().toString(), QStringLiteral("\"original\""));
    QCOMPARE(model.index(0, BindingListModel::SourceColumn).data().toString(), QStringLiteral("'updated'"));
    QCOMPARE(model.index(0, BindingListModel::LiveColumn).data(Qt::BackgroundRole).value<QColor>(), staleBackground());
    QVERIFY(model.index(0, 0).data(BindingListModel::StaleRole).toBool());
    QCOMPARE(model.index(0, 0).data(BindingListModel::NameRole).toString(), QStringLiteral("s"));
    QCOMPARE(model.index(0, 0).data(BindingListModel::LineRole).toInt(), 2);
    QCOMPARE(model.index(0, 0).data(BindingListModel::FileRole).toString(), QStringLiteral("/project/app.js"));
    PatchReport fresh = writeupReport();
    fresh.bindings.first().stale = false;
    model.setReport(fresh);
    QCOMPARE(model.index(0, BindingListModel::NameColumn).data().toString(), QStringLiteral("s"));
    QVERIFY(!model.index(0, 0).data(Qt::BackgroundRole).isValid());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestUiPanelModels::closuresShowScopesAndStaleBindings()
{
    ClosuresModel model;
    FakeProgram program;
    model.setPropertiesFetcher(program.fetcher());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.isEmpty());
    model.setScopes(writeupScopes(), writeupBindings());

    QCOMPARE(model.rowCount(), 2); // the program's globals are not what m() captures
    const QModelIndex inner = model.index(0, 0);
    const QModelIndex module = model.index(1, 0);
    QCOMPARE(inner.data().toString(), QStringLiteral("Closure (outer)"));
    QCOMPARE(model.rowCount(module), 3);
    QCOMPARE(model.index(1, ClosuresModel::ValueColumn).data().toString(), QStringLiteral("3 variables"));
    QCOMPARE(model.function().name, QStringLiteral("m"));

    // The top-level s: its live value beside the new initializer, marked stale.
    const QModelIndex s = model.findVariable(QStringLiteral("s"));
    QCOMPARE(s.parent(), module);
    QCOMPARE(s.data().toString(), QStringLiteral("s (stale)"));
    QCOMPARE(s.siblingAtColumn(ClosuresModel::ValueColumn).data().toString(), QStringLiteral("\"original\""));
    QCOMPARE(s.siblingAtColumn(ClosuresModel::SourceColumn).data().toString(), QStringLiteral("'updated'"));
    QVERIFY(s.data(ClosuresModel::StaleRole).toBool());
    QCOMPARE(model.staleBindings(), QStringList { QStringLiteral("s") });
    QCOMPARE(s.siblingAtColumn(ClosuresModel::ValueColumn).data(Qt::BackgroundRole).value<QColor>(), staleBackground());
    // A local of the same name in an inner scope is not the top-level binding.
    const QModelIndex innerS = model.index(0, 0, inner);
    QCOMPARE(innerS.data().toString(), QStringLiteral("s"));
    QVERIFY(!innerS.data(ClosuresModel::StaleRole).toBool());
    QVERIFY(innerS.siblingAtColumn(ClosuresModel::SourceColumn).data().toString().isEmpty());
    // A function shows its first line; its whole text is the tooltip.
    const QModelIndex m = model.index(2, ClosuresModel::ValueColumn, module);
    QCOMPARE(m.data().toString(), QStringLiteral("function m() { …"));
    QVERIFY(m.data(Qt::ToolTipRole).toString().contains(QStringLiteral("return s;")));

    // Re-initialized: the same binding, no longer stale.
    QList<BindingChange> given = writeupBindings();
    given.first().stale = false;
    model.setScopes(writeupScopes(), given);
    QCOMPARE(model.findVariable(QStringLiteral("s")).data().toString(), QStringLiteral("s"));
    QVERIFY(model.staleBindings().isEmpty());
    QCOMPARE(model.findVariable(QStringLiteral("s")).siblingAtColumn(ClosuresModel::SourceColumn).data().toString(),
        QStringLiteral("'updated'"));
    model.clear();
    QVERIFY(model.isEmpty());
    QVERIFY(!model.findVariable(QStringLiteral("s")).isValid());
}

void TestUiPanelModels::closuresFetchPropertiesLazily()
{
    ClosuresModel model;
    FakeProgram program;
    QList<ScopeVariable> many;
    for (int i = 0; i < ClosuresModel::kMaxChildren + 5; ++i)
        many.append({ QString::number(i), value(QStringLiteral("number"), i, QString::number(i)) });
    program.objects.insert(QStringLiteral("config"),
        { { QStringLiteral("port"), value(QStringLiteral("number"), 8080, QStringLiteral("8080")) },
            { QStringLiteral("self"), object(QStringLiteral("config")) },
            { QStringLiteral("empty"), object(QStringLiteral("empty")) },
            { QStringLiteral("gone"), object(QStringLiteral("released")) },
            { QStringLiteral("many"), object(QStringLiteral("many")) } });
    program.objects.insert(QStringLiteral("empty"), {});
    program.objects.insert(QStringLiteral("many"), many);
    model.setPropertiesFetcher(program.fetcher());
    model.setScopes(writeupScopes(), writeupBindings());

    const QModelIndex config = model.findVariable(QStringLiteral("config"));
    QVERIFY(model.hasChildren(config));
    QCOMPARE(model.rowCount(config), 0);
    QVERIFY(model.canFetchMore(config));
    QVERIFY(!model.canFetchMore(model.findVariable(QStringLiteral("s")))); // a string has no properties
    model.fetchMore(config);
    QVERIFY(!model.canFetchMore(config)); // one read at a time
    QTRY_COMPARE(model.rowCount(config), 5);
    QCOMPARE(program.reads, 1);
    QCOMPARE(model.index(0, ClosuresModel::ValueColumn, config).data().toString(), QStringLiteral("8080"));
    // The handle already on the path is not opened again.
    const QModelIndex self = model.index(1, 0, config);
    QVERIFY(!model.hasChildren(self));
    QVERIFY(model.flags(self) & Qt::ItemNeverHasChildren);

    for (int row = 2; row < 5; ++row)
        model.fetchMore(model.index(row, 0, config));
    const QModelIndex empty = model.index(2, 0, config);
    const QModelIndex gone = model.index(3, 0, config);
    const QModelIndex manyIndex = model.index(4, 0, config);
    QTRY_COMPARE(model.rowCount(manyIndex), ClosuresModel::kMaxChildren + 1);
    QTRY_COMPARE(model.rowCount(empty), 1);
    QTRY_COMPARE(model.rowCount(gone), 1);
    QCOMPARE(model.index(0, 0, empty).data().toString(), QStringLiteral("(no own properties)"));
    QVERIFY(model.index(0, 0, gone).data().toString().contains(QStringLiteral("not available")));
    QCOMPARE(
        model.index(ClosuresModel::kMaxChildren, 0, manyIndex).data().toString(), QStringLiteral("(5 more not shown)"));
    QCOMPARE(model.index(0, 0, gone).data(ClosuresModel::KindRole).toInt(), int(ClosuresModel::Kind::Note));
    QVERIFY(!(model.flags(model.index(0, 0, gone)) & Qt::ItemIsSelectable));

    // The tester walks (and so fetches) the whole tree as a view would when every row is expanded.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(program.reads >= 4);
}

void TestUiPanelModels::closuresStopAtTheDepthLimit()
{
    // A chain of objects longer than the limit, each under a fresh handle as V8 hands them out.
    ClosuresModel model;
    FakeProgram program;
    for (int i = 0; i < 20; ++i) {
        program.objects.insert(
            QStringLiteral("c%1").arg(i), { { QStringLiteral("next"), object(QStringLiteral("c%1").arg(i + 1)) } });
    }
    model.setPropertiesFetcher(program.fetcher());
    FunctionScopes scopes = writeupScopes();
    scopes.scopes[1].variables.append({ QStringLiteral("chain"), object(QStringLiteral("c0")) });
    model.setScopes(scopes, {});
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    QModelIndex node = model.findVariable(QStringLiteral("chain"));
    int levels = 0;
    while (model.hasChildren(node)) {
        model.fetchMore(node);
        QTRY_COMPARE(model.rowCount(node), 1);
        node = model.index(0, 0, node);
        ++levels;
    }
    QCOMPARE(levels, ClosuresModel::kMaxExpandDepth);
    QCOMPARE(node.data().toString(), QStringLiteral("next"));
    QVERIFY(!model.canFetchMore(node));
}

void TestUiPanelModels::closuresSurviveAResetDuringAFetch()
{
    ClosuresModel model;
    FakeProgram program;
    program.objects.insert(QStringLiteral("config"),
        { { QStringLiteral("port"), value(QStringLiteral("number"), 1, QStringLiteral("1")) } });
    model.setPropertiesFetcher(program.fetcher());
    // No tester here: it would fetch every row as soon as the tree is reset.
    model.setScopes(writeupScopes(), {});
    model.fetchMore(model.findVariable(QStringLiteral("config")));
    model.setScopes(writeupScopes(), {}); // the answer arrives for a tree that is gone
    QTest::qWait(50);
    const QModelIndex config = model.findVariable(QStringLiteral("config"));
    QCOMPARE(model.rowCount(config), 0);
    QVERIFY(model.canFetchMore(config));
    // Without a program to ask, an expansion says so instead of spinning.
    model.setPropertiesFetcher({});
    model.fetchMore(config);
    QCOMPARE(model.rowCount(config), 1);
    QVERIFY(model.index(0, 0, config).data().toString().contains(QStringLiteral("not available")));
}

QTEST_MAIN(TestUiPanelModels)
#include "tst_uipanelmodels.moc"
