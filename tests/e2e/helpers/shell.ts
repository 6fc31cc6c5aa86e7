// Drive and observe the GNOME Shell that run.sh started inside the root filesystem.
// D-Bus calls go through dbus-call.js under the host's gjs (typed arguments, JSON replies);
// gsettings and the CLI run inside the root as the test user, as a user's terminal would.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';

const execFileAsync = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

function requiredEnv(name: string): string {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the suite through tests/e2e/run.sh`);
    return value;
}

export const E2E = {
    root: requiredEnv('CHAMELEON_E2E_ROOT'),
    shellLog: requiredEnv('CHAMELEON_E2E_SHELL_LOG'),
    artifacts: requiredEnv('CHAMELEON_E2E_ARTIFACTS'),
    /** "deb": the package's system-wide extension; "zip": the extensions.gnome.org zip installed by the user. */
    install: requiredEnv('CHAMELEON_E2E_INSTALL') as 'deb' | 'zip',
    /** The GNOME Shell and Node versions of this root, e.g. "GNOME Shell 48.7, Node 20.19.2". */
    versions: requiredEnv('CHAMELEON_E2E_VERSIONS'),
    uid: 1000,
    home: '/home/chameleon',
    runtimeDir: '/run/user/1000',
    uuid: 'chameleon@chameleon.dev',
};
export const WALLPAPER_DIR = `${E2E.home}/Pictures/Wallpapers`;
export const CHAMELEON_SCHEMA = 'org.gnome.shell.extensions.chameleon';

/** Host path of a path inside the root. */
export function hostPath(inRoot: string): string {
    return path.join(E2E.root, inRoot);
}

export function shellLogTail(lines = 40): string {
    if (!existsSync(E2E.shellLog)) return '(no shell log)';
    const all = readFileSync(E2E.shellLog, 'utf8').trimEnd().split('\n');
    return all.slice(-lines).join('\n');
}

/** Bytes of the shell log so far; pass to shellLogSince() to read what a step logged. */
export function shellLogMark(): number {
    return existsSync(E2E.shellLog) ? readFileSync(E2E.shellLog).length : 0;
}

export function shellLogSince(mark: number): string {
    return readFileSync(E2E.shellLog).subarray(mark).toString('utf8');
}

export async function dbusCall(
    dest: string,
    objectPath: string,
    iface: string,
    method: string,
    signature: string,
    args: unknown[],
    timeoutMs = 25_000,
): Promise<unknown> {
    const address = `unix:path=${hostPath(E2E.runtimeDir)}/bus`;
    try {
        const { stdout } = await execFileAsync(
            'gjs',
            [
                '-m',
                path.join(here, 'dbus-call.js'),
                address,
                dest,
                objectPath,
                iface,
                method,
                signature,
                JSON.stringify(args),
                String(timeoutMs),
            ],
            { timeout: timeoutMs + 5_000 },
        );
        return JSON.parse(stdout) as unknown;
    } catch (e) {
        const err = e as { stderr?: string; message: string };
        throw new Error(`D-Bus ${iface}.${method} failed: ${err.stderr?.trim() || err.message}`);
    }
}

/**
 * Evaluates JavaScript in the shell (it awaits a returned promise) and returns the JSON-decoded value.
 * The code runs in the scope of the shell's shellDBus.js module: `Main` is in scope, other libraries via
 * `imports.gi.X`.
 */
export async function shellEval<T = unknown>(code: string): Promise<T> {
    const [ok, json] = (await dbusCall('org.gnome.Shell', '/org/gnome/Shell', 'org.gnome.Shell', 'Eval', '(s)', [
        code,
    ])) as [boolean, string];
    if (!ok) throw new Error(`Eval threw: ${json}\n--- code ---\n${code}`);
    return (json === '' ? undefined : JSON.parse(json)) as T;
}

export interface ExtensionInfo {
    state?: number;
    error?: string;
    uuid?: string;
    [key: string]: unknown;
}

export async function extensionInfo(uuid = E2E.uuid): Promise<ExtensionInfo> {
    const [info] = (await dbusCall(
        'org.gnome.Shell',
        '/org/gnome/Shell',
        'org.gnome.Shell.Extensions',
        'GetExtensionInfo',
        '(s)',
        [uuid],
    )) as [ExtensionInfo];
    return info;
}

export async function extensionErrors(uuid = E2E.uuid): Promise<string[]> {
    const [errors] = (await dbusCall(
        'org.gnome.Shell',
        '/org/gnome/Shell',
        'org.gnome.Shell.Extensions',
        'GetExtensionErrors',
        '(s)',
        [uuid],
    )) as [string[]];
    return errors;
}

/** Takes a screenshot of the whole screen; returns its path under the artifacts directory. */
export async function screenshot(name: string): Promise<string> {
    const inRoot = `/tmp/e2e-${name}.png`;
    const [ok, used] = (await dbusCall(
        'org.gnome.Shell',
        '/org/gnome/Shell/Screenshot',
        'org.gnome.Shell.Screenshot',
        'Screenshot',
        '(bbs)',
        [false, false, inRoot],
    )) as [boolean, string];
    if (!ok) throw new Error(`Screenshot ${name} failed`);
    const dest = path.join(E2E.artifacts, `${name}.png`);
    copyFileSync(hostPath(used), dest);
    return dest;
}

export type Rgb = [number, number, number];

export async function pixelAt(png: string, x: number, y: number): Promise<Rgb> {
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const i = (y * info.width + x) * info.channels;
    return [data[i] ?? -1, data[i + 1] ?? -1, data[i + 2] ?? -1];
}

export async function centrePixel(png: string): Promise<Rgb> {
    const { width, height } = await sharp(png).metadata();
    return pixelAt(png, Math.floor((width ?? 0) / 2), Math.floor((height ?? 0) / 2));
}

export function colourDistance(a: Rgb, b: Rgb): number {
    return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs a command inside the root as the test user, in the user's session environment. */
export async function runAsUser(argv: string[], timeoutMs = 30_000): Promise<RunResult> {
    const env = [
        `HOME=${E2E.home}`,
        'USER=chameleon',
        'LOGNAME=chameleon',
        `PATH=${E2E.home}/.local/bin:/usr/local/bin:/usr/bin:/bin`,
        `XDG_RUNTIME_DIR=${E2E.runtimeDir}`,
        `DBUS_SESSION_BUS_ADDRESS=unix:path=${E2E.runtimeDir}/bus`,
        'XDG_SESSION_TYPE=wayland',
        'XDG_CURRENT_DESKTOP=GNOME',
        'WAYLAND_DISPLAY=wayland-0',
        'LANG=C.UTF-8',
    ];
    try {
        const { stdout, stderr } = await execFileAsync(
            'chroot',
            [`--userspec=${E2E.uid}:${E2E.uid}`, E2E.root, '/usr/bin/env', '-i', ...env, ...argv],
            { timeout: timeoutMs },
        );
        return { code: 0, stdout, stderr };
    } catch (e) {
        const err = e as { code?: number; stdout?: string; stderr?: string; message: string };
        return {
            code: typeof err.code === 'number' ? err.code : -1,
            stdout: err.stdout ?? '',
            stderr: err.stderr ?? err.message,
        };
    }
}

/**
 * `gnome-extensions prefs` for the extension, as a user types it. On a loaded machine the tool sometimes answers
 * "Failed to connect to GNOME Shell", or waits out its D-Bus timeout while the preferences process of an earlier
 * window is still quitting, although the Shell is there: it is tried again (a window already open is only raised).
 */
export function openPreferences(): Promise<RunResult> {
    return waitFor(
        'gnome-extensions prefs to reach the Shell',
        () => runAsUser(['gnome-extensions', 'prefs', E2E.uuid], 40_000),
        (r) => r.code === 0,
        { timeoutMs: 90_000, intervalMs: 1000 },
    );
}

async function mustRun(argv: string[]): Promise<string> {
    const r = await runAsUser(argv);
    if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
    return r.stdout.trim();
}

export function gsettingsGet(schema: string, key: string, schemaDir?: string): Promise<string> {
    return mustRun(['gsettings', ...(schemaDir ? ['--schemadir', schemaDir] : []), 'get', schema, key]);
}

export async function gsettingsSet(schema: string, key: string, value: string, schemaDir?: string): Promise<void> {
    await mustRun(['gsettings', ...(schemaDir ? ['--schemadir', schemaDir] : []), 'set', schema, key, value]);
}

// The package installs the schema system-wide, so gsettings finds it as it finds GNOME's own.
export const chameleonGet = (key: string) => gsettingsGet(CHAMELEON_SCHEMA, key);
export const chameleonSet = (key: string, value: string) => gsettingsSet(CHAMELEON_SCHEMA, key, value);

export interface RootProcess {
    pid: number;
    uid: number;
    cmdline: string;
}

/** Every process whose root directory is the e2e root, as the host sees it. */
export function processesInRoot(): RootProcess[] {
    const root = path.resolve(E2E.root);
    const found: RootProcess[] = [];
    for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            if (readlinkSync(`/proc/${entry}/root`) !== root) continue;
            const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
            const uidLine = readFileSync(`/proc/${entry}/status`, 'utf8').match(/^Uid:\s+(\d+)/m);
            found.push({ pid: Number(entry), uid: Number(uidLine?.[1] ?? -1), cmdline });
        } catch {
            // the process exited while we looked
        }
    }
    return found;
}

export function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
        return state !== 'Z';
    } catch {
        return false;
    }
}

/**
 * Reads a value until `accept` holds for it (default: truthy) and returns that value. On timeout throws
 * with the description and the last value read (or the last error), so a failure says what was seen.
 */
export async function waitFor<T>(
    description: string,
    read: () => Promise<T> | T,
    accept: (value: T) => boolean = Boolean,
    { timeoutMs = 15_000, intervalMs = 200 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: { value: T } | undefined;
    let lastError: unknown;
    while (true) {
        try {
            const value = await read();
            if (accept(value)) return value;
            last = { value };
            lastError = undefined;
        } catch (e) {
            lastError = e;
        }
        if (Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, intervalMs));
    }
    throw new Error(
        `Timed out after ${timeoutMs} ms waiting for: ${description}\n` +
            (lastError
                ? `last error: ${String(lastError)}`
                : `last value seen: ${JSON.stringify(last?.value)?.slice(-1500)}`),
    );
}
