// SPDX-License-Identifier: MIT
// The truth corpus (issue 12): each tests/e2e/truth/cases/*.case holds a program,
// successive edits, and what V8 10.2's LiveEdit does with each. Every case runs
// through the real graft --headless and the real runtime; after each patch the
// *program* is asked which code each live instance runs. Three things must agree:
//   - the program and the case (the case documents V8; a change either way is a regression),
//   - the program and every claim of Graft's report (never Graft's own prediction),
//   - Graft's report and the case's per-function outcomes.
// And the runtime never crashes, and every save gets a patch event.

#include "testruntime.h"
#include "truthcase.h"
#include "truthcheck.h"
#include "truthsession.h"

#include <QDir>
#include <QJsonArray>
#include <QTest>

namespace {

const QString kCasesDir = QStringLiteral(GRAFT_TEST_DATA_DIR "/e2e/truth/cases");

QList<QJsonObject> entriesFor(const QJsonObject &patch, const FunctionSpec &spec)
{
    QList<QJsonObject> found;
    for (const QJsonValue &value : patch.value("functions").toArray()) {
        const QJsonObject entry = value.toObject();
        if (spec.matches(entry.value("name").toString(), entry.value("line").toInt()))
            found << entry;
    }
    return found;
}

bool matchesOutcome(const QJsonObject &entry, const QString &want);

// Graft's entry for a function must say what the case documents V8 does.
QString compareOutcome(const QJsonObject &patch, const FunctionOutcome &expected)
{
    QList<QJsonObject> entries = entriesFor(patch, expected.function);
    // Several entries on one line (a callback inside a call): the changed one speaks.
    std::stable_sort(entries.begin(), entries.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value("change") != QLatin1String("unchanged") && b.value("change") == QLatin1String("unchanged");
    });
    const QJsonObject entry = entries.value(0);
    for (const QString &want : expected.outcomes) {
        if (matchesOutcome(entry, want))
            return {};
    }
    return QStringLiteral("report differs from V8: %1 should be %2, Graft says %3")
        .arg(expected.function.toString(), expected.outcomes.join(QLatin1Char('|')),
            entry.isEmpty() ? QStringLiteral("nothing") : compactJson(entry));
}

bool matchesOutcome(const QJsonObject &entry, const QString &want)
{
    const QString change = entry.value("change").toString();
    const QJsonValue effective = entry.value("effective");
    bool ok = false;
    if (want == QLatin1String("unchanged"))
        ok = entry.isEmpty() || change == QLatin1String("unchanged");
    else if (want == QLatin1String("effective"))
        ok = change == QLatin1String("body") && effective == true;
    else if (want == QLatin1String("not-effective"))
        ok = !entry.isEmpty() && change != QLatin1String("unchanged") && effective == false;
    else if (want == QLatin1String("added"))
        ok = change == QLatin1String("added") && effective == false;
    else if (want == QLatin1String("added-effective"))
        ok = change == QLatin1String("added") && effective == true;
    else if (want == QLatin1String("removed"))
        ok = change == QLatin1String("removed");
    else if (want == QLatin1String("blocked"))
        ok = effective != true;
    return ok;
}

bool isChangedByEdit(const TruthEdit &edit, const Probe &probe)
{
    return std::any_of(edit.functions.begin(), edit.functions.end(), [&](const FunctionOutcome &f) {
        return f.function.toString() == probe.function.toString()
            && (f.outcomes.contains(QLatin1String("effective")) || f.outcomes.contains(QLatin1String("not-effective"))
                || f.outcomes.contains(QLatin1String("blocked")));
    });
}

} // namespace

class TestTruthCorpus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyClaimIsTrueOfTheProgram_data();
    void everyClaimIsTrueOfTheProgram();
    void cleanupTestCase();

private:
    TruthVerdict m_total;
    int m_edits = 0;
    QStringList m_failedCases;
};

void TestTruthCorpus::initTestCase() { QVERIFY(QFile::exists(QStringLiteral(GRAFT_BIN_DIR "/graft"))); }

void TestTruthCorpus::everyClaimIsTrueOfTheProgram_data()
{
    QTest::addColumn<QString>("path");
    const QStringList cases = QDir(kCasesDir).entryList({ QStringLiteral("*.case") }, QDir::Files, QDir::Name);
    QVERIFY(cases.size() >= 35);
    const QString only = qEnvironmentVariable("GRAFT_TRUTH_CASE"); // run one case by name
    for (const QString &name : cases) {
        if (only.isEmpty() || name.startsWith(only))
            QTest::newRow(qPrintable(name.chopped(5))) << QDir(kCasesDir).filePath(name);
    }
}

void TestTruthCorpus::everyClaimIsTrueOfTheProgram()
{
    QFETCH(QString, path);
    TruthCase c;
    QString error;
    // The embedded runtime is Node 18 (V8 10.2); what V8 does may differ on later lines.
    const TestRuntime &runtime = TestRuntime::current();
    const int nodeMajor = runtime.isEmbedded() ? 18 : majorOf(runtime.nodeVersion);
    QVERIFY2(TruthCase::load(path, nodeMajor, &c, &error), qPrintable(error));
    // The case documents LiveEdit; under Graft's own engine only the claims are checked (against the program).
    const bool liveEdit = runtime.cannot(TestRuntime::Need::LiveEditRule).isEmpty();

    TruthSession session;
    QVERIFY2(session.start(c.fileName, c.program, &error), qPrintable(error));
    QStringList failures;
    TruthVerdict verdict;
    for (int i = 0; i < c.edits.size(); ++i) {
        const TruthEdit &edit = c.edits.at(i);
        const QString at = QStringLiteral("edit %1: ").arg(i + 1);
        ++m_edits;
        const QJsonObject patch = session.apply(edit.source, &error);
        if (patch.isEmpty()) {
            failures << at + error;
            break;
        }
        if (edit.waitMs)
            session.wait(edit.waitMs);
        const QHash<QString, QString> observed = session.probeLive(&error);
        if (!error.isEmpty()) {
            failures << at + error;
            break;
        }

        QList<ProbeObservation> observations;
        bool documentedStale = false;
        for (const Probe &probe : edit.probes) {
            const QString value = observed.value(probe.key, QStringLiteral("<no such probe>"));
            observations.append({ probe, isChangedByEdit(edit, probe), value, {} });
            if (liveEdit && !probe.truth.contains(value))
                failures << at
                        + QStringLiteral("the program differs from the case: %1 runs %2, the case says V8 gives %3")
                              .arg(probe.key, value, probe.truth.join(QLatin1Char('|')));
            documentedStale = documentedStale || (observations.last().changed && value != probe.newMarker);
        }
        if (liveEdit && documentedStale && edit.statuses.contains(QLatin1String("applied")))
            failures << at + QStringLiteral("the case is wrong: status applied although a changed function is stale");

        const TruthVerdict claims = checkClaims(patch, observations);
        verdict.merge(claims);
        for (const QString &f : claims.failures)
            failures << at + f;
        for (const QString &f : checkConsistency(patch))
            failures << at + f;
        if (liveEdit && !edit.statuses.contains(patch.value("status").toString()))
            failures << at
                    + QStringLiteral("report differs from V8: status should be %1, Graft says %2")
                          .arg(edit.statuses.join(QLatin1Char('|')), patch.value("status").toString());
        for (const QString &binding : edit.staleBindings) {
            const QJsonArray bindings = patch.value("bindings").toArray();
            if (std::none_of(bindings.begin(), bindings.end(), [&](const QJsonValue &b) {
                    return b.toObject().value("name") == binding && b.toObject().value("stale") == true;
                }))
                failures << at
                        + QStringLiteral("report differs from V8: binding %1 keeps its old value, Graft does "
                                         "not say so")
                              .arg(binding);
        }
        for (const FunctionOutcome &expected : liveEdit ? edit.functions : QList<FunctionOutcome> {}) {
            const QString difference = compareOutcome(patch, expected);
            if (!difference.isEmpty())
                failures << at + difference;
        }
        if (!session.exitEvent().isEmpty()) {
            failures << at + QStringLiteral("the program is gone: ") + compactJson(session.exitEvent());
            break;
        }
        if (qEnvironmentVariableIsSet("GRAFT_TRUTH_VERBOSE"))
            qInfo("%s%s", qPrintable(at), qPrintable(compactJson(patch)));
    }
    m_total.merge(verdict);
    if (!failures.isEmpty())
        m_failedCases << c.name;
    QVERIFY2(failures.isEmpty(),
        qPrintable(QStringLiteral("%1 (%2)\n    ").arg(c.name, c.title) + failures.join(QStringLiteral("\n    "))));
}

void TestTruthCorpus::cleanupTestCase()
{
    qInfo("truth corpus: %d edits, %d claims checked, %d false, %d unverifiable; failing cases: %s", m_edits,
        m_total.claimsChecked, m_total.claimsFalse, m_total.claimsUnchecked,
        qPrintable(m_failedCases.isEmpty() ? QStringLiteral("none") : m_failedCases.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestTruthCorpus)
#include "tst_truthcorpus.moc"
