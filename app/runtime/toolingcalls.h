// SPDX-License-Identifier: MIT
#pragma once

// Graft.callFunctionOn: Runtime.callFunctionOn without a new script per call.
// With a debugger attached V8 turns its compilation cache off, so every
// Runtime.callFunctionOn / Runtime.evaluate compiles a fresh anonymous script
// that stays in the program's script list (two per patch, for ever). Graft's
// own helpers are few and fixed: each distinct declaration is compiled once per
// runtime (as a script named graft:helper) and then only called.
// Lives on the isolate thread, as the inspector it uses.

#include <nlohmann/json.hpp>
#include <v8-inspector.h>
#include <v8.h>

#include <string>
#include <unordered_map>

namespace graft::runtime {

class PipeWriter;

class ToolingCalls
{
public:
    ToolingCalls(v8::Isolate *isolate, v8::Local<v8::Context> context, v8_inspector::V8InspectorSession *session,
        PipeWriter &writer);
    ~ToolingCalls();

    // Answers one Graft.callFunctionOn request (same params and result as
    // Runtime.callFunctionOn: objectId, functionDeclaration, arguments,
    // objectGroup, returnByValue, generatePreview).
    void call(const nlohmann::json &id, const nlohmann::json &params);

private:
    v8::MaybeLocal<v8::Function> helper(v8::Local<v8::Context> context, const std::string &declaration);
    bool unwrap(const std::string &objectId, v8::Local<v8::Value> *value, v8::Local<v8::Context> *context);
    void sendError(const nlohmann::json &id, const std::string &message);

    v8::Isolate *m_isolate;
    v8::Global<v8::Context> m_context;
    v8_inspector::V8InspectorSession *m_session;
    PipeWriter &m_writer;
    std::unordered_map<std::string, v8::Global<v8::Function>> m_helpers;
};

} // namespace graft::runtime
