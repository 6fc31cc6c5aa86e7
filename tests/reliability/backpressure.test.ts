// A control-socket client that pipelines requests and never reads the answers must cost the backend a bounded
// amount of memory, and must not make the extension wait.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_PAGE } from '../../backend/src/protocol/messages.js';
import { BackendProcess } from '../helpers/backendProcess.js';
import { writeSolid } from '../helpers/images.js';
import { makeSandbox, runCli, type Sandbox } from '../helpers/sandbox.js';

const rssMb = (pid: number) => (Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096) / 2 ** 20;

let sandbox: Sandbox;
let folder: string;
const HISTORY = 3_000;
/** More requests than the backend handles at once from one client. */
const PIPELINED = 100;
beforeEach(async () => {
    sandbox = makeSandbox();
    folder = sandbox.folder('walls');
    await writeSolid(join(folder, 'a.png'), '#aa3333');
    // A long-used install: years of changes in the history.
    expect((await runCli(sandbox, ['next', '--folder', folder])).exitCode).toBe(0);
    const db = new Database(join(sandbox.dataDir, 'chameleon.db'));
    const first = db.prepare(`SELECT * FROM history`).get() as {
        image_id: number;
        path: string;
        shown_at: number;
        content_hash: string;
        extractor: string;
    };
    const insert = db.prepare(
        `INSERT INTO history (image_id, path, shown_at, reason, content_hash, extractor) VALUES ` +
            `(?, ?, ?, 'timer', ?, ?)`,
    );
    db.transaction(() => {
        for (let i = 1; i < HISTORY; i++)
            insert.run(first.image_id, first.path, first.shown_at + i * 60_000, first.content_hash, first.extractor);
    })();
    db.close();
});
afterEach(() => sandbox.cleanup());

describe('backpressure on the control socket', () => {
    it('stops reading from a client that does not read its answers, and keeps answering the extension', async () => {
        const backend = BackendProcess.start(sandbox);
        try {
            await backend.call('initialize', { protocolVersion: 2, config: { folders: [folder] } });
            expect(await backend.call('history.list', { limit: 10_000 })).toHaveLength(HISTORY_PAGE);
            const before = rssMb(backend.child.pid!);

            const client = connect(join(sandbox.env.XDG_RUNTIME_DIR!, 'chameleon', 'backend.sock'));
            await new Promise((resolve) => client.once('connect', resolve));
            client.pause();
            const request = (i: number) =>
                `${JSON.stringify({ jsonrpc: '2.0', id: i, method: 'history.list', params: { limit: 10_000 } })}\n`;
            const sent = PIPELINED;
            await new Promise((resolve) =>
                client.write(Array.from({ length: sent }, (_, i) => request(i)).join(''), resolve),
            );
            // The requests are with the backend's socket now; each round trip with the extension is one more turn of
            // its event loop, in which it reads what is there. The extension is answered all the while.
            for (let i = 0; i < 5; i++) expect((await backend.call('status')).images).toBe(1);
            const after = rssMb(backend.child.pid!);
            console.log(
                `a client pipelining history.list without reading: backend RSS ${before.toFixed(0)} → ` +
                    `${after.toFixed(0)} MB, ${sent} requests sent`,
            );
            expect(after - before).toBeLessThan(100);

            // Once it reads, it gets every answer, in order, one page each.
            client.resume();
            let text = '';
            const answers: { id: number; result: unknown[] }[] = [];
            await new Promise<void>((resolve) => {
                client.on('data', (chunk: Buffer) => {
                    text += chunk.toString();
                    const lines = text.split('\n');
                    text = lines.pop()!;
                    for (const line of lines) {
                        const message = JSON.parse(line) as { id?: number; result: unknown[] };
                        // Notifications (a change, progress) come to every client; only answers are counted.
                        if (message.id !== undefined) answers.push(message as { id: number; result: unknown[] });
                    }
                    if (answers.length === sent) resolve();
                });
            });
            expect(answers.map((a) => a.id)).toEqual(Array.from({ length: sent }, (_, i) => i));
            expect(answers.every((a) => a.result.length === HISTORY_PAGE)).toBe(true);
            client.destroy();
        } finally {
            await backend.stop();
        }
    }, 120_000);

    it('pages a long history for `chameleon history --limit`', async () => {
        const result = await runCli(sandbox, ['history', '--limit', '1200', '--json']);
        expect(result.stderr).toBe('');
        const entries = JSON.parse(result.stdout) as { shownAt: string }[];
        expect(entries).toHaveLength(1200);
        // Newest first, no entry twice across the pages.
        const times = entries.map((e) => Date.parse(e.shownAt));
        expect(times).toEqual([...times].sort((a, b) => b - a));
        expect(new Set(times).size).toBe(1200);
    }, 60_000);
});
