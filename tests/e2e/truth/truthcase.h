// SPDX-License-Identifier: MIT
#pragma once

// One case of the truth corpus, read from tests/e2e/truth/cases/NAME.case:
// a program, successive edits, and for each edit what V8 10.2 does with it
// (per function) and which code each probed live instance runs afterwards.
// The format is described in cases/README.md.

#include <QList>
#include <QString>
#include <QStringList>

// Where a report entry is found: by name, by 1-based line, or both.
struct FunctionSpec
{
    QString name; // empty: any name
    int line = 0; // 0: any line

    static FunctionSpec parse(const QString &text);
    bool matches(const QString &entryName, int entryLine) const;
    QString toString() const;
};

// One live instance the test asks the program about: `globalThis.__live[key]()`
// returns the version marker of the code that instance runs.
struct Probe
{
    QString key;
    FunctionSpec function;
    bool createdBefore = true; // created before the edit (the interesting ones) or at probe time
    QString newMarker;         // what it returns if it runs the edited source
    QStringList truth;         // what V8 10.2 really makes it return (alternatives where Graft may choose)
};

// What V8 does with one function of an edit; Graft's entry must say the same.
struct FunctionOutcome
{
    FunctionSpec function;
    // effective, not-effective, added (never created), added-effective, removed, unchanged,
    // blocked (not claimed effective); alternatives where Graft may choose (work around or refuse).
    QStringList outcomes;
};

struct TruthEdit
{
    QByteArray source;
    QStringList statuses;      // the honest status (applied, partial, blocked, compile-error, unchanged); alternatives
    QStringList staleBindings; // top-level bindings (and static fields) whose live value is not the new source's
    int waitMs = 0;            // how long the program runs before it is probed (timers, intervals)
    QList<FunctionOutcome> functions;
    QList<Probe> probes;
};

struct TruthCase
{
    QString name;
    QString title;
    QString fileName; // program.js or program.mjs
    QByteArray program;
    QList<TruthEdit> edits;

    // Reads and checks the case; on a malformed case returns false with the reason.
    // What V8 does can depend on its version: an edit's `--- expect node >= N`
    // section replaces its plain `--- expect` when the program runs on Node N or
    // later (`nodeMajor`; the embedded runtime is Node 18).
    static bool load(const QString &path, int nodeMajor, TruthCase *result, QString *error);
};
