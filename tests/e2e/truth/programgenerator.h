// SPDX-License-Identifier: MIT
#pragma once

// A seeded generator of small CommonJS programs and random edits for the truth
// oracle. Every function returns a version marker ('F3:v2'), so the program
// itself tells which code a live instance runs; the generator knows what the
// edited source says each one should return, never what V8 will do.
//
// Program shape: top-level functions (declarations, function expressions, arrows)
// that each return { v: marker, k: { G7: nestedClosure, ... } }; nested closures
// capture parameters, locals and top-level `let`s; a registry `__reg` of the
// top-level functions live at load, closures made at load kept in `__old` and
// called by an interval, and `__probe()` that reports every marker as JSON.

#include "truthcheck.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <random>

struct GenFunction
{
    QString id;   // stable across edits: the marker's prefix
    QString name; // the JavaScript name (renames change it)
    int kind = 0; // top: 0 declaration, 1 function expression, 2 arrow; nested: 0 declaration, 1 arrow, 2 concise
                  // arrow, 3 function expression
    int version = 1;
    QStringList captures; // names it reads from enclosing scopes
    bool usesThis = false;
    bool usesArguments = false;
    bool liveAtLoad = false; // exists in the running program (top-level code made it)
    QStringList locals;      // top-level functions only
    QList<GenFunction> kids; // top-level functions only

    QString marker() const { return QStringLiteral("%1:v%2").arg(id).arg(version); }
    bool isArrow(bool top) const { return top ? kind == 2 : (kind == 1 || kind == 2); }
};

class ProgramGenerator
{
public:
    explicit ProgramGenerator(quint32 seed);

    // A fresh program; returns its source.
    QByteArray newProgram();
    // Applies 1-2 random mutations; returns the new source and a one-line description.
    QByteArray mutate(QString *description);
    // The probes for the current source: which marker every live instance should return.
    QList<ProbeObservation> probes() const;
    QByteArray source() const { return m_source; }
    // Marks what the running program now contains (after a patch was answered).
    void commit();

private:
    quint32 below(quint32 n) { return n ? m_rng() % n : 0; }
    bool chance(int percent) { return int(below(100)) < percent; }
    GenFunction newTop(bool live);
    GenFunction newKid();
    QStringList kidScope(const GenFunction &top) const;
    QString value(const GenFunction &f) const;
    QString renderKid(const GenFunction &kid) const;
    void render();
    QString mutateOnce();

    std::mt19937 m_rng;
    QList<GenFunction> m_tops;
    QHash<QString, int> m_lines;          // id -> line in m_source
    QHash<QString, QString> m_lastMarker; // id -> marker the last committed source said
    QByteArray m_source;
    int m_nextId = 0;
};
