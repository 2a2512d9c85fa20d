// SPDX-License-Identifier: MIT
#include "workertargets.h"

#include "v8strings.h"

#include <deque>

namespace graft::runtime {

namespace {

constexpr int kInvalidParams = -32602;

} // namespace

// One Worker, seen from its relay thread. The inbox is filled by the reader
// thread and emptied on the relay's loop; the V8 handles belong to the relay.
struct WorkerTargets::Target
{
    WorkerTargets *owner = nullptr;
    std::string sessionId;
    std::string workerId;
    std::string url;
    bool announced = false;
    std::mutex inboxMutex;
    std::deque<std::string> inbox;
    uv_async_t inboxAsync {};
    v8::Isolate *isolate = nullptr;
    v8::Global<v8::Context> context;
    v8::Global<v8::Function> onMessage;
};

WorkerTargets::WorkerTargets(PipeWriter &writer)
    : m_writer(writer)
{
}

WorkerTargets::~WorkerTargets() = default;

void WorkerTargets::install(node::Environment *env) { node::AddLinkedBinding(env, "graft_workers", initBinding, this); }

void WorkerTargets::initBinding(
    v8::Local<v8::Object> exports, v8::Local<v8::Value>, v8::Local<v8::Context> context, void *priv)
{
    v8::Isolate *isolate = context->GetIsolate();
    v8::Local<v8::External> self = v8::External::New(isolate, priv);
    const std::pair<const char *, v8::FunctionCallback> functions[] = { { "attach", attach }, { "send", send } };
    for (const auto &[name, callback] : functions) {
        v8::Local<v8::Function> fn = v8::Function::New(context, callback, self).ToLocalChecked();
        exports->Set(context, v8String(isolate, name), fn).Check();
    }
}

// attach(workerId, url, onMessage) on the relay's thread: returns the session id,
// and whether the Worker should wait for the app's Runtime.runIfWaitingForDebugger.
void WorkerTargets::attach(const v8::FunctionCallbackInfo<v8::Value> &info)
{
    auto *self = static_cast<WorkerTargets *>(info.Data().As<v8::External>()->Value());
    v8::Isolate *isolate = info.GetIsolate();
    if (info.Length() < 3 || !info[2]->IsFunction())
        return;
    auto target = std::make_shared<Target>();
    target->owner = self;
    target->workerId = *v8::String::Utf8Value(isolate, info[0]);
    target->url = *v8::String::Utf8Value(isolate, info[1]);
    target->isolate = isolate;
    target->context.Reset(isolate, isolate->GetCurrentContext());
    target->onMessage.Reset(isolate, info[2].As<v8::Function>());
    // Referenced: the relay lives as long as its Worker, which ends it.
    uv_async_init(node::GetCurrentEventLoop(isolate), &target->inboxAsync, onInbox);
    target->inboxAsync.data = target.get();
    bool wait = false;
    {
        std::lock_guard lock(self->m_mutex);
        target->sessionId = std::to_string(self->m_nextSession++);
        self->m_targets.emplace(target->sessionId, target);
        if (self->m_enabled)
            self->announce(*target);
        wait = self->m_enabled && self->m_waitForDebuggerOnStart;
    }
    node::AddEnvironmentCleanupHook(isolate, onRelayCleanup, target.get());
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Object> result = v8::Object::New(isolate);
    result->Set(context, v8String(isolate, "sessionId"), v8String(isolate, target->sessionId)).Check();
    result->Set(context, v8String(isolate, "wait"), v8::Boolean::New(isolate, wait)).Check();
    info.GetReturnValue().Set(result);
}

// send(sessionId, json): a message of the Worker's inspector, for the app.
void WorkerTargets::send(const v8::FunctionCallbackInfo<v8::Value> &info)
{
    auto *self = static_cast<WorkerTargets *>(info.Data().As<v8::External>()->Value());
    v8::Isolate *isolate = info.GetIsolate();
    if (info.Length() < 2)
        return;
    const std::string sessionId = *v8::String::Utf8Value(isolate, info[0]);
    std::string workerId;
    {
        std::lock_guard lock(self->m_mutex);
        const auto it = self->m_targets.find(sessionId);
        if (it == self->m_targets.end() || !it->second->announced)
            return;
        workerId = it->second->workerId;
    }
    self->m_writer.send(nlohmann::json { { "method", "NodeWorker.receivedMessageFromWorker" },
        { "params",
            { { "sessionId", sessionId }, { "workerId", workerId },
                { "message", std::string(*v8::String::Utf8Value(isolate, info[1])) } } } }
                            .dump());
}

void WorkerTargets::onInbox(uv_async_t *handle)
{
    auto *target = static_cast<Target *>(handle->data);
    std::deque<std::string> messages;
    {
        std::lock_guard lock(target->inboxMutex);
        messages.swap(target->inbox);
    }
    v8::Isolate *isolate = target->isolate;
    v8::HandleScope handleScope(isolate);
    v8::Local<v8::Context> context = target->context.Get(isolate);
    v8::Context::Scope contextScope(context);
    v8::Local<v8::Function> onMessage = target->onMessage.Get(isolate);
    for (const std::string &message : messages) {
        v8::Local<v8::Value> argv[] = { v8String(isolate, message) };
        node::MakeCallback(isolate, context->Global(), onMessage, 1, argv, { 0, 0 });
    }
}

// The relay's environment ends (its Worker ended): forget the target. The handle
// closes on the relay's loop, which Node runs once more before closing it.
void WorkerTargets::onRelayCleanup(void *data)
{
    auto *target = static_cast<Target *>(data);
    WorkerTargets *self = target->owner;
    std::shared_ptr<Target> kept;
    {
        std::lock_guard lock(self->m_mutex);
        const auto it = self->m_targets.find(target->sessionId);
        if (it == self->m_targets.end())
            return;
        kept = it->second;
        self->m_targets.erase(it);
        if (target->announced && self->m_enabled)
            self->m_writer.send(nlohmann::json {
                { "method", "NodeWorker.detachedFromWorker" }, { "params", { { "sessionId", target->sessionId } } } }
                                    .dump());
    }
    target->onMessage.Reset();
    target->context.Reset();
    // The close callback owns the last reference.
    target->inboxAsync.data = new std::shared_ptr<Target>(std::move(kept));
    uv_close(reinterpret_cast<uv_handle_t *>(&target->inboxAsync),
        [](uv_handle_t *handle) { delete static_cast<std::shared_ptr<Target> *>(handle->data); });
}

void WorkerTargets::announce(Target &target)
{
    target.announced = true;
    m_writer.send(nlohmann::json { { "method", "NodeWorker.attachedToWorker" },
        { "params",
            { { "sessionId", target.sessionId },
                { "workerInfo",
                    { { "workerId", target.workerId }, { "type", "worker" }, { "title", target.url },
                        { "url", target.url } } },
                { "waitingForDebugger", m_waitForDebuggerOnStart } } } }
                      .dump());
}

void WorkerTargets::reply(const nlohmann::json &id, const nlohmann::json &result)
{
    m_writer.send(nlohmann::json { { "id", id }, { "result", result } }.dump());
}

void WorkerTargets::handle(const nlohmann::json &id, const std::string &method, const nlohmann::json &params)
{
    std::lock_guard lock(m_mutex);
    if (method == "NodeWorker.enable") {
        m_waitForDebuggerOnStart = params.value("waitForDebuggerOnStart", false);
        reply(id, nlohmann::json::object());
        if (!m_enabled) {
            m_enabled = true;
            for (auto &[sessionId, target] : m_targets)
                announce(*target);
        }
    } else if (method == "NodeWorker.disable") {
        m_enabled = false;
        for (auto &[sessionId, target] : m_targets)
            target->announced = false;
        reply(id, nlohmann::json::object());
    } else if (method == "NodeWorker.sendMessageToWorker") {
        const auto it = m_targets.find(params.value("sessionId", std::string()));
        if (it == m_targets.end()) {
            m_writer.send(nlohmann::json {
                { "id", id }, { "error", { { "code", kInvalidParams }, { "message", "Session not found" } } } }
                              .dump());
            return;
        }
        {
            std::lock_guard inboxLock(it->second->inboxMutex);
            it->second->inbox.push_back(params.value("message", std::string()));
        }
        uv_async_send(&it->second->inboxAsync);
        reply(id, nlohmann::json::object());
    } else {
        m_writer.send(nlohmann::json {
            { "id", id }, { "error", { { "code", -32601 }, { "message", "'" + method + "' wasn't found" } } } }
                          .dump());
    }
}

} // namespace graft::runtime
