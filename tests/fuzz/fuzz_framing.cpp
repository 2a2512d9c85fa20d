// SPDX-License-Identifier: MIT
// libFuzzer target: the pipe framing both processes trust. Any byte stream, fed
// in any split, must give frames or errors, never a crash, a hang or a frame
// larger than the limit; and a good frame after garbage must still come through.

#include "protocol/framing.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using graft::protocol::FrameDecoder;
    if (size == 0)
        return 0;
    const std::size_t limit = 4096;
    FrameDecoder decoder(limit);
    const std::size_t split = data[0] % (size + 1);
    const char *bytes = reinterpret_cast<const char *>(data);
    decoder.feed(bytes, split);
    decoder.feed(bytes + split, size - split);
    const std::string sentinel = graft::protocol::encodeFrame("{\"sentinel\":true}");
    decoder.feed(sentinel.data(), sentinel.size());

    std::string out;
    std::size_t frames = 0;
    for (;;) {
        const FrameDecoder::Result result = decoder.next(out);
        if (result == FrameDecoder::Result::NeedMore)
            break;
        if (result == FrameDecoder::Result::Frame && out.size() > limit)
            std::abort();
        if (++frames > size + 2)
            std::abort(); // every frame or error consumes input: more means a loop
    }
    return 0;
}
