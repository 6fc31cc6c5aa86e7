import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPostChangeCommands } from '../../../backend/src/pipeline/postChangeCommands.js';
import type { WallpaperJson } from '../../../backend/src/protocol/messages.js';

const wallpaper: WallpaperJson = {
    path: '/walls/a.png',
    uri: 'file:///walls/a.png',
    palette: null,
} as unknown as WallpaperJson;

/** Running, not merely a zombie waiting for a parent (in a container, PID 1 may never reap it). */
const alive = (pid: number) => {
    try {
        return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
    } catch {
        return false;
    }
};

let dir = '';
let helper = 0;
afterEach(() => {
    if (helper && alive(helper)) process.kill(helper, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
});

describe('post-change commands', () => {
    it('count a command that starts a background helper and exits as done, and leave the helper running', async () => {
        dir = mkdtempSync(join(tmpdir(), 'chameleon-hook-'));
        const pidFile = join(dir, 'helper.pid');
        // What a user's hook does to (re)start a bar or a notifier: the helper keeps the inherited output open.
        const failures = await runPostChangeCommands(
            [['sh', '-c', `sleep 300 & echo $! > '${pidFile}'; echo started`]],
            wallpaper,
            20_000,
        );
        expect(failures).toEqual([]);
        await vi.waitFor(() => expect(existsSync(pidFile)).toBe(true));
        helper = Number(readFileSync(pidFile, 'utf8'));
        expect(alive(helper)).toBe(true);
    }, 40_000);

    it('still stops a command that does not finish in time, with everything it started', async () => {
        dir = mkdtempSync(join(tmpdir(), 'chameleon-hook-'));
        const pidFile = join(dir, 'helper.pid');
        const failures = await runPostChangeCommands(
            [['sh', '-c', `sleep 300 & echo $! > '${pidFile}'; wait`]],
            wallpaper,
            1_000,
        );
        expect(failures).toEqual(['post-change command sh did not finish within 1 s and was stopped']);
        helper = Number(readFileSync(pidFile, 'utf8'));
        await vi.waitFor(() => expect(alive(helper)).toBe(false));
    });
});
