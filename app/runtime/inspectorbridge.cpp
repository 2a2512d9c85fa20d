// SPDX-License-Identifier: MIT
#include "inspectorbridge.h"

#include "messagequeue.h"
#include "pipewriter.h"
#include "toolingcalls.h"
#include "utf8.h"

#include <nlohmann/json.hpp>

#include <node.h>

#include <chrono>

namespace graft::runtime {

namespace {

constexpr int kContextGroupId = 1;

v8_inspector::StringView toStringView(const std::string &text)
{
    return { reinterpret_cast<const uint8_t *>(text.data()), text.size() };
}

std::string toUtf8(const v8_inspector::StringView &view)
{
    if (view.is8Bit()) // Latin-1: each unit is its own code point
        return utf16ToUtf8(view.length(), [&](std::size_t i) { return uint32_t(view.characters8()[i]); });
    return utf16ToUtf8(view.length(), [&](std::size_t i) { return uint32_t(view.characters16()[i]); });
}

} // namespace

InspectorBridge::InspectorBridge(v8::Isolate *isolate, v8::Local<v8::Context> context,
    node::MultiIsolatePlatform *platform, MessageQueue &queue, PipeWriter &writer, const std::string &hiddenScript)
    : m_isolate(isolate)
    , m_context(isolate, context)
    , m_platform(platform)
    , m_queue(queue)
    , m_writer(writer)
    , m_hiddenScriptUrl(hiddenScript.empty() ? std::string() : "\"url\":\"" + hiddenScript + "\"")
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

void InspectorBridge::quitMessageLoopOnPause() { m_paused = false; }

void InspectorBridge::runIfWaitingForDebugger(int) { m_waitingForDebugger = false; }

v8::Local<v8::Context> InspectorBridge::ensureDefaultContextInGroup(int) { return m_context.Get(m_isolate); }

double InspectorBridge::currentTimeMS()
{
    using namespace std::chrono;
    return static_cast<double>(duration_cast<microseconds>(system_clock::now().time_since_epoch()).count()) / 1000.0;
}

void InspectorBridge::sendResponse(int, std::unique_ptr<v8_inspector::StringBuffer> message)
{
    m_writer.send(toUtf8(message->string()));
}

void InspectorBridge::sendNotification(std::unique_ptr<v8_inspector::StringBuffer> message)
{
    std::string json = toUtf8(message->string());
    // V8 writes the method first: only a scriptParsed is searched for the url.
    static constexpr std::string_view kScriptParsed = "{\"method\":\"Debugger.scriptParsed\"";
    if (!m_hiddenScriptUrl.empty() && json.compare(0, kScriptParsed.size(), kScriptParsed) == 0
        && json.find(m_hiddenScriptUrl) != std::string::npos)
        return;
    m_writer.send(json);
}

void InspectorBridge::reportUncaughtException(
    v8::Local<v8::Context> context, v8::Local<v8::Value> error, const std::string &description)
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

    m_inspector->exceptionThrown(context, toStringView("Uncaught"), error, toStringView(description), toStringView(url),
        static_cast<unsigned>(line), static_cast<unsigned>(column), m_inspector->createStackTrace(trace), scriptId);
}

} // namespace graft::runtime
