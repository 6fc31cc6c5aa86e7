import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendProcess } from '../helpers/backendProcess.js';
import { writeSolid } from '../helpers/images.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

/** Resident memory (MB) and open file descriptors of a process, from /proc. */
function usage(pid: number): { rssMb: number; fds: number } {
    const rssPages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return { rssMb: (rssPages * 4096) / 2 ** 20, fds: readdirSync(`/proc/${pid}/fd`).length };
}

let sandbox: Sandbox;
let backend: BackendProcess;
beforeEach(async () => {
    sandbox = makeSandbox();
    const folder = sandbox.folder('walls');
    for (let i = 0; i < 12; i++)
        await writeSolid(join(folder, `w${i}.png`), `#${(0x123456 * (i + 1)).toString(16).slice(-6).padStart(6, '0')}`);
    backend = BackendProcess.start(sandbox);
    // The test answers desktop.apply as the extension does, so the figures are the backend's own.
    backend.onRequest = () => ({ ok: true });
    await backend.call('initialize', {
        protocolVersion: 2,
        config: { folders: [folder] },
        capabilities: { desktop: true },
    });
});
afterEach(async () => {
    await backend.stop();
    sandbox.cleanup();
});

describe('load', () => {
    it('answers a burst of 1,000 requests, coalescing the waiting ones, with memory bounded', async () => {
        const pid = backend.child.pid!;
        const answers = await Promise.all(
            Array.from({ length: 1000 }, (_, i) => backend.send(i % 10 === 9 ? 'status' : 'wallpaper.next')),
        );
        expect(answers.filter((a) => a.error)).toEqual([]);
        expect(answers).toHaveLength(1000);
        const history = await backend.call('history.list', { limit: 1000 });
        // 900 "next" requests arrived faster than changes happen: they were merged, not queued 900 deep.
        expect(history.length).toBeLessThan(50);
        const { rssMb } = usage(pid);
        expect(rssMb).toBeLessThan(250);
        console.log(
            `burst: 1000 requests answered, ${history.length} changes made, backend RSS ${rssMb.toFixed(0)} MB`,
        );
    });

    it('takes a day of timer changes (10,000) without growing in memory or open files', async () => {
        const pid = backend.child.pid!;
        for (let i = 0; i < 1000; i++) await backend.call('wallpaper.next', {});
        const warm = usage(pid);
        for (let i = 0; i < 9000; i++) await backend.call('wallpaper.next', {});
        const after = usage(pid);
        console.log(
            `10,000 changes: RSS ${warm.rssMb.toFixed(0)} → ${after.rssMb.toFixed(0)} MB after the ` +
                `first 1,000 → 10,000, open files ${warm.fds} → ${after.fds}`,
        );
        expect(after.fds).toBeLessThanOrEqual(warm.fds + 2);
        expect(after.rssMb - warm.rssMb).toBeLessThan(40);
        expect((await backend.call('history.list', { limit: 500, offset: 9_500 })).length).toBe(500);
        // Only the messages it must keep: the backend's stdout buffer to us is drained, nothing piles up.
        expect(backend.stderr).toBe('');
    }, 240_000);
});
