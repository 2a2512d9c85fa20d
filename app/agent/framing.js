// SPDX-License-Identifier: MIT
// The framing of core/protocol/framing.h, in JavaScript for the agent:
// "Content-Length: N\r\n\r\n" then N bytes of UTF-8 JSON. After a bad header the
// decoder skips to the next "Content-Length:", as the C++ decoder does.
'use strict';

const kHeader = 'Content-Length: ';
const kMaxHeader = 64;
const kMaxPayload = 256 * 1024 * 1024;

function encodeFrame(payload) {
  const body = Buffer.from(payload, 'utf8');
  return Buffer.concat([Buffer.from(`${kHeader}${body.length}\r\n\r\n`, 'latin1'), body]);
}

class FrameDecoder {
  constructor() {
    this.buffer = Buffer.alloc(0);
  }

  feed(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
  }

  // {payload}, {error}, or null when more bytes are needed.
  next() {
    const end = this.buffer.indexOf('\r\n\r\n', 0, 'latin1');
    if (end < 0) {
      if (this.buffer.length > kMaxHeader)
        return this.skip('a frame header is too long');
      return null;
    }
    const header = this.buffer.toString('latin1', 0, end);
    const match = /^Content-Length: (\d{1,10})$/.exec(header);
    if (!match || Number(match[1]) > kMaxPayload)
      return this.skip(`bad frame header: ${JSON.stringify(header.slice(0, kMaxHeader))}`);
    const length = Number(match[1]);
    const start = end + 4;
    if (this.buffer.length < start + length)
      return null;
    const payload = this.buffer.toString('utf8', start, start + length);
    this.buffer = this.buffer.subarray(start + length);
    return { payload };
  }

  skip(error) {
    const resync = this.buffer.indexOf(kHeader, 1, 'latin1');
    this.buffer = resync < 0 ? Buffer.alloc(0) : this.buffer.subarray(resync);
    return { error };
  }
}

module.exports = { FrameDecoder, encodeFrame };
