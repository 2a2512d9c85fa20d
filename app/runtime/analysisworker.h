// SPDX-License-Identifier: MIT
#pragma once

// Change analysis on a thread of its own, in an isolate of its own: acorn and
// graft:analyzer never run in the user's program (which may have patched any
// global, and whose script list must not fill with tooling), and an analysis
// answers even while the program is busy or paused.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace node {
class MultiIsolatePlatform;
}
namespace v8 {
class Isolate;
class Value;
template <typename T> class FunctionCallbackInfo;
} // namespace v8

namespace graft::runtime {

class PipeWriter;

class AnalysisWorker
{
public:
    AnalysisWorker(node::MultiIsolatePlatform *platform, PipeWriter &writer);
    ~AnalysisWorker();

    // `paramsJson`: {"oldSource","newSource","isModule",...}; the answer goes to
    // the app as the reply to request `id`, after a Graft.analysisSafe event
    // {id} when the request has `applyFirst` and the edit may go to V8 at once.
    void submit(long long id, std::string paramsJson);
    // Where a request's `apply` goes when its edit is safe to send at once: the
    // program's inspector, as if the app had sent it. Unset (an analysis-only
    // runtime): the app sends the edit itself.
    void setDeliver(std::function<void(std::string)> deliver) { m_deliver = std::move(deliver); }

private:
    struct Request
    {
        long long id;
        std::string params;
    };
    void run();
    std::string analyze(long long id, const std::string &params);
    static void sendSafeToApply(const v8::FunctionCallbackInfo<v8::Value> &info);
    bool initialise(std::string &error);
    void releaseMemory();
    void prepareNext();

    node::MultiIsolatePlatform *m_platform;
    PipeWriter &m_writer;
    std::function<void(std::string)> m_deliver;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Request> m_requests;
    std::thread m_thread;
    v8::Isolate *m_isolate = nullptr;
    struct Engine;
    Engine *m_engine = nullptr;  // isolate-thread only
    long long m_analysingId = 0; // isolate-thread only: the request graftAnalyze works on
};

} // namespace graft::runtime
