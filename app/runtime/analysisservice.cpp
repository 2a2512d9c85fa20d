// SPDX-License-Identifier: MIT
#include "analysisservice.h"

#include "analysisworker.h"
#include "pipewriter.h"
#include "protocol/framing.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdlib>
#include <unistd.h>

namespace graft::runtime {

namespace {

constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;

void sendError(PipeWriter &writer, const nlohmann::json &id, int code, const std::string &message)
{
    writer.send(nlohmann::json { { "id", id }, { "error", { { "code", code }, { "message", message } } } }.dump());
}

void route(PipeWriter &writer, AnalysisWorker &analysis, const std::string &payload)
{
    const nlohmann::json message = nlohmann::json::parse(payload, nullptr, false);
    const auto id = message.is_object() ? message.find("id") : message.end();
    if (!message.is_object() || id == message.end() || !id->is_number_integer() || !message.contains("method")) {
        sendError(writer, nullptr, kInvalidRequest, "Message must have an integer 'id' and a string 'method'");
        return;
    }
    if (message.value("method", std::string()) != "Graft.analyze") {
        sendError(writer, *id, kMethodNotFound, "the analysis service answers Graft.analyze only");
        return;
    }
    analysis.submit(id->get<long long>(), message.value("params", nlohmann::json::object()).dump());
}

} // namespace

void runAnalysisService(node::MultiIsolatePlatform *platform, int inFd, int outFd)
{
    // Never destroyed: the worker's thread waits on its condition variable, and
    // destroying that under a waiter blocks for ever (it left services running
    // after graft had gone). The process ends with _Exit instead, as the host does.
    auto *writer = new PipeWriter(outFd);
    auto *analysis = new AnalysisWorker(platform, *writer);
    protocol::FrameDecoder decoder;
    std::string buffer(64 * 1024, '\0');
    std::string payload;
    for (;;) {
        const ssize_t n = ::read(inFd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            std::_Exit(0); // the app is gone
        decoder.feed(buffer.data(), static_cast<std::size_t>(n));
        for (;;) {
            const protocol::FrameDecoder::Result result = decoder.next(payload);
            if (result == protocol::FrameDecoder::Result::NeedMore)
                break;
            if (result == protocol::FrameDecoder::Result::Error)
                sendError(*writer, nullptr, kInvalidRequest, payload);
            else
                route(*writer, *analysis, payload);
        }
    }
}

} // namespace graft::runtime
