// SPDX-License-Identifier: MIT
#pragma once

// One program under graft --headless, edited through `apply` and asked through
// `eval` which code its live instances run. A runtime crash or an unanswered
// save is reported as an error, never waited out.

#include "headlessharness.h"

#include <QHash>
#include <QJsonObject>

class TruthSession
{
public:
    // Writes the program, starts it and waits until the runtime has loaded it.
    bool start(const QString &fileName, const QByteArray &source, QString *error);
    // Applies an edit; returns its patch event, or an empty object with the reason.
    QJsonObject apply(const QByteArray &source, QString *error);
    // Evaluates `expression` (which must give a JSON object text) in the program.
    QHash<QString, QString> probe(const QString &expression, QString *error);
    // `__live[key]()` for every key the program registered, as strings.
    QHash<QString, QString> probeLive(QString *error);
    // The exit event if the program is gone (crash, exit), else empty.
    QJsonObject exitEvent();
    void wait(int ms);

private:
    QString crashText();

    HeadlessHarness m_graft;
    QString m_path;
    int m_nextId = 1000;
    int m_patches = 0;
};
