// JPEG XL pictures (GNOME 48's own wallpapers) decoded by libjxl's djxl, run as a program. sharp's prebuilt libvips
// has no JPEG XL; djxl is the reference decoder, from the same library GNOME's image loader uses to draw the
// picture, so the palette is of the pixels on screen. Each picture is decoded once per palette or composition.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcessGroup } from '../process/processGroup.js';
import { parsePnm, type RawPixels } from './pnm.js';

/** A 4K picture takes about a second on a busy two-core machine; a hang must not hold the queue for ever. */
const DECODE_TIMEOUT_MS = 60_000;

/** Where djxl comes from, for the message when it is missing. */
export const DJXL_PACKAGE = 'libjxl-tools';
/** Starts the message of a decode that failed for want of djxl, not for a broken file (extractPalette.ts). */
export const NO_DECODER = 'JPEG XL pictures need djxl';

export function isJxl(path: string): boolean {
    return path.toLowerCase().endsWith('.jxl');
}

/**
 * Decodes a JPEG XL file into 8-bit sRGB samples. Rejects with a message a user can act on: djxl missing (which
 * package to install), or the decoder's own reason for a broken file.
 */
export async function decodeJxl(path: string): Promise<RawPixels> {
    const dir = await mkdtemp(join(tmpdir(), 'chameleon-jxl-'));
    try {
        const out = join(dir, 'decoded.ppm');
        // PPM because every djxl (0.7 in Debian 12, 0.11 in 13) writes it; sRGB because a pixel map has no
        // colour profile (libjxl converts XYB-coded pictures, which GNOME's are; others are sRGB already).
        const args = [path, out, '--color_space=RGB_D65_SRG_Rel_SRG'];
        // CHAMELEON_DJXL: another build of djxl (and, in tests, one that is missing).
        const run = await runInProcessGroup(process.env.CHAMELEON_DJXL ?? 'djxl', args, {
            timeoutMs: DECODE_TIMEOUT_MS,
        });
        if (run.spawnErrorCode === 'ENOENT') {
            throw new Error(`${NO_DECODER}, which is not installed (Debian and Ubuntu: package ${DJXL_PACKAGE})`);
        }
        if (run.spawnErrorCode) throw new Error(`cannot run djxl (${run.spawnErrorCode})`);
        if (run.timedOut) throw new Error(`djxl did not finish within ${DECODE_TIMEOUT_MS / 1000} s`);
        if (run.exitCode !== 0)
            throw new Error(`djxl failed: ${lastLine(run.stderr) || `exit ${run.exitCode ?? run.signal}`}`);
        return parsePnm(await readFile(out));
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
}

function lastLine(text: string): string {
    return text.trim().split('\n').at(-1)?.trim() ?? '';
}
