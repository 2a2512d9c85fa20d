// SPDX-License-Identifier: MIT
#include "toolingcalls.h"

#include "cborjson.h"
#include "pipewriter.h"
#include "v8strings.h"

#include <vector>

// v8-inspector.h only declares the RemoteObject that wrapObject() hands out;
// its generated header (inspector/Runtime.h) is not installed. This is V8 10.2's
// exported interface for it (inspector_protocol's Exported_h template).
namespace v8_inspector::protocol::Runtime::API {
class RemoteObject
{
public:
    virtual void AppendSerialized(std::vector<uint8_t> *out) const = 0;
    virtual ~RemoteObject() = default;
};
} // namespace v8_inspector::protocol::Runtime::API

namespace graft::runtime {

namespace {

// Too many distinct declarations means a caller builds them per call (which
// would defeat the point): stop caching, so memory stays bounded either way.
constexpr std::size_t kMaxHelpers = 64;

v8_inspector::StringView view(const std::string &text)
{
    return { reinterpret_cast<const uint8_t *>(text.data()), text.size() };
}

std::string utf8(v8::Isolate *isolate, v8::Local<v8::Value> value)
{
    v8::String::Utf8Value text(isolate, value);
    return *text ? std::string(*text, static_cast<std::size_t>(text.length())) : std::string();
}

} // namespace

ToolingCalls::ToolingCalls(
    v8::Isolate *isolate, v8::Local<v8::Context> context, v8_inspector::V8InspectorSession *session, PipeWriter &writer)
    : m_isolate(isolate)
    , m_context(isolate, context)
    , m_session(session)
    , m_writer(writer)
{
}

ToolingCalls::~ToolingCalls() = default;

void ToolingCalls::sendError(const nlohmann::json &id, const std::string &message)
{
    m_writer.send(nlohmann::json { { "id", id }, { "error", { { "code", -32000 }, { "message", message } } } }.dump());
}

v8::MaybeLocal<v8::Function> ToolingCalls::helper(v8::Local<v8::Context> context, const std::string &declaration)
{
    if (const auto it = m_helpers.find(declaration); it != m_helpers.end())
        return it->second.Get(m_isolate);
    v8::ScriptOrigin origin(m_isolate, v8String(m_isolate, "graft:helper"));
    v8::ScriptCompiler::Source source(v8String(m_isolate, "(" + declaration + "\n)"), origin);
    v8::Local<v8::Script> script;
    v8::Local<v8::Value> value;
    if (!v8::ScriptCompiler::Compile(context, &source).ToLocal(&script) || !script->Run(context).ToLocal(&value)
        || !value->IsFunction())
        return {};
    v8::Local<v8::Function> function = value.As<v8::Function>();
    if (m_helpers.size() < kMaxHelpers)
        m_helpers.emplace(declaration, v8::Global<v8::Function>(m_isolate, function));
    return function;
}

bool ToolingCalls::unwrap(const std::string &objectId, v8::Local<v8::Value> *value, v8::Local<v8::Context> *context)
{
    std::unique_ptr<v8_inspector::StringBuffer> error;
    std::unique_ptr<v8_inspector::StringBuffer> group;
    return m_session->unwrapObject(&error, view(objectId), value, context, &group);
}

void ToolingCalls::call(const nlohmann::json &id, const nlohmann::json &params)
{
    v8::HandleScope handleScope(m_isolate);
    v8::Local<v8::Context> context = m_context.Get(m_isolate);

    v8::Local<v8::Value> self = v8::Undefined(m_isolate);
    const std::string objectId = params.value("objectId", std::string());
    if (!objectId.empty() && !unwrap(objectId, &self, &context)) {
        sendError(id, "Could not find object with given id");
        return;
    }
    v8::Context::Scope contextScope(context);

    std::vector<v8::Local<v8::Value>> arguments;
    for (const nlohmann::json &argument : params.value("arguments", nlohmann::json::array())) {
        v8::Local<v8::Value> value = v8::Undefined(m_isolate);
        if (argument.contains("objectId")) {
            v8::Local<v8::Context> ignored;
            if (!unwrap(argument["objectId"].get<std::string>(), &value, &ignored)) {
                sendError(id, "Could not find object with given id");
                return;
            }
        } else if (argument.contains("value")) {
            if (!v8::JSON::Parse(context, v8String(m_isolate, argument["value"].dump())).ToLocal(&value)) {
                sendError(id, "Could not read an argument");
                return;
            }
        }
        arguments.push_back(value);
    }

    v8::TryCatch tryCatch(m_isolate);
    v8::Local<v8::Function> function;
    if (!helper(context, params.value("functionDeclaration", std::string())).ToLocal(&function)) {
        sendError(id,
            tryCatch.HasCaught() ? utf8(m_isolate, tryCatch.Exception())
                                 : std::string("Given expression does not evaluate to a function"));
        return;
    }
    v8::Local<v8::Value> result;
    if (!function->Call(context, self, static_cast<int>(arguments.size()), arguments.data()).ToLocal(&result)) {
        const std::string text = tryCatch.HasCaught() ? utf8(m_isolate, tryCatch.Exception()) : "terminated";
        m_writer.send(nlohmann::json { { "id", id },
            { "result",
                { { "result", { { "type", "undefined" } } },
                    { "exceptionDetails",
                        { { "exceptionId", 0 }, { "text", text }, { "lineNumber", 0 }, { "columnNumber", 0 } } } } } }
                          .dump());
        return;
    }

    nlohmann::json remote;
    if (params.value("returnByValue", false)) {
        v8::Local<v8::String> json;
        if (!v8::JSON::Stringify(context, result).ToLocal(&json)) {
            sendError(id, "Object couldn't be returned by value");
            return;
        }
        nlohmann::json parsed = nlohmann::json::parse(utf8(m_isolate, json), nullptr, false);
        remote = { { "type", result->IsArray() ? "object" : utf8(m_isolate, result->TypeOf(m_isolate)) },
            { "value", parsed.is_discarded() ? nlohmann::json() : parsed } };
    } else {
        const std::string group = params.value("objectGroup", std::string());
        std::unique_ptr<v8_inspector::protocol::Runtime::API::RemoteObject> wrapped
            = m_session->wrapObject(context, result, view(group), params.value("generatePreview", false));
        std::vector<uint8_t> cbor;
        if (wrapped)
            wrapped->AppendSerialized(&cbor);
        std::optional<nlohmann::json> decoded = cborToJson(cbor);
        if (!decoded) {
            sendError(id, "could not serialize the result");
            return;
        }
        remote = std::move(*decoded);
    }
    m_writer.send(nlohmann::json { { "id", id }, { "result", { { "result", remote } } } }.dump());
}

} // namespace graft::runtime
