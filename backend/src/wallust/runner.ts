// Driving wallust: is it there and a version we support, and what is the palette of *this* image.
//
// The palette is read from the one cache file whose name wallust derives from the image's content hash
// and the options in force (cacheKey.ts), never from "the newest file in the cache", so a slow or
// concurrent wallust can never hand us another image's palette.
//
// Race with the image changing on disk: we stat the file, hash it, stat it again, run wallust, and stat
// it once more; size, mtime (ns), inode and device must match throughout, else the result is refused
// ('image-changed'). Whatever bytes wallust read, it files their palette under *their* hash; so if the
// palette file under *our* hash exists afterwards, it belongs to the bytes we hashed, and the stat checks
// make sure those are the bytes of the file as it still is. (Copying the image first would also work but
// costs a copy of a large file per miss and breaks `{{wallpaper}}` in the user's own templates.)
// The residual risk is a 32-bit FNV collision between two images, which wallust itself shares; callers
// who need certainty pass `fresh: true` (regenerate with `-w`, never trust an existing entry).

import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { fileContentHash, paletteCachePath, wallustCacheRoot } from './cacheKey.js';
import { WallustError, type WallustErrorKind } from './errors.js';
import type { WallustOptions } from './options.js';
import { parseWallustPalette, type WallustColors } from './paletteFile.js';
import { runInProcessGroup } from '../process/processGroup.js';
import { wallustSettings } from './settings.js';
import { parseWallustVersion, wallustVersionSupport, type WallustVersion } from './version.js';

export const DEFAULT_WALLUST_TIMEOUT_MS = 10_000;
const DETECT_TIMEOUT_MS = 5_000;
const REREAD_DELAY_MS = 100;

export interface WallustDetection {
    available: boolean;
    version: WallustVersion | null;
    /** Why wallust cannot be used, for `status`; null when available. */
    reason: string | null;
    /** 'not-installed' or 'unsupported' when unavailable. */
    problem: Extract<WallustErrorKind, 'not-installed' | 'unsupported'> | null;
    binary: string;
}

export interface DetectOptions {
    env?: NodeJS.ProcessEnv;
    timeoutMs?: number;
    signal?: AbortSignal;
}

/** Runs `wallust -V` and decides whether we can drive this wallust. Never throws. */
/** Whether `binary` (a name looked up along `searchPath`, or a path) names a file; running it says the rest. */
function onPath(binary: string, searchPath: string | undefined): boolean {
    const executable = (file: string) => {
        try {
            return statSync(file).isFile();
        } catch {
            return false; // missing, or a PATH folder we may not enter (EACCES)
        }
    };
    if (binary.includes('/')) return executable(binary);
    return (searchPath ?? '').split(path.delimiter).some((dir) => dir !== '' && executable(path.join(dir, binary)));
}

export async function detectWallust(binary = 'wallust', opts: DetectOptions = {}): Promise<WallustDetection> {
    const unavailable = (
        problem: 'not-installed' | 'unsupported',
        reason: string,
        version: WallustVersion | null = null,
    ): WallustDetection => ({ available: false, version, reason, problem, binary });

    // Most machines have no wallust: looking along PATH first spares them a process start on every run.
    if (!onPath(binary, opts.env?.PATH ?? process.env.PATH))
        return unavailable('not-installed', 'wallust not installed');
    const r = await runInProcessGroup(binary, ['-V'], {
        timeoutMs: opts.timeoutMs ?? DETECT_TIMEOUT_MS,
        signal: opts.signal,
        env: opts.env,
    });
    if (r.spawnErrorCode === 'ENOENT') return unavailable('not-installed', 'wallust not installed');
    if (r.spawnErrorCode) return unavailable('not-installed', `wallust cannot be started (${r.spawnErrorCode})`);
    if (r.timedOut) return unavailable('unsupported', '`wallust -V` did not answer in time');
    if (r.aborted) return unavailable('unsupported', 'wallust detection was cancelled');
    if (r.exitCode !== 0) {
        return unavailable(
            'unsupported',
            `\`wallust -V\` failed (${r.signal ?? `exit ${r.exitCode}`}): ${firstLine(r.stderr) || 'no message'}`,
        );
    }
    const version = parseWallustVersion(r.stdout);
    if (!version)
        return unavailable(
            'unsupported',
            `cannot read a version in \`wallust -V\` output: ${JSON.stringify(firstLine(r.stdout))}`,
        );
    const support = wallustVersionSupport(version);
    if (!support.supported) return unavailable('unsupported', support.reason, version);
    return { available: true, version, reason: null, problem: null, binary };
}

export interface WallustPaletteOptions {
    /** Name on PATH or a path. */
    binary?: string;
    /** Chameleon's explicit choices; anything left out comes from the user's wallust.toml, then defaults. */
    options?: Partial<WallustOptions>;
    /** Options already resolved (skips reading wallust.toml). */
    settings?: WallustOptions;
    /** Let wallust also apply the user's own templates and terminal sequences (no `-s -T`); always runs it. */
    applyUserTheme?: boolean;
    /** Ignore any cached entry and regenerate (`-w`). */
    fresh?: boolean;
    timeoutMs?: number;
    signal?: AbortSignal;
    /** Extra environment for wallust; it also decides the cache root (XDG_CACHE_HOME, HOME). */
    env?: NodeJS.ProcessEnv;
    /** A previous detectWallust() result, to skip `wallust -V` on every call. */
    detection?: WallustDetection;
}

export interface WallustPaletteResult extends WallustColors {
    /** True when read from wallust's cache without running it. */
    fromCache: boolean;
    /** The file the palette was read from. */
    cacheFile: string;
    /** wallust's content hash of the image (FNV-1a 32, base36). */
    contentHash: string;
    options: WallustOptions;
}

/** The argv for one palette run: globals first (every 3.x accepts them there), the image last. */
export function wallustRunArgs(
    image: string,
    o: WallustOptions,
    { applyUserTheme = false, overwriteCache = false }: { applyUserTheme?: boolean; overwriteCache?: boolean } = {},
): string[] {
    const args = applyUserTheme ? ['-q'] : ['-q', '-s', '-T'];
    args.push('run', '-b', o.backend, '-c', o.colorspace, '-p', o.palette);
    if (o.threshold) args.push('-t', String(o.threshold));
    if (overwriteCache) args.push('-w');
    // Absolute, so an image named "-x.jpg" can never be read as a flag.
    args.push(path.resolve(image));
    return args;
}

/**
 * The palette wallust makes for `imagePath`, lowercase. Throws WallustError (see errors.ts) on any
 * failure, with a message fit for `status`.
 */
export async function wallustPalette(
    imagePath: string,
    opts: WallustPaletteOptions = {},
): Promise<WallustPaletteResult> {
    const binary = opts.binary ?? 'wallust';
    const image = path.resolve(imagePath);
    const env = { ...process.env, ...opts.env };
    const timeoutMs = opts.timeoutMs ?? DEFAULT_WALLUST_TIMEOUT_MS;
    const options = opts.settings ?? (await wallustSettings(opts.options ?? {}, { env })).options;

    const before = await identity(image);
    let contentHash: string;
    try {
        contentHash = await fileContentHash(image, opts.signal);
    } catch (err) {
        if (opts.signal?.aborted) throw new WallustError('aborted', 'wallust was cancelled', { cause: err });
        throw new WallustError('unreadable-image', `cannot read ${image}: ${(err as Error).message}`, { cause: err });
    }
    await assertUnchanged(image, before);
    const cacheFile = paletteCachePath(wallustCacheRoot(env), contentHash, options);
    const result = (colors: WallustColors, fromCache: boolean): WallustPaletteResult => ({
        ...colors,
        fromCache,
        cacheFile,
        contentHash,
        options,
    });

    // A cache hit needs no process, unless wallust must run anyway to apply the user's theme.
    let staleEntry = false;
    if (!opts.fresh && !opts.applyUserTheme) {
        const text = await readIfExists(cacheFile);
        if (text !== null) {
            try {
                return result(parseWallustPalette(text, cacheFile), true);
            } catch {
                // A broken entry would also break wallust's own cache read; regenerate it with -w.
                staleEntry = true;
            }
        }
    }

    const detection = opts.detection ?? (await detectWallust(binary, { env: opts.env, signal: opts.signal }));
    if (opts.signal?.aborted) throw new WallustError('aborted', 'wallust was cancelled');
    if (!detection.available)
        throw new WallustError(detection.problem ?? 'unsupported', detection.reason ?? 'wallust is unavailable');

    const args = wallustRunArgs(image, options, {
        applyUserTheme: opts.applyUserTheme,
        overwriteCache: opts.fresh || staleEntry,
    });
    const r = await runInProcessGroup(binary, args, { timeoutMs, signal: opts.signal, env: opts.env });
    if (r.aborted) throw new WallustError('aborted', 'wallust was cancelled');
    if (r.timedOut) throw new WallustError('timeout', `wallust timed out after ${seconds(timeoutMs)}`);
    if (r.spawnErrorCode === 'ENOENT') throw new WallustError('not-installed', 'wallust not installed');
    if (r.spawnErrorCode) throw new WallustError('not-installed', `wallust cannot be started (${r.spawnErrorCode})`);
    if (r.signal) throw new WallustError('failed', `wallust was killed by ${r.signal}`);
    if (r.exitCode === 2) throw new WallustError('usage', `wallust refused its arguments: ${usageSummary(r.stderr)}`);
    if (r.exitCode !== 0) throw new WallustError('failed', `wallust exited ${r.exitCode}: ${errorSummary(r.stderr)}`);

    await assertUnchanged(image, before);
    return result(await readPaletteAfterRun(cacheFile), false);
}

/**
 * wallust rewrites a palette file in place (truncate, then write), so another wallust working on the
 * same image (the user's own hook, say) can leave it briefly empty or half-written: read twice before
 * calling it invalid.
 */
async function readPaletteAfterRun(cacheFile: string): Promise<WallustColors> {
    for (let attempt = 0; ; attempt++) {
        const text = await readIfExists(cacheFile);
        if (text === null)
            throw new WallustError('no-palette', `wallust finished but wrote no palette at ${cacheFile}`);
        try {
            return parseWallustPalette(text, cacheFile);
        } catch (err) {
            if (attempt >= 1) throw err;
            await sleep(REREAD_DELAY_MS);
        }
    }
}

interface FileIdentity {
    size: bigint;
    mtimeNs: bigint;
    ino: bigint;
    dev: bigint;
}

async function identity(file: string): Promise<FileIdentity> {
    try {
        const s = await stat(file, { bigint: true });
        if (!s.isFile()) throw new Error('not a regular file');
        return { size: s.size, mtimeNs: s.mtimeNs, ino: s.ino, dev: s.dev };
    } catch (err) {
        throw new WallustError('unreadable-image', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
    }
}

async function assertUnchanged(file: string, before: FileIdentity): Promise<void> {
    let now: FileIdentity;
    try {
        now = await identity(file);
    } catch (err) {
        throw new WallustError('image-changed', `${file} disappeared while its palette was computed`, { cause: err });
    }
    if (
        now.size !== before.size ||
        now.mtimeNs !== before.mtimeNs ||
        now.ino !== before.ino ||
        now.dev !== before.dev
    ) {
        throw new WallustError('image-changed', `${file} changed while its palette was computed`);
    }
}

async function readIfExists(file: string): Promise<string | null> {
    try {
        return await readFile(file, 'utf8');
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return null;
        throw new WallustError('invalid-palette', `cannot read wallust's palette ${file}: ${(err as Error).message}`, {
            cause: err,
        });
    }
}

function firstLine(text: string): string {
    return (
        text
            .split('\n')
            .find((l) => l.trim() !== '')
            ?.trim() ?? ''
    );
}

/** anyhow's report, `Error: <msg>` then `Caused by:` lines, folded into one line. */
export function errorSummary(stderr: string): string {
    const lines = stderr.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Error: '));
    if (at === -1) return firstLine(stderr) || 'no message';
    const main: string[] = [lines[at]!.slice('Error: '.length).trim()];
    let i = at + 1;
    for (; i < lines.length && lines[i]!.trim() !== ''; i++) main.push(lines[i]!.trim());
    let summary = main.join(' ');
    const causedBy = lines.findIndex((l, j) => j > at && l.trim() === 'Caused by:');
    if (causedBy !== -1) {
        const cause = lines
            .slice(causedBy + 1)
            .find((l) => l.trim() !== '')
            ?.trim()
            .replace(/^\d+:\s*/, '');
        if (cause) summary = `${summary.replace(/:$/, '')}: ${cause}`;
    }
    return summary.length > 300 ? `${summary.slice(0, 297)}...` : summary;
}

/** clap's `error: …` line (plus its `[possible values: …]` hint when there is one). */
function usageSummary(stderr: string): string {
    const lines = stderr.split('\n');
    const at = lines.findIndex((l) => l.startsWith('error: '));
    if (at === -1) return firstLine(stderr) || 'no message';
    const hint = lines[at + 1]?.trim().startsWith('[') ? ` ${lines[at + 1]!.trim()}` : '';
    return `${lines[at]!.slice('error: '.length)}${hint}`;
}

function seconds(ms: number): string {
    return `${Number((ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1))} s`;
}
