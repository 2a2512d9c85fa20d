// SPDX-License-Identifier: MIT
#include "inspectorbridge.h"

#include "messagequeue.h"
#include "pipewriter.h"
#include "toolingcalls.h"

#include <nlohmann/json.hpp>

#include <node.h>

#include <chrono>

namespace graft::runtime {

namespace {

constexpr int kContextGroupId = 1;

v8_inspector::StringView toStringView(const std::string &text)
{
    return {reinterpret_cast<const uint8_t *>(text.data()), text.size()};
}

std::string toUtf8(const v8_inspector::StringView &view)
{
    std::string out;
    out.reserve(view.length());
    auto appendCodePoint = [&out](uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    };
    if (view.is8Bit()) {
        for (std::size_t i = 0; i < view.length(); ++i)
            appendCodePoint(view.characters8()[i]); // Latin-1
        return out;
    }
    const uint16_t *chars = view.characters16();
    for (std::size_t i = 0; i < view.length(); ++i) {
        uint32_t unit = chars[i];
        if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < view.length() && chars[i + 1] >= 0xDC00
            && chars[i + 1] <= 0xDFFF) {
            unit = 0x10000 + ((unit - 0xD800) << 10) + (chars[i + 1] - 0xDC00);
            ++i;
        } else if (unit >= 0xD800 && unit <= 0xDFFF) {
            unit = 0xFFFD; // a lone surrogate cannot be encoded as UTF-8
        }
        appendCodePoint(unit);
    }
    return out;
}

} // namespace

InspectorBridge::InspectorBridge(v8::Isolate *isolate, v8::Local<v8::Context> context,
                                 node::MultiIsolatePlatform *platform, MessageQueue &queue, PipeWriter &writer)
    : m_isolate(isolate)
    , m_context(isolate, context)
    , m_platform(platform)
    , m_queue(queue)
    , m_writer(writer)
{
    m_inspector = v8_inspector::V8Inspector::create(isolate, this);
    const std::string name = "graft";
    m_inspector->contextCreated(v8_inspector::V8ContextInfo(context, kContextGroupId, toStringView(name)));
    m_session = m_inspector->connect(kContextGroupId, this, v8_inspector::StringView());
    m_tooling = std::make_unique<ToolingCalls>(isolate, context, m_session.get(), writer);
}

InspectorBridge::~InspectorBridge()
{
    m_tooling.reset();
    m_session.reset();
    m_inspector.reset();
}

void InspectorBridge::dispatch(const std::string &message)
{
    // Graft's own method, in the same queue as the protocol's so that its order
    // with them holds (it uses object ids they hand out).
    if (message.find("\"Graft.callFunctionOn\"") != std::string::npos) {
        const nlohmann::json request = nlohmann::json::parse(message, nullptr, false);
        if (request.is_object() && request.value("method", std::string()) == "Graft.callFunctionOn") {
            m_tooling->call(request["id"], request.value("params", nlohmann::json::object()));
            return;
        }
    }
    m_session->dispatchProtocolMessage(toStringView(message));
}

void InspectorBridge::pumpWhile(const bool &condition)
{
    while (condition) {
        std::optional<std::string> message = m_queue.waitPop();
        if (!message)
            return; // the app is gone
        dispatch(*message);
        m_platform->FlushForegroundTasks(m_isolate);
    }
}

void InspectorBridge::waitForDebugger()
{
    m_waitingForDebugger = true;
    pumpWhile(m_waitingForDebugger);
    m_waitingForDebugger = false;
}

void InspectorBridge::runMessageLoopOnPause(int)
{
    if (m_paused)
        return; // nested pause: the outer loop keeps pumping
    m_paused = true;
    pumpWhile(m_paused);
    m_paused = false;
}

void InspectorBridge::quitMessageLoopOnPause()
{
    m_paused = false;
}

void InspectorBridge::runIfWaitingForDebugger(int)
{
    m_waitingForDebugger = false;
}

v8::Local<v8::Context> InspectorBridge::ensureDefaultContextInGroup(int)
{
    return m_context.Get(m_isolate);
}

double InspectorBridge::currentTimeMS()
{
    using namespace std::chrono;
    return static_cast<double>(duration_cast<microseconds>(system_clock::now().time_since_epoch()).count())
           / 1000.0;
}

void InspectorBridge::sendResponse(int, std::unique_ptr<v8_inspector::StringBuffer> message)
{
    m_writer.send(toUtf8(message->string()));
}

void InspectorBridge::sendNotification(std::unique_ptr<v8_inspector::StringBuffer> message)
{
    m_writer.send(toUtf8(message->string()));
}

void InspectorBridge::reportUncaughtException(v8::Local<v8::Context> context, v8::Local<v8::Value> error,
                                              const std::string &description)
{
    v8::Local<v8::StackTrace> trace = v8::Exception::GetStackTrace(error);

    // Where the error was thrown: the top frame of its own stack when it has one
    // (the message's location would be the bootstrap's handler that reports it).
    std::string url;
    int line = 0;
    int column = 0;
    int scriptId = 0;
    if (!trace.IsEmpty() && trace->GetFrameCount() > 0) {
        v8::Local<v8::StackFrame> top = trace->GetFrame(m_isolate, 0);
        if (v8::Local<v8::String> name = top->GetScriptNameOrSourceURL(); !name.IsEmpty())
            url = *v8::String::Utf8Value(m_isolate, name);
        line = top->GetLineNumber();
        column = top->GetColumn();
        scriptId = top->GetScriptId();
    }

    m_inspector->exceptionThrown(context, toStringView("Uncaught"), error, toStringView(description),
                                 toStringView(url), static_cast<unsigned>(line), static_cast<unsigned>(column),
                                 m_inspector->createStackTrace(trace), scriptId);
}

} // namespace graft::runtime
