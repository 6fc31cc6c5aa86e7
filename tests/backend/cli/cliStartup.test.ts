// What a `chameleon` command loads on its way: the modules are traced with a resolution hook in the real CLI
// process, so these tests see what Node really imported, not what the source seems to import.
import { execa } from 'execa';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeSolid } from '../../helpers/images.js';
import { CLI, ROOT, makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

const TRACE = join(ROOT, 'tests/helpers/importTrace.mjs');

let sandbox: Sandbox;
let folder: string;
beforeEach(async () => {
    sandbox = makeSandbox();
    folder = sandbox.folder('walls');
    await writeSolid(join(folder, 'a.png'), '#336699');
    await writeSolid(join(folder, 'b.png'), '#993366');
});
afterEach(() => sandbox.cleanup());

/** Runs the CLI with the import trace on; returns its output and every module URL it loaded. */
async function tracedCli(
    args: string[],
): Promise<{ exitCode: number; stdout: string; stderr: string; loaded: string[] }> {
    const trace = join(sandbox.dir, 'imports.txt');
    writeFileSync(trace, '');
    const result = await execa(process.execPath, ['--import', TRACE, CLI, ...args], {
        env: { ...sandbox.env, CHAMELEON_IMPORT_TRACE: trace },
        extendEnv: false,
        reject: false,
        timeout: 60_000,
    });
    return {
        exitCode: result.exitCode ?? -1,
        stdout: result.stdout,
        stderr: result.stderr,
        loaded: readFileSync(trace, 'utf8').split('\n').filter(Boolean),
    };
}

/** The npm packages among loaded module URLs. */
const packages = (loaded: string[]) =>
    [...new Set(loaded.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []))].sort();

describe('what a command loads', () => {
    it(
        'sends a command to the running backend without loading the database, image, colour or ' + 'process libraries',
        async () => {
            const backend = BackendProcess.start(sandbox);
            try {
                await backend.call('initialize', { protocolVersion: PROTOCOL_VERSION, config: { folders: [folder] } });
                const changed = backend.notification('wallpaper.changed');
                const run = await tracedCli(['next', '--json']);
                expect(run.stderr).toBe('');
                expect(run.exitCode).toBe(0);
                expect(((await changed) as { wallpaper: WallpaperJson }).wallpaper).toEqual(
                    JSON.parse(run.stdout) as WallpaperJson,
                );
                expect(packages(run.loaded)).toEqual([]);
                expect(run.loaded.some((url) => url.endsWith('/cliAlone.js'))).toBe(false);
            } finally {
                await backend.stop();
            }
        },
    );
});

describe('a command working alone', () => {
    /** Puts a gsettings on PATH that logs its arguments, then runs the real one. */
    async function logGsettings(): Promise<() => string[]> {
        const real = (await execa('sh', ['-c', 'command -v gsettings'])).stdout.trim();
        const bin = join(sandbox.dir, 'bin');
        const log = join(sandbox.dir, 'gsettings.log');
        mkdirSync(bin);
        writeFileSync(join(bin, 'gsettings'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${real}' "$@"\n`);
        chmodSync(join(bin, 'gsettings'), 0o755);
        sandbox.env.PATH = `${bin}:${sandbox.env.PATH}`;
        return () => readFileSync(log, 'utf8').split('\n').filter(Boolean);
    }

    it(
        'with the palette known, loads no image or process library and writes picture-uri before ' + 'anything else',
        async () => {
            const only = sandbox.folder('one');
            await writeSolid(join(only, 'c.png'), '#446688');
            const first = await tracedCli(['next', '--folder', only, '--json']);
            expect(first.exitCode).toBe(0);
            const calls = await logGsettings();

            const again = await tracedCli(['next', '--folder', only, '--json']);
            expect(again.stderr).toBe('');
            expect(again.exitCode).toBe(0);
            expect((JSON.parse(again.stdout) as WallpaperJson).palette?.colors).toHaveLength(16);
            expect(packages(again.loaded)).toEqual(['better-sqlite3']);
            // Reading the background's colours (what a transparent picture is seen over) is not a write.
            const writes = calls().filter(
                (call) => call.startsWith('set ') && call.includes('org.gnome.desktop.background'),
            );
            expect(writes[0]).toMatch(/^set org\.gnome\.desktop\.background picture-uri 'file:/);
            // picture-options was 'zoom' already: it is not written again.
            expect(writes.filter((call) => call.includes('picture-options'))).toEqual([]);
        },
    );
});
