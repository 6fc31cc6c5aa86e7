import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntryJson, RescanResultJson, WallpaperJson } from '../../backend/src/protocol/messages.js';
import { writeNoise, writeSolid } from '../helpers/images.js';
import { makeSandbox, runCli, type Sandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
beforeEach(() => {
    sandbox = makeSandbox();
});
afterEach(() => sandbox.cleanup());

async function json<T>(args: string[]): Promise<T> {
    const result = await runCli(sandbox, [...args, '--json']);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as T;
}

describe('moved and renamed files', () => {
    it('keep their favourite, history and palette', async () => {
        const folder = sandbox.folder('walls');
        const original = join(folder, 'dunes.jpg');
        await writeNoise(original, { width: 320, height: 180, base: '#c2884a', seed: 3 });
        const first = await json<WallpaperJson>(['next', '--folder', folder]);
        expect(first.path).toBe(original);
        await json(['favourite', original, '--folder', folder]);
        await writeSolid(join(folder, 'other.png'), '#224466');

        mkdirSync(join(folder, 'desert'));
        const moved = join(folder, 'desert', 'Dunes at dusk.jpg');
        renameSync(original, moved);
        const scan = await json<RescanResultJson>(['rescan', '--folder', folder]);
        expect(scan).toMatchObject({ moved: 1, added: 1, removed: 0 });

        const why = await json<{ factors: { name: string; value: number }[] }>(['why', moved, '--folder', folder]);
        expect(why.factors.find((f) => f.name === 'favourite')?.value).toBeGreaterThan(1);
        const history = await json<HistoryEntryJson[]>(['history']);
        const entry = history.find((h) => h.path === moved);
        expect(entry?.palette).toEqual(first.palette);
        expect(history.some((h) => h.path === original)).toBe(false);
    });
});
