// SPDX-License-Identifier: MIT
// graft-runtime: runs one Node.js program for the Graft app and speaks the Chrome
// DevTools Protocol with it over two inherited pipe descriptors. Private to Graft;
// its command line is not a public interface.

#include "analysisservice.h"
#include "controlreader.h"
#include "runtimehost.h"

#include <node.h>
#include <node_version.h>
#include <uv.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

namespace {

constexpr int kUsageError = 64;

void printUsage()
{
    std::fprintf(stderr,
        "usage: graft-runtime [--protocol-fds IN,OUT] [--exit-on-uncaught] [NODE-OPTIONS] ENTRY.js [ARGS...]\n"
        "       graft-runtime --protocol-fds IN,OUT --analysis-only\n"
        "       graft-runtime --as-node [NODE'S OWN COMMAND LINE]\n"
        "       graft-runtime --version\n"
        "Runs ENTRY.js as Node's main module. With --protocol-fds, speaks framed CDP on\n"
        "the two descriptors and waits for Runtime.runIfWaitingForDebugger before running.\n"
        "With --as-node, is the node executable of the Node it embeds (Graft's agent then\n"
        "drives the program, as on any node: the swap engine runs so).\n");
}

bool parseFds(const char *text, int &in, int &out)
{
    return std::sscanf(text, "%d,%d", &in, &out) == 2 && fcntl(in, F_GETFD) != -1 && fcntl(out, F_GETFD) != -1;
}

// The agent's worker-bridge.js, as the app finds the agent: beside us in the
// build tree, in share/graft/agent when installed.
std::string findWorkerBridge()
{
    char self[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return {};
    std::string dir(self, static_cast<std::size_t>(n));
    dir.erase(dir.rfind('/'));
    for (const std::string &candidate :
        { dir + "/graft-agent/worker-bridge.js", dir + "/../share/graft/agent/worker-bridge.js" }) {
        char resolved[PATH_MAX];
        if (realpath(candidate.c_str(), resolved))
            return resolved;
    }
    return {};
}

} // namespace

int main(int argc, char **argv)
{
    // The embedded Node as a plain node executable: Graft's agent then runs in
    // it as in the user's own node (`graft --engine swap` on the embedded
    // runtime). Node's own command line follows, argv[0] kept, so that
    // process.argv looks as under node; Start() sets up libuv's argv itself.
    if (argc > 1 && std::strcmp(argv[1], "--as-node") == 0) {
        std::vector<char *> nodeArgv { argv[0] };
        nodeArgv.insert(nodeArgv.end(), argv + 2, argv + argc);
        nodeArgv.push_back(nullptr);
        return node::Start(argc - 1, nodeArgv.data());
    }
    argv = uv_setup_args(argc, argv);
    graft::runtime::HostOptions options;
    std::vector<std::string> nodeOptions;
    bool analysisOnly = false;
    int index = 1;
    for (; index < argc && std::strncmp(argv[index], "--", 2) == 0; ++index) {
        if (std::strcmp(argv[index], "--protocol-fds") == 0 && index + 1 < argc) {
            if (!parseFds(argv[++index], options.protocolInFd, options.protocolOutFd)) {
                std::fprintf(stderr, "graft-runtime: --protocol-fds needs two open descriptors, e.g. 3,4\n");
                return kUsageError;
            }
            options.protocol = true;
        } else if (std::strcmp(argv[index], "--analysis-only") == 0) {
            analysisOnly = true;
        } else if (std::strcmp(argv[index], "--exit-on-uncaught") == 0) {
            options.exitOnUncaught = true;
        } else if (std::strcmp(argv[index], "--version") == 0) {
            // The engine this binary links, without starting it (the About dialog asks).
            std::printf("graft-runtime %s\nNode %s\nV8 %s\n", GRAFT_VERSION, NODE_VERSION, v8::V8::GetVersion());
            return 0;
        } else if (std::strcmp(argv[index], "--help") == 0) {
            printUsage();
            return 0;
        } else {
            nodeOptions.emplace_back(argv[index]); // e.g. --max-old-space-size=64: Node's own
        }
    }
    if (analysisOnly) {
        if (!options.protocol) {
            std::fprintf(stderr, "graft-runtime: --analysis-only needs --protocol-fds\n");
            return kUsageError;
        }
        // No Node environment: the analysis isolate needs only V8 and the platform.
        std::unique_ptr<node::InitializationResult> init = node::InitializeOncePerProcess({ argv[0] },
            { node::ProcessInitializationFlags::kNoInitializeV8,
                node::ProcessInitializationFlags::kNoInitializeNodeV8Platform });
        std::unique_ptr<node::MultiIsolatePlatform> platform = node::MultiIsolatePlatform::Create(1);
        v8::V8::InitializePlatform(platform.get());
        v8::V8::Initialize();
        graft::runtime::runAnalysisService(platform.get(), options.protocolInFd, options.protocolOutFd);
    }
    if (index >= argc) {
        printUsage();
        return kUsageError;
    }
    char resolved[PATH_MAX];
    if (!realpath(argv[index], resolved)) {
        std::fprintf(stderr, "graft-runtime: cannot open %s: %s\n", argv[index], std::strerror(errno));
        return 66; // EX_NOINPUT
    }
    options.entry = resolved;

    // Workers inherit this preload, which makes each an inspector target (workertargets.h).
    if (options.protocol)
        options.workerBridge = findWorkerBridge();
    if (!options.workerBridge.empty())
        nodeOptions.push_back("--require=" + options.workerBridge);

    // Node sees: argv0, the entry, then the program's own arguments untouched.
    std::vector<std::string> nodeArgs { argv[0] };
    nodeArgs.insert(nodeArgs.end(), nodeOptions.begin(), nodeOptions.end());
    nodeArgs.push_back(options.entry);
    for (int i = index + 1; i < argc; ++i)
        nodeArgs.emplace_back(argv[i]);

    std::unique_ptr<node::InitializationResult> init = node::InitializeOncePerProcess(nodeArgs,
        { node::ProcessInitializationFlags::kNoInitializeV8,
            node::ProcessInitializationFlags::kNoInitializeNodeV8Platform });
    for (const std::string &error : init->errors())
        std::fprintf(stderr, "graft-runtime: %s\n", error.c_str());
    if (init->early_return())
        return init->exit_code();

    std::unique_ptr<node::MultiIsolatePlatform> platform = node::MultiIsolatePlatform::Create(2);
    v8::V8::InitializePlatform(platform.get());
    v8::V8::Initialize();

    auto *host = new graft::runtime::RuntimeHost(platform.get(), options);
    if (options.protocol)
        std::thread(graft::runtime::runControlReader, options.protocolInFd, std::ref(*host)).detach();
    const int exitCode = host->run(init->args(), init->exec_args());

    // The reader thread may be blocked in read() on the app's pipe, and the app
    // waits for our exit, not for an orderly V8 teardown: leave at once. The
    // program's output went straight to the descriptors, nothing is buffered.
    std::fflush(nullptr);
    std::_Exit(exitCode);
}
