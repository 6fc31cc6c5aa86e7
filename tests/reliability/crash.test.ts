import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendProcess } from '../helpers/backendProcess.js';
import { writeSolid } from '../helpers/images.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
let folder: string;
beforeAll(async () => {
    sandbox = makeSandbox();
    folder = sandbox.folder('walls');
    for (let i = 0; i < 24; i++)
        await writeSolid(join(folder, `w${i}.png`), `#${(0x1f3a5c + i * 0x0b0905).toString(16).slice(-6)}`, {
            width: 80,
            height: 60,
        });
});
afterAll(() => sandbox.cleanup());

/** A deterministic sequence, so a failure can be replayed. */
function random(seed: number): () => number {
    let state = seed;
    return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('kill -9 at random moments', () => {
    it('keeps the database sound and loses no acknowledged favourite or ban', async () => {
        const rand = random(7);
        const favourites = new Set<string>();
        const banned = new Set<string>();
        let requests = 0;
        let acknowledged = 0;
        const rounds = 12;
        for (let round = 0; round < rounds; round++) {
            const backend = BackendProcess.start(sandbox);
            backend.onRequest = () => ({ ok: true });
            await backend.call('initialize', {
                protocolVersion: 2,
                config: { folders: [folder] },
                capabilities: { desktop: true },
            });
            const inFlight: Promise<void>[] = [];
            const stopAt = Date.now() + 100 + rand() * 600;
            while (Date.now() < stopAt) {
                const roll = rand();
                const path = join(folder, `w${Math.floor(rand() * 24)}.png`);
                requests++;
                if (roll < 0.45) inFlight.push(backend.send('wallpaper.next').then(() => void acknowledged++));
                else if (roll < 0.7) {
                    inFlight.push(
                        backend.send('image.favourite', { path, value: true }).then((r) => {
                            if (!r.error) {
                                favourites.add(path);
                                acknowledged++;
                            }
                        }),
                    );
                } else if (roll < 0.85) {
                    inFlight.push(
                        backend.send('image.ban', { path, value: true }).then((r) => {
                            if (!r.error) {
                                banned.add(path);
                                acknowledged++;
                            }
                        }),
                    );
                } else inFlight.push(backend.send('index.rescan').then(() => void acknowledged++));
                await new Promise((resolve) => setTimeout(resolve, rand() * 30));
            }
            backend.child.kill('SIGKILL');
            await backend.child.catch(() => undefined);
            // Requests that were not answered before the kill may or may not have happened; nothing waits on them.
            void Promise.allSettled(inFlight);
        }

        const db = new Database(join(sandbox.dataDir, 'chameleon.db'));
        try {
            expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
            const marked = new Set(
                (db.prepare(`SELECT path FROM images WHERE favourite = 1`).all() as { path: string }[]).map(
                    (r) => r.path,
                ),
            );
            for (const path of favourites) expect(marked.has(path), `favourite ${path}`).toBe(true);
            const bannedNow = new Set(
                (db.prepare(`SELECT path FROM images WHERE banned = 1`).all() as { path: string }[]).map((r) => r.path),
            );
            for (const path of banned) expect(bannedNow.has(path), `ban ${path}`).toBe(true);
            // History points only at images that exist, and its cursor at an entry that exists.
            expect(
                db
                    .prepare(
                        `SELECT count(*) AS n FROM history h LEFT JOIN images i ON i.id = h.image_id WHERE ` +
                            `h.image_id IS NOT NULL AND i.id IS NULL`,
                    )
                    .get(),
            ).toEqual({ n: 0 });
            const cursor = db.prepare(`SELECT value FROM state WHERE key = 'history.cursor'`).get() as
                { value: string } | undefined;
            if (cursor)
                expect(db.prepare(`SELECT count(*) AS n FROM history WHERE id = ?`).get(Number(cursor.value))).toEqual({
                    n: 1,
                });
        } finally {
            db.close();
        }
        // And it still works.
        const backend = BackendProcess.start(sandbox);
        backend.onRequest = () => ({ ok: true });
        await backend.call('initialize', {
            protocolVersion: 2,
            config: { folders: [folder] },
            capabilities: { desktop: true },
        });
        const shown = await backend.call('wallpaper.next');
        expect(banned.has(shown.path)).toBe(false);
        await backend.stop();
        console.log(
            `crash test: ${rounds} kill -9s, ${requests} requests sent, ${acknowledged} acknowledged, ` +
                `${favourites.size} favourites and ${banned.size} bans all kept`,
        );
        expect(acknowledged).toBeGreaterThan(rounds);
    }, 120_000);
});
