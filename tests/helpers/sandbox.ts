import { execa } from 'execa';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/backend/cli.js');

/**
 * A private home for one test: its own XDG directories, so the database, the control socket and the GSettings
 * keyfile (the real gsettings tool, with the keyfile backend instead of dconf) belong to this test alone.
 */
export interface Sandbox {
    dir: string;
    env: NodeJS.ProcessEnv;
    dataDir: string;
    /** Makes (and returns) a folder inside the sandbox. */
    folder(name: string): string;
    /** Reads a GSettings key the way GNOME would see it. */
    gsettingsGet(schema: string, key: string): Promise<string>;
    cleanup(): void;
}

export function makeSandbox(): Sandbox {
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-test-'));
    const runtime = join(dir, 'run');
    mkdirSync(runtime, { mode: 0o700 });
    const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: join(dir, 'home'),
        XDG_CONFIG_HOME: join(dir, 'config'),
        XDG_DATA_HOME: join(dir, 'data'),
        XDG_CACHE_HOME: join(dir, 'cache'),
        XDG_RUNTIME_DIR: runtime,
        GSETTINGS_BACKEND: 'keyfile',
    };
    return {
        dir,
        env,
        dataDir: join(dir, 'data', 'chameleon'),
        folder(name) {
            const path = join(dir, name);
            mkdirSync(path, { recursive: true });
            return path;
        },
        async gsettingsGet(schema, key) {
            return (await execa('gsettings', ['get', schema, key], { env, extendEnv: false })).stdout;
        },
        cleanup() {
            rmSync(dir, { recursive: true, force: true });
        },
    };
}

export interface CliResult {
    exitCode: number;
    stdout: string;
    stderr: string;
}

/** Runs the built `chameleon` CLI as a user would, in the sandbox's environment. */
export async function runCli(sandbox: Sandbox, args: readonly string[]): Promise<CliResult> {
    const result = await execa(process.execPath, [CLI, ...args], {
        env: sandbox.env,
        extendEnv: false,
        reject: false,
        timeout: 60_000,
    });
    return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}
