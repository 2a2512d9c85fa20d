// SPDX-License-Identifier: MIT
// graft:analysis/v8diff — the text diff V8 10.2's LiveEdit computes before it
// maps functions (src/debug/liveedit.cc, LiveEdit::CompareStrings). Graft must
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

  function compareStrings(a, b) {
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

    calculateDifference(lines1 - prefix - suffix, lines2 - prefix - suffix,
      (i, j) => linesEqual(i + prefix, j + prefix),
      (linePos1, linePos2, lineLen1, lineLen2) => {
        linePos1 += prefix;
        linePos2 += prefix;
        const charPos1 = lineStart1(linePos1), charPos2 = lineStart2(linePos2);
        const charLen1 = lineStart1(linePos1 + lineLen1) - charPos1;
        const charLen2 = lineStart2(linePos2 + lineLen2) - charPos2;
        if (charLen1 < CHUNK_LEN_LIMIT && charLen2 < CHUNK_LEN_LIMIT) {
          calculateDifference(charLen1, charLen2,
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
  let last = { a: null, b: null, chunks: null };
  exports.compareStrings = (a, b) => {
    if (last.a !== a || last.b !== b) last = { a, b, chunks: compareStrings(a, b) };
    return last.chunks;
  };
})(globalThis.graftAnalysis = globalThis.graftAnalysis || {});
