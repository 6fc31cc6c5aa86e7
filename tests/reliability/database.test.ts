import Database from 'better-sqlite3';
import { execa } from 'execa';
import { chmodSync, existsSync, mkdirSync, readdirSync, readlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntryJson } from '../../backend/src/protocol/messages.js';
import { BackendProcess } from '../helpers/backendProcess.js';
import { writeSolid } from '../helpers/images.js';
import { CLI, makeSandbox, runCli, type Sandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
let folder: string;
beforeEach(async () => {
    sandbox = makeSandbox();
    folder = sandbox.folder('walls');
    await writeSolid(join(folder, 'a.png'), '#aa3333');
    await writeSolid(join(folder, 'b.png'), '#33aa33');
});
afterEach(() => sandbox.cleanup());

const dbFile = () => join(sandbox.dataDir, 'chameleon.db');

async function history(): Promise<HistoryEntryJson[]> {
    const result = await runCli(sandbox, ['history', '--json']);
    expect(result.exitCode).toBe(0);
    return JSON.parse(result.stdout) as HistoryEntryJson[];
}

describe('a damaged or busy database', () => {
    it('moves a damaged database aside and starts again instead of failing forever', async () => {
        expect((await runCli(sandbox, ['next', '--folder', folder])).exitCode).toBe(0);
        writeFileSync(dbFile(), 'this is not a SQLite database, just garbage '.repeat(200));
        const next = await runCli(sandbox, ['next', '--folder', folder, '--json']);
        expect(next.exitCode).toBe(0);
        expect(next.stderr).toMatch(
            /the database was damaged .*kept it as .*chameleon\.db\.damaged-.* and started a new one/,
        );
        expect(readdirSync(sandbox.dataDir).some((name) => name.startsWith('chameleon.db.damaged-'))).toBe(true);
        expect(await history()).toHaveLength(1);
        // Once recovered, it stays recovered: no warning on the next run.
        expect((await runCli(sandbox, ['current'])).stderr).toBe('');
    });

    it('restores the daily backup the running backend made, keeping the history up to it', async () => {
        const backend = BackendProcess.start(sandbox);
        await backend.call('initialize', { protocolVersion: 2, config: { folders: [folder] } });
        await backend.call('wallpaper.next');
        await backend.call('wallpaper.next');
        await backend.stop();
        // A backup is taken when the backend starts and the last one is over a day old: make it two days old.
        const backup = join(sandbox.dataDir, 'chameleon.db.backup');
        expect(existsSync(backup)).toBe(true);
        const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
        utimesSync(backup, twoDaysAgo, twoDaysAgo);
        const again = BackendProcess.start(sandbox);
        await again.call('status');
        await again.stop();

        writeFileSync(dbFile(), Buffer.alloc(8192, 0xab));
        const before = await runCli(sandbox, ['history', '--json']);
        expect(before.stderr).toMatch(/restored the backup of/);
        expect(JSON.parse(before.stdout)).toHaveLength(2);
    });

    it('says the database is locked, after a short wait, instead of hanging or crashing', async () => {
        expect((await runCli(sandbox, ['next', '--folder', folder])).exitCode).toBe(0);
        const holder = new Database(dbFile());
        holder.exec('BEGIN EXCLUSIVE');
        try {
            const started = Date.now();
            const blocked = await runCli(sandbox, ['next', '--folder', folder]);
            expect(blocked.exitCode).toBe(1);
            expect(blocked.stderr).toMatch(
                /^chameleon: the database .* is locked by another program; close it \(or wait for it\) and try again$/,
            );
            expect(Date.now() - started).toBeLessThan(20_000);
        } finally {
            holder.exec('ROLLBACK');
            holder.close();
        }
        expect(await history()).toHaveLength(1);
    });

    it('refuses a database from a newer Chameleon without touching it', async () => {
        expect((await runCli(sandbox, ['next', '--folder', folder])).exitCode).toBe(0);
        const db = new Database(dbFile());
        db.pragma('user_version = 999');
        db.close();
        const result = await runCli(sandbox, ['current']);
        expect(result.exitCode).toBe(78);
        expect(result.stderr).toMatch(
            /^chameleon: the database was written by a newer Chameleon \(schema 999, this one knows \d+\); update Chameleon$/,
        );
    });

    it('lets a dozen commands at once create a brand-new database together', async () => {
        // The commands must really meet on the empty database: hold it until every one has opened the file, then
        // let them all go at the same instant (each is waiting on SQLite's lock, as it would on a busy disk).
        mkdirSync(sandbox.dataDir, { recursive: true });
        const holder = new Database(dbFile());
        holder.exec('BEGIN EXCLUSIVE');
        // Lone commands of one session take turns on a lock in the runtime folder; a backend starting as commands
        // run does not. Each command gets a runtime folder of its own here, so that all of them reach the database.
        const commands = Array.from({ length: 12 }, (_, n) => {
            const runtime = sandbox.folder(`run-${n}`);
            chmodSync(runtime, 0o700);
            return execa(process.execPath, [CLI, 'history', '--json'], {
                env: { ...sandbox.env, XDG_RUNTIME_DIR: runtime },
                extendEnv: false,
                reject: false,
            });
        });
        try {
            await vi.waitFor(
                () => {
                    for (const command of commands) {
                        const fds = readdirSync(`/proc/${command.pid}/fd`).map((fd) => {
                            try {
                                return readlinkSync(`/proc/${command.pid}/fd/${fd}`);
                            } catch {
                                return '';
                            }
                        });
                        if (!fds.includes(dbFile()))
                            throw new Error(`command ${command.pid} has not opened the database yet`);
                    }
                },
                { timeout: 60_000, interval: 50 },
            );
        } finally {
            holder.exec('ROLLBACK');
            holder.close();
        }
        for (const result of await Promise.all(commands)) {
            expect(result.stderr).toBe('');
            expect(result.exitCode).toBe(0);
        }
        const db = new Database(dbFile(), { readonly: true });
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        db.close();
    }, 90_000);

    it('names a read-only database, and works again once the user makes it writable', async () => {
        // Permissions do not bind root, so the commands run as an ordinary user, as they would on a desktop.
        const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
        for (const dir of ['', 'home', 'config', 'data', 'cache']) {
            mkdirSync(join(sandbox.dir, dir), { recursive: true });
            chmodSync(join(sandbox.dir, dir), 0o777);
        }
        chmodSync(folder, 0o755);
        const env = { ...sandbox.env, XDG_RUNTIME_DIR: '' };
        const run = (args: string[]) =>
            execa(
                asUser[0] ?? process.execPath,
                [...asUser.slice(1), ...(asUser.length ? [process.execPath] : []), CLI, ...args],
                { env, extendEnv: false, reject: false },
            );

        expect((await run(['next', '--folder', folder])).exitCode).toBe(0);
        // A restore from a backup, or a careless chmod, leaves the database read-only.
        chmodSync(dbFile(), 0o400);
        const refused = await run(['next', '--folder', folder]);
        expect(refused.exitCode).toBe(1);
        expect(refused.stderr).toBe(
            `chameleon: the database ${dbFile()} is read-only; make it writable (chmod u+w) and try again`,
        );
        // The user does what the message says; SQLite's shared-memory file, made while the database was
        // read-only, must not keep it broken.
        chmodSync(dbFile(), 0o600);
        const fixed = await run(['next', '--folder', folder]);
        expect(fixed.stderr).toBe('');
        expect(fixed.exitCode).toBe(0);
        expect(await history()).toHaveLength(2);
    });
});
