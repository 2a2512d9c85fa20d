// SPDX-License-Identifier: MIT
#include "cdp/consoleformat.h"

#include "cdp/cdpclient.h"

#include <QJsonArray>

namespace graft {

namespace {

// An object preview as Node prints small objects: { a: 1, b: 'x' }, [ 1, 2 ].
QString previewText(const QJsonObject &preview)
{
    const bool array = preview.value(QLatin1String("subtype")).toString() == QLatin1String("array");
    QStringList parts;
    for (const QJsonValue &value : preview.value(QLatin1String("properties")).toArray()) {
        const QJsonObject p = value.toObject();
        QString text = p.value(QLatin1String("value")).toString();
        if (p.value(QLatin1String("type")).toString() == QLatin1String("string"))
            text = QStringLiteral("'%1'").arg(text);
        parts << (array ? text : p.value(QLatin1String("name")).toString() + QStringLiteral(": ") + text);
    }
    if (preview.value(QLatin1String("overflow")).toBool())
        parts << QStringLiteral("...");
    if (parts.isEmpty())
        return array ? QStringLiteral("[]") : QStringLiteral("{}");
    return array ? QStringLiteral("[ %1 ]").arg(parts.join(QStringLiteral(", ")))
                 : QStringLiteral("{ %1 }").arg(parts.join(QStringLiteral(", ")));
}

QString argumentText(const QJsonObject &argument)
{
    const QString type = argument.value(QLatin1String("type")).toString();
    if (type == QLatin1String("string"))
        return argument.value(QLatin1String("value")).toString();
    const QString subtype = argument.value(QLatin1String("subtype")).toString();
    if (type == QLatin1String("object") && subtype != QLatin1String("error") && subtype != QLatin1String("null")
        && argument.contains(QLatin1String("preview"))) {
        const QJsonObject preview = argument.value(QLatin1String("preview")).toObject();
        const QString subtypeOfPreview = preview.value(QLatin1String("subtype")).toString();
        if (subtypeOfPreview.isEmpty() || subtypeOfPreview == QLatin1String("array"))
            return previewText(preview);
    }
    return remoteValueFromJson(argument).display();
}

} // namespace

QString formatConsoleCall(const QJsonObject &params)
{
    const QJsonArray args = params.value(QLatin1String("args")).toArray();
    QStringList parts;
    qsizetype next = 0;
    if (!args.isEmpty() && args.first().toObject().value(QLatin1String("type")) == QLatin1String("string")) {
        const QString format = args.first().toObject().value(QLatin1String("value")).toString();
        next = 1;
        QString text;
        for (qsizetype i = 0; i < format.size(); ++i) {
            const QChar c = format.at(i);
            if (c != QLatin1Char('%') || i + 1 >= format.size()) {
                text += c;
                continue;
            }
            const QChar spec = format.at(i + 1);
            if (spec == QLatin1Char('%')) {
                text += QLatin1Char('%');
                ++i;
            } else if (QStringLiteral("sdifjoOc").contains(spec)) {
                ++i;
                if (spec == QLatin1Char('c'))
                    ++next; // CSS: consumed, not printed
                else if (next < args.size())
                    text += argumentText(args.at(next++).toObject());
                else
                    text += QLatin1Char('%') + spec;
            } else {
                text += c;
            }
        }
        parts << text;
    }
    for (; next < args.size(); ++next)
        parts << argumentText(args.at(next).toObject());
    return parts.join(QLatin1Char(' '));
}

QString consoleStream(const QJsonObject &params)
{
    const QString type = params.value(QLatin1String("type")).toString();
    const bool toStderr = type == QLatin1String("error") || type == QLatin1String("warning")
        || type == QLatin1String("assert") || type == QLatin1String("trace");
    return toStderr ? QStringLiteral("stderr") : QStringLiteral("stdout");
}

} // namespace graft
