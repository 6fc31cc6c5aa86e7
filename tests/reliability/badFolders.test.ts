import { execa } from 'execa';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { walkFolder } from '../../backend/src/scan/walkFolder.js';
import type { RescanResultJson } from '../../backend/src/protocol/messages.js';
import { writeSolid } from '../helpers/images.js';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
beforeEach(() => {
    sandbox = makeSandbox();
});
afterEach(() => sandbox.cleanup());

describe('folders that fight back', () => {
    it('reports a file whose name is not valid UTF-8 and indexes the rest', async () => {
        const folder = sandbox.folder('walls');
        await writeSolid(join(folder, 'fine.png'), '#123456');
        writeFileSync(
            Buffer.concat([Buffer.from(`${folder}/bad`), Buffer.from([0xff, 0xfe]), Buffer.from('name.png')]),
            'x',
        );
        const { files, problems } = await walkFolder(folder);
        expect(files.map((f) => f.path)).toEqual([join(folder, 'fine.png')]);
        expect(problems).toEqual([expect.stringMatching(/whose name is not valid UTF-8 .*; rename it to use it$/)]);
    });

    it('keeps walking when folders vanish while it walks', async () => {
        const folder = sandbox.folder('walls');
        for (let i = 0; i < 60; i++) {
            mkdirSync(join(folder, `d${i}`, 'inner'), { recursive: true });
            writeFileSync(join(folder, `d${i}`, 'inner', 'x.png'), 'x');
        }
        const walking = walkFolder(folder);
        for (let i = 0; i < 60; i += 2) rmSync(join(folder, `d${i}`), { recursive: true, force: true });
        const { files } = await walking;
        // However the two interleaved, every file reported still existed when it was listed, and the kept half is all
        // there.
        for (let i = 1; i < 60; i += 2)
            expect(files.map((f) => f.path)).toContain(join(folder, `d${i}`, 'inner', 'x.png'));
    });

    it('scans past an unreadable sub-folder, naming it, and refuses an unreadable top folder clearly', async () => {
        // Permissions do not bind root, so the scan runs as an ordinary user, as it would on a desktop.
        const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
        chmodSync(sandbox.dir, 0o777);
        const folder = sandbox.folder('walls');
        await writeSolid(join(folder, 'visible.png'), '#abcdef');
        mkdirSync(join(folder, 'private'));
        await writeSolid(join(folder, 'private', 'hidden.png'), '#fedcba');
        for (const dir of ['home', 'config', 'data', 'cache', 'run']) {
            mkdirSync(join(sandbox.dir, dir), { recursive: true });
            chmodSync(join(sandbox.dir, dir), 0o777);
        }
        chmodSync(folder, 0o755);
        chmodSync(join(folder, 'private'), 0o000);
        const env = { ...sandbox.env, XDG_RUNTIME_DIR: '' };
        const run = (args: string[]) =>
            execa(
                asUser[0] ?? process.execPath,
                [...asUser.slice(1), ...(asUser.length ? [process.execPath] : []), CLI, ...args],
                { env, extendEnv: false, reject: false },
            );

        const scan = await run(['rescan', '--folder', folder, '--json']);
        expect(scan.stderr).toBe('');
        expect(scan.exitCode).toBe(0);
        const result = JSON.parse(scan.stdout) as RescanResultJson;
        expect(result.total).toBe(1);
        expect(result.problems).toEqual([
            expect.stringMatching(new RegExp(`^cannot read folder ${join(folder, 'private')}: EACCES`)),
        ]);

        chmodSync(folder, 0o000);
        const refused = await run(['next', '--folder', folder]);
        expect(refused.exitCode).toBe(1);
        expect(refused.stderr).toMatch(new RegExp(`^chameleon: cannot read folder ${folder}: EACCES`));
        chmodSync(folder, 0o755);
        chmodSync(join(folder, 'private'), 0o755);
    });
});
