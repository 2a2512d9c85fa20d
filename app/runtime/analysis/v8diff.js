// SPDX-License-Identifier: MIT
// graft:analysis/v8diff — the text diff V8's LiveEdit computes before it maps
// functions (src/debug/liveedit.cc, LiveEdit::CompareStrings). Graft must
// reproduce it exactly, not use a "better" diff: which function literals V8
// considers changed, moved or damaged depends on where *its* diff puts the
// chunks (a literal whose start or end falls inside a chunk is not matched).
//
// The algorithm, as V8 runs it:
//  1. Split both texts into lines (a line keeps its terminator: \n, a \r not
//     followed by \n, U+2028, U+2029; the last line has none).
//  2. Drop the common prefix and suffix of lines.
//  3. Diff the remaining lines with a table of "fewest skips to the end" where
//     equal elements are matched greedily, and a tie between skipping an old
//     and a new element skips the new one.
//  4. Each changed run of lines shorter than 800 characters on both sides is
//     diffed again character by character, with the same table and no prefix
//     or suffix trimming; a longer run stays one chunk.
// A chunk is { start, end, newStart, newEnd } in UTF-16 offsets, old [start,
// end) replaced by new [newStart, newEnd).
//
// From V8 10.5 on (Node 19 and later; src/debug/liveedit-diff.cc) steps 3 and 4
// use Myers' O(ND) algorithm in its linear-space form instead of the table.
// Both find a shortest edit, but where several exist they pick different ones
// ('f66' -> 'f96': the table inserts '9' before the first '6' and deletes the
// second, Myers replaces the first), so the chunks, and with them which
// functions V8 matches, depend on the V8 the program runs on.
'use strict';

(function (exports) {
  const CHUNK_LEN_LIMIT = 800;

  function lineStarts(text) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 0x2028 || c === 0x2029 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
    }
    return starts; // line k spans [starts[k], starts[k + 1] ?? text.length)
  }

  // V8's Differencer: cost(i, j) = elements still to skip from (i, j) to the end.
  // Equal elements are taken without weighing the alternatives (greedy), so the
  // result is not always a minimal diff: it is the one V8 sees.
  function calculateDifference(len1, len2, equals, addChunk) {
    const width = len2 + 1;
    const cost = new Int32Array((len1 + 1) * width);
    const SKIP1 = 1, SKIP2 = 2, EQ = 0;
    const direction = new Uint8Array((len1 + 1) * width);
    for (let j = 0; j <= len2; j++) cost[len1 * width + j] = len2 - j;
    for (let i = 0; i <= len1; i++) cost[i * width + len2] = len1 - i;
    for (let i = len1 - 1; i >= 0; i--) {
      for (let j = len2 - 1; j >= 0; j--) {
        const cell = i * width + j;
        if (equals(i, j)) {
          cost[cell] = cost[cell + width + 1];
          direction[cell] = EQ;
        } else {
          const skipOld = cost[cell + width] + 1;
          const skipNew = cost[cell + 1] + 1;
          if (skipOld < skipNew) {
            cost[cell] = skipOld;
            direction[cell] = SKIP1;
          } else { // a tie skips the new element, as V8's SKIP_ANY does
            cost[cell] = skipNew;
            direction[cell] = SKIP2;
          }
        }
      }
    }
    // Walk the table from (0, 0), flushing a chunk at each equal element.
    let i = 0, j = 0, open = false, begin1 = 0, begin2 = 0;
    const start = () => { if (!open) { open = true; begin1 = i; begin2 = j; } };
    const flush = () => { if (open) { addChunk(begin1, begin2, i - begin1, j - begin2); open = false; } };
    while (i < len1 && j < len2) {
      const d = direction[i * width + j];
      if (d === EQ) { flush(); i++; j++; }
      else if (d === SKIP1) { start(); i++; }
      else { start(); j++; }
    }
    if (i < len1) { start(); i = len1; }
    else if (j < len2) { start(); j = len2; }
    flush();
  }

  // Myers' differ as V8 >= 10.5 runs it: the middle snake of the edit graph
  // (x along the old elements, a move right deletes; y along the new ones, a
  // move down inserts), found by forward and reverse furthest-reaching paths
  // grown one edit at a time, then the same for the areas before and after it.
  // Ties go as V8's: forward, down when the path on k+1 reaches further than
  // the one on k-1; reverse, up when the one on l-1 does.
  function myersDifference(len1, len2, equals, addChunk) {
    const size = len1 + len2 + 1;
    const forward = new Int32Array(size), reverse = new Int32Array(size);
    const index = (i) => (i >= 0 ? i : size + i);

    function middleSnake(fx, fy, tx, ty) {
      const width = tx - fx, height = ty - fy, delta = width - height;
      if (width + height === 0) return null;
      forward[index(1)] = fx;
      reverse[index(-1)] = tx;
      const odd = delta % 2 !== 0;
      for (let d = 0; d <= Math.ceil((width + height) / 2); d++) {
        for (let k = -d; k <= d; k += 2) {
          let fromX, toX;
          if (k === -d || (k !== d && forward[index(k - 1)] < forward[index(k + 1)])) {
            fromX = toX = forward[index(k + 1)];
          } else {
            fromX = forward[index(k - 1)];
            toX = fromX + 1;
          }
          let toY = fy + (toX - fx) - k;
          const fromY = d === 0 || fromX !== toX ? toY : toY - 1;
          while (toX < tx && toY < ty && equals(toX, toY)) { toX++; toY++; }
          forward[index(k)] = toX;
          const l = k - delta;
          if (odd && l >= -d + 1 && l <= d - 1 && toX >= reverse[index(l)]) return [fromX, fromY, toX, toY];
        }
        for (let l = d; l >= -d; l -= 2) {
          let fromX, toX;
          if (l === d || (l !== -d && reverse[index(l - 1)] > reverse[index(l + 1)])) {
            fromX = toX = reverse[index(l - 1)];
          } else {
            fromX = reverse[index(l + 1)];
            toX = fromX - 1;
          }
          const k = l + delta;
          let toY = fy + (toX - fx) - k;
          const fromY = d === 0 || fromX !== toX ? toY : toY + 1;
          while (fx < toX && fy < toY && equals(toX - 1, toY - 1)) { toX--; toY--; }
          reverse[index(l)] = toX;
          if (!odd && k >= -d && k <= d && toX <= forward[index(k)]) return [toX, toY, fromX, fromY];
        }
      }
      return null;
    }

    // The points of a shortest edit path from (fx, fy) to (tx, ty), or null
    // for an empty area.
    function editPath(fx, fy, tx, ty, points) {
      const snake = middleSnake(fx, fy, tx, ty);
      if (!snake) return false;
      const [sx, sy, ex, ey] = snake;
      if (!editPath(fx, fy, sx, sy, points)) points.push([sx, sy]);
      if (!editPath(ex, ey, tx, ty, points)) points.push([ex, ey]);
      return true;
    }

    const points = [];
    if (!editPath(0, 0, len1, len2, points)) return;
    // Walk the path one move at a time: a chunk opens at the first insertion or
    // deletion and closes at the next diagonal.
    let open = false, beginX = 0, beginY = 0;
    const diagonal = (x, y) => { if (open) { addChunk(beginX, beginY, x - beginX, y - beginY); open = false; } };
    const edit = (x, y) => { if (!open) { open = true; beginX = x; beginY = y; } };
    for (let i = 1; i < points.length; i++) {
      let [x, y] = points[i - 1];
      const [qx, qy] = points[i];
      const walk = () => { while (x < qx && y < qy && equals(x, y)) { diagonal(x, y); x++; y++; } };
      walk();
      const step = (qx - x) - (qy - y);
      if (step === -1) { edit(x, y); y++; } else if (step === 1) { edit(x, y); x++; }
      walk();
    }
    const [lastX, lastY] = points[points.length - 1];
    diagonal(lastX, lastY);
  }

  // Is `v8Version` ("12.4.254.21-node.33") at least major.minor? An unknown
  // version is V8 10.2, the embedded runtime's.
  function v8AtLeast(v8Version, major, minor) {
    const [have, haveMinor] = String(v8Version || '10.2').split('.').map(Number);
    return have > major || (have === major && haveMinor >= minor);
  }

  // Which differ the V8 of `v8Version` runs.
  function differFor(v8Version) {
    return v8AtLeast(v8Version, 10, 5) ? myersDifference : calculateDifference;
  }

  function compareStrings(a, b, differ) {
    const chunks = [];
    if (a === b) return chunks;
    const starts1 = lineStarts(a), starts2 = lineStarts(b);
    const lines1 = starts1.length, lines2 = starts2.length;
    const lineStart1 = (k) => (k < lines1 ? starts1[k] : a.length);
    const lineStart2 = (k) => (k < lines2 ? starts2[k] : b.length);
    const lineText1 = (k) => a.slice(lineStart1(k), k + 1 < lines1 ? starts1[k + 1] : a.length);
    const lineText2 = (k) => b.slice(lineStart2(k), k + 1 < lines2 ? starts2[k + 1] : b.length);
    const linesEqual = (k1, k2) => lineText1(k1) === lineText2(k2);

    let prefix = 0;
    const limit = Math.min(lines1, lines2);
    while (prefix < limit && linesEqual(prefix, prefix)) prefix++;
    let suffix = 0;
    while (suffix < limit - prefix && linesEqual(lines1 - suffix - 1, lines2 - suffix - 1)) suffix++;

    differ(lines1 - prefix - suffix, lines2 - prefix - suffix,
      (i, j) => linesEqual(i + prefix, j + prefix),
      (linePos1, linePos2, lineLen1, lineLen2) => {
        linePos1 += prefix;
        linePos2 += prefix;
        const charPos1 = lineStart1(linePos1), charPos2 = lineStart2(linePos2);
        const charLen1 = lineStart1(linePos1 + lineLen1) - charPos1;
        const charLen2 = lineStart2(linePos2 + lineLen2) - charPos2;
        if (charLen1 < CHUNK_LEN_LIMIT && charLen2 < CHUNK_LEN_LIMIT) {
          differ(charLen1, charLen2,
            (i, j) => a.charCodeAt(charPos1 + i) === b.charCodeAt(charPos2 + j),
            (p1, p2, l1, l2) => chunks.push({ start: charPos1 + p1, end: charPos1 + p1 + l1,
                                              newStart: charPos2 + p2, newEnd: charPos2 + p2 + l2 }));
        } else {
          chunks.push({ start: charPos1, end: charPos1 + charLen1, newStart: charPos2, newEnd: charPos2 + charLen2 });
        }
      });
    return chunks;
  }

  // A save is compared twice (the quick check, then the analysis): keep the last answer.
  // `v8Version`: the V8 the program runs on (the differ changed in 10.5).
  let last = { a: null, b: null, differ: null, chunks: null };
  exports.v8AtLeast = v8AtLeast;
  exports.compareStrings = (a, b, v8Version) => {
    const differ = differFor(v8Version);
    if (last.a !== a || last.b !== b || last.differ !== differ) {
      let chunks = compareStrings(a, b, differ);
      // V8's Myers differ does not bound its paths to the edit graph: on some
      // inputs (about one in a thousand random short texts over five letters,
      // none in 2,000 random edits of source lines) a reverse path leaves the
      // graph and the chunks no longer describe the edit. What V8 then does is
      // unknowable from here; the table's chunks are the nearest valid answer.
      if (differ !== calculateDifference && !describesEdit(chunks, a.length, b.length)) chunks = compareStrings(a, b, calculateDifference);
      last = { a, b, differ, chunks };
    }
    return last.chunks;
  };

  // Whether the chunks, in order, turn a text of `length1` into one of `length2`.
  function describesEdit(chunks, length1, length2) {
    let end1 = 0, end2 = 0;
    for (const c of chunks) {
      if (c.start < end1 || c.newStart < end2 || c.end < c.start || c.newEnd < c.newStart) return false;
      if (c.start - end1 !== c.newStart - end2) return false; // the text between chunks is kept
      end1 = c.end; end2 = c.newEnd;
    }
    return end1 <= length1 && end2 <= length2 && length1 - end1 === length2 - end2;
  }
})(globalThis.graftAnalysis = globalThis.graftAnalysis || {});
