// What the fake wallust "computes": the content hash that names its cache directory (the real one's,
// exactly) and a palette that is a pure function of the image's bytes (nothing like the real one's, on
// purpose, so that a test can tell which image a stored palette was made from).
//
// The fake palette of file bytes B:
//   A = SHA-256(B), S = A ‖ SHA-256(A)   (64 bytes)
//   color{i} = '#' + hex(S[3i .. 3i+3]) for i = 0 … 15, background = S[48..51], foreground = S[51..54],
//   cursor = S[54..57]; every colour written as uppercase #RRGGBB, like wallust's cache files.
// tests/fakes/wallust/expected.ts implements the same function for tests; keep the two in step.

import { createHash } from 'node:crypto';
import { Buffer } from 'node:buffer';

export function fakePalette(bytes) {
    const a = createHash('sha256').update(bytes).digest();
    const s = Buffer.concat([a, createHash('sha256').update(a).digest()]);
    const hex = (at) =>
        `#${s
            .subarray(at, at + 3)
            .toString('hex')
            .toUpperCase()}`;
    const colors = Array.from({ length: 16 }, (_, i) => hex(3 * i));
    return { colors, background: hex(48), foreground: hex(51), cursor: hex(54) };
}

/** wallust's cache file layout: keys in this order, pretty JSON (two spaces, no final newline). */
export function paletteFileJson(p) {
    const obj = { cursor: p.cursor, background: p.background, foreground: p.foreground };
    p.colors.forEach((c, i) => {
        obj[`color${i}`] = c;
    });
    return JSON.stringify(obj, null, 2);
}

export function paletteFromJson(obj) {
    const need = ['cursor', 'background', 'foreground', ...Array.from({ length: 16 }, (_, i) => `color${i}`)];
    for (const k of need) {
        if (typeof obj?.[k] !== 'string') throw new Error(`missing field \`${k}\``);
    }
    return {
        colors: need.slice(3).map((k) => obj[k]),
        background: obj.background,
        foreground: obj.foreground,
        cursor: obj.cursor,
    };
}

/** FNV-1a, 32 bit, over the whole file (wallust's `fnv1a`). */
export function fnv1a32(bytes) {
    let h = 0x811c9dc5;
    for (let i = 0; i < bytes.length; i++) {
        h ^= bytes[i];
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}

/** wallust's cache directory name part: lowercase base36, no padding. */
export function contentHash(bytes) {
    return fnv1a32(bytes).toString(36);
}

/** Terminal colour sequences as wallust writes them to `<cache>/wallust/sequences` (OSC 4/10/11/12/708). */
export function sequences(p, ignore = []) {
    const skip = new Set(ignore);
    const osc = (code, colour) => `\x1b]${code};${colour}\x1b\\`;
    let out = '';
    p.colors.forEach((c, i) => {
        if (!skip.has(`color${i}`)) out += osc(`4;${i}`, c);
    });
    if (!skip.has('foreground')) out += osc(10, p.foreground);
    if (!skip.has('background')) out += osc(11, p.background);
    if (!skip.has('cursor')) out += osc(12, p.cursor);
    if (!skip.has('background')) out += osc(708, p.background);
    return out;
}
