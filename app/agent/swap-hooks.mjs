// SPDX-License-Identifier: MIT
// graft agent, the swap engine's module hooks (module.register): Node runs them
// on its loader thread. Each of the program's own ES modules is instrumented by
// the agent worker (over the port agent.js hands in) before V8 sees it; the
// loader thread waits for the answer, the program's thread never runs a tool.
import { fileURLToPath } from 'node:url';

let port = null;
const waiting = new Map();
let nextId = 0;

export function initialize(data) {
  port = data.port;
  port.on('message', ({ id, code }) => {
    const resolve = waiting.get(id);
    waiting.delete(id);
    if (resolve)
      resolve(code);
    if (waiting.size === 0)
      port.unref();
  });
  port.unref();
}

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (!port || loaded.format !== 'module' || !url.startsWith('file:') || loaded.source == null)
    return loaded;
  const filename = fileURLToPath(url);
  const source = typeof loaded.source === 'string' ? loaded.source : new TextDecoder().decode(loaded.source);
  const code = await new Promise((resolve) => {
    const id = ++nextId;
    waiting.set(id, resolve);
    port.ref();
    port.postMessage({ id, filename, source });
  });
  return typeof code === 'string' ? { ...loaded, source: code } : loaded;
}
