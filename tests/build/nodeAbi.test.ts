// The Debian package's layout carries better-sqlite3 once per Node ABI (native/node-abi-<N>/) and the backend
// loads the one for the Node it runs on. These tests lay out the built backend as the package does, with the
// real build of better-sqlite3 for this Node under its own ABI or under another one only, and run it.
import { execa } from 'execa';
import { copyFileSync, cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_CANNOT_RUN } from '../../backend/src/protocol/rpc.js';
import { writeSolid } from '../helpers/images.js';
import { ROOT, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { builtExtension, runGjs } from '../helpers/gjs.js';

const SQLITE_BUILD = join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');

let sandbox: Sandbox;
beforeEach(() => {
    sandbox = makeSandbox();
});
afterEach(() => sandbox.cleanup());

/** /usr/lib/chameleon as the package lays it out, with this Node's better-sqlite3 filed under `abi`. */
function packagedBackend(abi: string): string {
    const lib = sandbox.folder('usr/lib/chameleon');
    cpSync(join(ROOT, 'dist/backend'), join(lib, 'backend'), { recursive: true });
    writeFileSync(join(lib, 'package.json'), JSON.stringify({ type: 'module' }));
    symlinkSync(join(ROOT, 'node_modules'), join(lib, 'node_modules'));
    mkdirSync(join(lib, 'native', `node-abi-${abi}`), { recursive: true });
    copyFileSync(SQLITE_BUILD, join(lib, 'native', `node-abi-${abi}`, 'better_sqlite3.node'));
    return join(lib, 'backend/cli.js');
}

describe('the packaged backend on the Node it finds', () => {
    it('loads the database module built for this Node and works', async () => {
        const cli = packagedBackend(process.versions.modules);
        const folder = sandbox.folder('pictures');
        await writeSolid(join(folder, 'sea.png'), '#1b6ca8', { width: 160, height: 90 });
        const result = await execa(process.execPath, [cli, 'next', '--folder', folder, '--json'], {
            env: sandbox.env,
            extendEnv: false,
        });
        expect(JSON.parse(result.stdout).path).toBe(join(folder, 'sea.png'));
    });

    it('says in one line which Node versions it runs on when this one is not among them, and exits 78', async () => {
        const cli = packagedBackend('137' === process.versions.modules ? '115' : '137');
        const result = await execa(process.execPath, [cli, 'status'], {
            env: sandbox.env,
            extendEnv: false,
            reject: false,
        });
        expect(result.exitCode).toBe(EXIT_CANNOT_RUN);
        const other = '137' === process.versions.modules ? '20' : '24';
        expect(result.stderr).toBe(
            `chameleon: this Chameleon package runs on Node ${other}, but ${process.execPath} is Node ` +
                `${process.versions.node}; ` +
                "install the package built for your distribution, or Chameleon's user install",
        );
    });

    it(
        'the extension shows that line and does not restart a backend that cannot run',
        { timeout: 60_000 },
        async () => {
            expect(builtExtension(), 'run `npm run build` first').toBe(true);
            const cli = packagedBackend('1');
            const result = await runGjs('cannotRun.js', { ...sandbox.env, CHAMELEON_CLI: cli, NODE: process.execPath });
            const report = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
            expect(result.code, report).toBe(0);
            expect(result.passed.get('stopped-with-reason'), report).toMatch(
                /^The backend cannot run: this Chameleon package runs on Node with module ABI 1, but .* is Node \d+/,
            );
            expect(result.passed.has('not-restarted'), report).toBe(true);
        },
    );
});
