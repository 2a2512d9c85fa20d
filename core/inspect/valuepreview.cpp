// SPDX-License-Identifier: MIT
#include "inspect/valuepreview.h"

#include "cdp/cdpclient.h"

namespace graft {

namespace {

void insertIfSet(QJsonObject &object, const char *key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(QLatin1String(key), value);
}

// An entry's key or value: an ObjectPreview of its own, reduced to one line.
QString quotedIfString(const QJsonValue &type, const QString &text)
{
    return type == QLatin1String("string")
        ? RemoteValue { QStringLiteral("string"), {}, {}, {}, {}, QJsonValue(text), {} }.display()
        : text;
}

QJsonObject entryPart(const QJsonObject &preview)
{
    const QJsonValue type = preview.value(QLatin1String("type"));
    QJsonObject part { { QStringLiteral("type"), type },
        { QStringLiteral("value"), quotedIfString(type, preview.value(QLatin1String("description")).toString()) } };
    insertIfSet(part, "subtype", preview.value(QLatin1String("subtype")).toString());
    return part;
}

QJsonObject previewJson(const QJsonObject &preview)
{
    QJsonArray properties;
    for (const QJsonValue &p : preview.value(QLatin1String("properties")).toArray()) {
        const QJsonObject property = p.toObject();
        QJsonObject out { { QStringLiteral("name"), property.value(QLatin1String("name")) },
            { QStringLiteral("type"), property.value(QLatin1String("type")) } };
        insertIfSet(out, "subtype", property.value(QLatin1String("subtype")).toString());
        // A string property's value comes unquoted; everything else as V8 writes it.
        out.insert(QStringLiteral("value"),
            quotedIfString(property.value(QLatin1String("type")), property.value(QLatin1String("value")).toString()));
        properties.append(out);
    }
    QJsonObject out { { QStringLiteral("overflow"), preview.value(QLatin1String("overflow")).toBool() },
        { QStringLiteral("properties"), properties } };
    if (preview.contains(QLatin1String("entries"))) {
        QJsonArray entries;
        for (const QJsonValue &e : preview.value(QLatin1String("entries")).toArray()) {
            const QJsonObject entry = e.toObject();
            QJsonObject item { { QStringLiteral("value"), entryPart(entry.value(QLatin1String("value")).toObject()) } };
            if (entry.contains(QLatin1String("key")))
                item.insert(QStringLiteral("key"), entryPart(entry.value(QLatin1String("key")).toObject()));
            entries.append(item);
        }
        out.insert(QStringLiteral("entries"), entries);
    }
    return out;
}

} // namespace

QJsonObject valueJson(const RemoteValue &value)
{
    QJsonObject out { { QStringLiteral("type"), value.type }, { QStringLiteral("value"), value.display() } };
    insertIfSet(out, "subtype", value.subtype);
    insertIfSet(out, "className", value.className);
    insertIfSet(out, "description", value.description);
    insertIfSet(out, "objectId", value.objectId);
    if (!value.preview.isEmpty())
        out.insert(QStringLiteral("preview"), previewJson(value.preview));
    return out;
}

void expandObject(CdpClient *client, const QString &objectId, QObject *context,
    std::function<void(bool, const QJsonArray &, const QString &)> done)
{
    const QJsonObject params { { QStringLiteral("objectId"), objectId }, { QStringLiteral("ownProperties"), true },
        { QStringLiteral("generatePreview"), true } };
    client->call(QStringLiteral("Runtime.getProperties"), params, context, [done](const CdpReply &reply) {
        if (!reply.ok) {
            done(false, {}, reply.errorMessage);
            return;
        }
        QJsonArray properties;
        auto add = [&properties](const QJsonObject &property, bool internal) {
            QJsonObject out;
            if (property.contains(QLatin1String("value")))
                out = valueJson(remoteValueFromJson(property.value(QLatin1String("value")).toObject()));
            else
                out = QJsonObject { { QStringLiteral("type"), QStringLiteral("accessor") },
                    { QStringLiteral("value"), QStringLiteral("(...)") } };
            out.insert(QStringLiteral("name"), property.value(QLatin1String("name")));
            if (internal)
                out.insert(QStringLiteral("internal"), true);
            properties.append(out);
        };
        // As DevTools: own properties, then the internal ones, the prototype last.
        QJsonObject prototype;
        for (const QJsonValue &p : reply.result.value(QLatin1String("result")).toArray()) {
            if (p.toObject().value(QLatin1String("name")) != QLatin1String("__proto__"))
                add(p.toObject(), false);
        }
        for (const QJsonValue &p : reply.result.value(QLatin1String("internalProperties")).toArray()) {
            if (p.toObject().value(QLatin1String("name")) == QLatin1String("[[Prototype]]"))
                prototype = p.toObject();
            else
                add(p.toObject(), true);
        }
        if (!prototype.isEmpty())
            add(prototype, true);
        done(true, properties, {});
    });
}

} // namespace graft
