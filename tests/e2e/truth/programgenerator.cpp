// SPDX-License-Identifier: MIT
#include "programgenerator.h"

namespace {

const QStringList kGlobals { QStringLiteral("t0"), QStringLiteral("t1"), QStringLiteral("t2") };

// One line, never edited: reports every live instance's marker. Instances are
// reached through the registry (top-level code is not re-run, so only functions
// live at load are there) and through the closures kept at load.
const char kPrelude[]
    = "const __reg = {};\n"
      "const __old = {};\n"
      "globalThis.__probe = () => { const r = {}; const call = (f) => { try { return String(f()); } catch (e) { "
      "return 'throw:' + e.message; } }; for (const id in __reg) { let o; try { o = __reg[id](); } catch (e) { "
      "r[id] = 'throw:' + e.message; continue; } r[id] = String(o && o.v); for (const k in (o && o.k) || {}) "
      "r[id + '/' + k + '@new'] = call(o.k[k]); } for (const k in __old) r[k + '@old'] = call(__old[k]); "
      "return JSON.stringify(r); };\n"
      "setInterval(() => { for (const k in __old) { try { __old[k](); } catch (e) {} } }, 40);\n"
      "let t0 = 't0';\n"
      "let t1 = 't1';\n"
      "let t2 = 't2';\n";

const char kEpilogue[]
    = "for (const id in __reg) { const o = __reg[id](); for (const k in o.k) __old[id + '/' + k] = o.k[k]; }\n";

} // namespace

ProgramGenerator::ProgramGenerator(quint32 seed)
    : m_rng(seed)
{
}

QStringList ProgramGenerator::kidScope(const GenFunction &top) const
{
    return kGlobals + top.locals + QStringList { QStringLiteral("p") };
}

GenFunction ProgramGenerator::newKid()
{
    GenFunction kid;
    kid.id = QStringLiteral("G%1").arg(m_nextId++);
    kid.name = QStringLiteral("g%1").arg(m_nextId++);
    kid.kind = int(below(4));
    return kid;
}

GenFunction ProgramGenerator::newTop(bool live)
{
    GenFunction top;
    top.id = QStringLiteral("F%1").arg(m_nextId++);
    top.name = QStringLiteral("f%1").arg(m_nextId++);
    top.kind = int(below(3));
    top.liveAtLoad = live;
    for (int i = 0, n = int(below(3)); i < n; ++i)
        top.locals << QStringLiteral("l%1").arg(m_nextId++);
    if (chance(40))
        top.captures << kGlobals.at(below(3));
    for (int i = 0, n = int(below(4)); i < n; ++i) {
        GenFunction kid = newKid();
        kid.liveAtLoad = live;
        const QStringList scope = kidScope(top);
        for (int c = 0, m = int(below(3)); c < m; ++c) {
            const QString name = scope.at(below(quint32(scope.size())));
            if (!kid.captures.contains(name))
                kid.captures << name;
        }
        top.kids << kid;
    }
    return top;
}

QByteArray ProgramGenerator::newProgram()
{
    m_tops.clear();
    for (int i = 0, n = 2 + int(below(3)); i < n; ++i)
        m_tops << newTop(true);
    render();
    commit();
    return m_source;
}

void ProgramGenerator::commit()
{
    m_lastMarker.clear();
    for (const GenFunction &top : std::as_const(m_tops)) {
        m_lastMarker.insert(top.id, top.marker());
        for (const GenFunction &kid : top.kids)
            m_lastMarker.insert(kid.id, kid.marker());
    }
}

// The returned expression reads every captured name, so the scope analysis sees the references.
QString ProgramGenerator::value(const GenFunction &f) const
{
    QStringList reads = f.captures;
    if (f.usesThis)
        reads << QStringLiteral("this");
    if (f.usesArguments)
        reads << QStringLiteral("arguments.length");
    const QString marker = QStringLiteral("'%1'").arg(f.marker());
    return reads.isEmpty() ? marker : QStringLiteral("(%1, %2)").arg(reads.join(QStringLiteral(", ")), marker);
}

QString ProgramGenerator::renderKid(const GenFunction &kid) const
{
    switch (kid.kind) {
    case 0:
        return QStringLiteral("  function %1() { return %2; }").arg(kid.name, value(kid));
    case 1:
        return QStringLiteral("  const %1 = () => { return %2; };").arg(kid.name, value(kid));
    case 2:
        return QStringLiteral("  const %1 = () => %2;").arg(kid.name, value(kid));
    default:
        return QStringLiteral("  const %1 = function () { return %2; };").arg(kid.name, value(kid));
    }
}

void ProgramGenerator::render()
{
    QStringList lines = QString::fromLatin1(kPrelude).split(QLatin1Char('\n'));
    lines.removeLast();
    m_lines.clear();
    for (const GenFunction &top : std::as_const(m_tops)) {
        m_lines.insert(top.id, int(lines.size()) + 1);
        switch (top.kind) {
        case 0:
            lines << QStringLiteral("function %1(p) {").arg(top.name);
            break;
        case 1:
            lines << QStringLiteral("const %1 = function (p) {").arg(top.name);
            break;
        default:
            lines << QStringLiteral("const %1 = (p) => {").arg(top.name);
            break;
        }
        for (const QString &local : top.locals)
            lines << QStringLiteral("  let %1 = '%1';").arg(local);
        QStringList kids;
        for (const GenFunction &kid : top.kids) {
            m_lines.insert(kid.id, int(lines.size()) + 1);
            lines << renderKid(kid);
            kids << QStringLiteral("%1: %2").arg(kid.id, kid.name);
        }
        lines << QStringLiteral("  return { v: %1, k: { %2 } };").arg(value(top), kids.join(QStringLiteral(", ")));
        lines << (top.kind == 0 ? QStringLiteral("}") : QStringLiteral("};"));
    }
    for (const GenFunction &top : std::as_const(m_tops))
        lines << QStringLiteral("__reg.%1 = %2;").arg(top.id, top.name);
    lines << QString::fromLatin1(kEpilogue).trimmed();
    m_source = lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

QString ProgramGenerator::mutateOnce()
{
    if (m_tops.isEmpty()) {
        m_tops << newTop(false);
        return QStringLiteral("add a top-level function");
    }
    GenFunction &top = m_tops[below(quint32(m_tops.size()))];
    GenFunction *kid = top.kids.isEmpty() ? nullptr : &top.kids[below(quint32(top.kids.size()))];
    const QStringList scope = kidScope(top);
    switch (below(13)) {
    case 0:
        ++top.version;
        return QStringLiteral("edit the body of %1").arg(top.name);
    case 1:
    case 2:
        if (!kid)
            break;
        ++kid->version;
        return QStringLiteral("edit the body of %1/%2").arg(top.name, kid->name);
    case 3: {
        if (!kid)
            break;
        const QString name = scope.at(below(quint32(scope.size())));
        if (kid->captures.contains(name))
            break;
        kid->captures << name;
        if (chance(70))
            ++kid->version;
        return QStringLiteral("%1/%2 captures %3").arg(top.name, kid->name, name);
    }
    case 4:
        if (!kid || kid->captures.isEmpty())
            break;
        kid->captures.removeAt(below(quint32(kid->captures.size())));
        if (chance(70))
            ++kid->version;
        return QStringLiteral("%1/%2 drops a capture").arg(top.name, kid->name);
    case 5:
        if (!kid || !kid->isArrow(false))
            break;
        (chance(50) ? kid->usesThis : kid->usesArguments) ^= true;
        ++kid->version;
        return QStringLiteral("arrow %1/%2 toggles this/arguments").arg(top.name, kid->name);
    case 6: {
        GenFunction fresh = newKid();
        if (chance(50))
            fresh.captures << scope.at(below(quint32(scope.size())));
        top.kids.insert(below(quint32(top.kids.size() + 1)), fresh);
        return QStringLiteral("insert closure %1 into %2").arg(fresh.name, top.name);
    }
    case 7:
        if (!kid)
            break;
        top.kids.removeAt(kid - top.kids.data());
        return QStringLiteral("delete a closure of %1").arg(top.name);
    case 8:
        if (!kid)
            break;
        kid->name = QStringLiteral("g%1").arg(m_nextId++);
        if (chance(60))
            ++kid->version;
        return QStringLiteral("rename a closure of %1 to %2").arg(top.name, kid->name);
    case 9: {
        const QString old = top.name;
        top.name = QStringLiteral("f%1").arg(m_nextId++);
        if (chance(60))
            ++top.version;
        return QStringLiteral("rename %1 to %2").arg(old, top.name);
    }
    case 10: {
        GenFunction fresh = newTop(false);
        const int at = int(below(quint32(m_tops.size() + 1)));
        m_tops.insert(at, fresh);
        return QStringLiteral("insert top-level function %1 at %2").arg(fresh.name).arg(at);
    }
    case 11:
        if (m_tops.size() < 2)
            break;
        m_tops.removeAt(&top - m_tops.data());
        return QStringLiteral("delete a top-level function");
    default:
        top.locals << QStringLiteral("l%1").arg(m_nextId++);
        if (top.isArrow(true) && chance(30)) {
            top.usesArguments ^= true;
            ++top.version;
        }
        return QStringLiteral("add a local to %1").arg(top.name);
    }
    return {};
}

QByteArray ProgramGenerator::mutate(QString *description)
{
    QStringList done;
    const int wanted = 1 + int(below(2));
    for (int attempts = 0; done.size() < wanted && attempts < 50; ++attempts) {
        const QString what = mutateOnce();
        if (!what.isEmpty())
            done << what;
    }
    render();
    *description = done.join(QStringLiteral("; "));
    return m_source;
}

QList<ProbeObservation> ProgramGenerator::probes() const
{
    QList<ProbeObservation> result;
    auto add = [&](const QString &key, const GenFunction &f, bool before) {
        ProbeObservation o;
        o.probe.key = key;
        o.probe.function.line = m_lines.value(f.id);
        o.probe.createdBefore = before;
        o.probe.newMarker = f.marker();
        o.changed = m_lastMarker.value(f.id) != f.marker();
        // A function new in this edit had no old code: any marker but the new one is stale.
        o.oldMarker = m_lastMarker.value(f.id, QStringLiteral("<none>"));
        result << o;
    };
    for (const GenFunction &top : m_tops) {
        if (!top.liveAtLoad)
            continue; // never created: top-level code does not re-run
        add(top.id, top, true);
        for (const GenFunction &kid : top.kids) {
            add(top.id + QLatin1Char('/') + kid.id + QStringLiteral("@new"), kid, false);
            if (kid.liveAtLoad)
                add(top.id + QLatin1Char('/') + kid.id + QStringLiteral("@old"), kid, true);
        }
    }
    return result;
}
