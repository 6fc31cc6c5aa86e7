// Timed changes are the backend's own, next to pause: the timer changes the wallpaper every `change-interval`,
// skips its turn while changes are paused (no refusal goes anywhere) and starts again on resume.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryEntryJson, WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeSolid } from '../../helpers/images.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

type Changed = { wallpaper: WallpaperJson; reason: string };

describe('the change timer', () => {
    let sandbox: Sandbox;
    let folder: string;
    beforeAll(async () => {
        sandbox = makeSandbox();
        folder = sandbox.folder('pictures');
        for (const [n, colour] of ['#a03020', '#2050a0', '#30a040'].entries())
            await writeSolid(`${folder}/w${n}.png`, colour);
    });
    afterAll(() => sandbox.cleanup());

    it('changes on its interval, keeps still while paused, and goes on after resume', { timeout: 60_000 }, async () => {
        // A "minute" of 200 ms; debug logging shows when the timer skips a turn.
        const backend = BackendProcess.start({
            ...sandbox,
            env: { ...sandbox.env, CHAMELEON_MINUTE_MS: '200', CHAMELEON_LOG: 'debug' },
        });
        try {
            const first = backend.notification('wallpaper.changed') as Promise<Changed>;
            await backend.call('initialize', {
                protocolVersion: 2,
                config: { folders: [folder], changeIntervalMinutes: 1 },
            });
            expect((await first).reason).toBe('timer');

            await backend.call('selection.pause', {});
            const shown = (await backend.call('history.list', {})).length;
            await waitForStderr(backend, 'timed change skipped: changes are paused');
            expect((await backend.call('history.list', {})).length).toBe(shown);

            const resumed = backend.notification('wallpaper.changed') as Promise<Changed>;
            await backend.call('selection.resume', {});
            expect((await resumed).reason).toBe('timer');
            const history: HistoryEntryJson[] = await backend.call('history.list', {});
            expect(history.length).toBe(shown + 1);

            // Status tells when the next timed change is due; at 0 none is, and a change does not schedule one.
            // (Between a timed change starting and its announcement nothing is due yet: ask until one is.)
            const due = await vi.waitFor(
                async () => {
                    const timer = (await backend.call('status')).timer;
                    expect(timer.nextAt).not.toBeNull();
                    return timer;
                },
                { timeout: 10_000, interval: 20 },
            );
            expect(due.everyMinutes).toBe(1);
            expect(Date.parse(due.nextAt!)).toBeLessThanOrEqual(Date.now() + 200);
            await backend.call('config.update', { changeIntervalMinutes: 0 });
            expect((await backend.call('status')).timer).toEqual({ everyMinutes: 0, nextAt: null });
            await backend.call('wallpaper.next', {});
            expect((await backend.call('status')).timer).toEqual({ everyMinutes: 0, nextAt: null });
        } finally {
            await backend.stop();
        }
    });
});

/** Resolves once the backend has written `text` on stderr (it is read as it comes). */
async function waitForStderr(backend: BackendProcess, text: string): Promise<void> {
    const from = backend.stderr.length;
    await new Promise<void>((resolve) => {
        const check = () =>
            backend.stderr.indexOf(text, from) >= 0 ? resolve() : backend.child.stderr!.once('data', check);
        check();
    });
}
