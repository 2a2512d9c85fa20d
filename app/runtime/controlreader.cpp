// SPDX-License-Identifier: MIT
#include "controlreader.h"

#include "protocol/framing.h"
#include "runtimehost.h"
#include "workertargets.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <unistd.h>

namespace graft::runtime {

namespace {

// JSON-RPC error codes, as V8's own dispatcher uses them.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;

void sendError(RuntimeHost &host, const nlohmann::json &id, int code, const std::string &message)
{
    host.writer().send(
        nlohmann::json { { "id", id }, { "error", { { "code", code }, { "message", message } } } }.dump());
}

void route(RuntimeHost &host, std::string payload)
{
    const nlohmann::json message = nlohmann::json::parse(payload, nullptr, false);
    if (message.is_discarded() || !message.is_object()) {
        sendError(host, nullptr, kParseError, "Message is not a JSON object");
        return;
    }
    const auto id = message.find("id");
    const auto method = message.find("method");
    if (id == message.end() || !id->is_number_integer() || method == message.end() || !method->is_string()) {
        sendError(host, id != message.end() ? *id : nlohmann::json(nullptr), kInvalidRequest,
            "Message must have an integer 'id' and a string 'method'");
        return;
    }
    const std::string name = method->get<std::string>();
    if (name.rfind("Graft.", 0) == 0) {
        if (name == "Graft.terminate")
            host.requestStop(*id);
        else if (name == "Graft.analyze")
            host.requestAnalysis(id->get<long long>(), message.value("params", nlohmann::json::object()).dump());
        else if (name == "Graft.callFunctionOn")
            host.deliver(std::move(payload)); // on the isolate thread, in order with the protocol's messages
        else
            sendError(host, *id, kMethodNotFound, "'" + name + "' wasn't found");
        return;
    }
    if (name.rfind("NodeWorker.", 0) == 0 && host.workers()) {
        host.workers()->handle(*id, name, message.value("params", nlohmann::json::object()));
        return;
    }
    host.deliver(std::move(payload));
}

} // namespace

void runControlReader(int fd, RuntimeHost &host)
{
    protocol::FrameDecoder decoder;
    std::string buffer(64 * 1024, '\0');
    std::string payload;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        decoder.feed(buffer.data(), static_cast<std::size_t>(n));
        for (;;) {
            const protocol::FrameDecoder::Result result = decoder.next(payload);
            if (result == protocol::FrameDecoder::Result::NeedMore)
                break;
            if (result == protocol::FrameDecoder::Result::Error)
                sendError(host, nullptr, kInvalidRequest, payload);
            else
                route(host, std::move(payload));
        }
    }
    host.requestShutdown();
}

} // namespace graft::runtime
