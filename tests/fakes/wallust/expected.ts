// What the fake wallust produces, for assertions: the same function as tests/fakes/wallust/palette.mjs
// (keep the two in step; tests/backend/wallust/fakeWallust.test.ts checks that they agree).
//
// The fake palette of file bytes B: A = SHA-256(B), S = A ‖ SHA-256(A); color{i} = S[3i..3i+3] for
// i = 0…15, background = S[48..51], foreground = S[51..54], cursor = S[54..57].

import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fake's executable; its directory can be put first on PATH so that `wallust` means the fake. */
export const FAKE_WALLUST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'wallust');
export const FAKE_WALLUST_DIR = path.dirname(FAKE_WALLUST);

export interface FakePalette {
    colors: string[];
    background: string;
    foreground: string;
    cursor: string;
}

/** The palette the fake writes for an image with these bytes, uppercase `#RRGGBB` as in its cache file. */
export function expectedFakePalette(fileBytes: Uint8Array): FakePalette {
    const a = createHash('sha256').update(fileBytes).digest();
    const s = Buffer.concat([a, createHash('sha256').update(a).digest()]);
    const hex = (at: number) =>
        `#${s
            .subarray(at, at + 3)
            .toString('hex')
            .toUpperCase()}`;
    return {
        colors: Array.from({ length: 16 }, (_, i) => hex(3 * i)),
        background: hex(48),
        foreground: hex(51),
        cursor: hex(54),
    };
}

/** The same palette in lowercase, as the runner returns it. */
export function expectedFakePaletteLower(fileBytes: Uint8Array): FakePalette {
    const p = expectedFakePalette(fileBytes);
    return {
        colors: p.colors.map((c) => c.toLowerCase()),
        background: p.background.toLowerCase(),
        foreground: p.foreground.toLowerCase(),
        cursor: p.cursor.toLowerCase(),
    };
}
