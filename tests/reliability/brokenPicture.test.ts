// A picture whose header reads fine but whose pixels do not decode (the first 30 KB of a 4K JPEG, as a copy
// interrupted early leaves it) must never reach the screen: the change skips it and shows a good picture.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RescanResultJson, StatsJson, WallpaperJson } from '../../backend/src/protocol/messages.js';
import { parseGVariantString } from '../../backend/src/config/gvariantText.js';
import { BackendProcess } from '../helpers/backendProcess.js';
import { writeSolid } from '../helpers/images.js';
import { makeSandbox, runCli, type Sandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
let folder: string;
let truncated: string;

beforeEach(async () => {
    sandbox = makeSandbox();
    folder = sandbox.folder('walls');
    // A 4K photo-like JPEG (noise does not compress: several MB), cut after its first 30 KB.
    const whole = await sharp({
        create: {
            width: 3840,
            height: 2160,
            channels: 3,
            background: '#808080',
            noise: { type: 'gaussian', mean: 128, sigma: 30 },
        },
    })
        .jpeg({ quality: 90 })
        .toBuffer();
    truncated = join(folder, 'a-truncated-4k.jpg');
    writeFileSync(truncated, whole.subarray(0, 30 * 1024));
    await writeSolid(join(folder, 'good.png'), '#2e86de', { width: 160, height: 90 });
});
afterEach(() => sandbox.cleanup());

async function cliJson<T>(args: string[]): Promise<T> {
    const result = await runCli(sandbox, [...args, '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as T;
}

describe('a picture that cannot be decoded', () => {
    it(
        'is never set: the same change shows a good picture, and rescan and stats name the broken ' + 'one with why',
        async () => {
            // The index takes the truncated file: its header is whole.
            const scan = await cliJson<RescanResultJson>(['rescan', '--folder', folder]);
            expect(scan.total).toBe(2);

            // With one good picture and one broken, three changes in a row must offer the broken one at least once.
            for (let i = 0; i < 3; i++) {
                const wallpaper = await cliJson<WallpaperJson>(['next', '--folder', folder]);
                expect(wallpaper.name).toBe('good.png');
                expect(wallpaper.palette?.accentName).toBe('blue');
                const onScreen = parseGVariantString(
                    await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri'),
                );
                expect(onScreen).toBe(wallpaper.uri);
            }

            const rescan = await cliJson<RescanResultJson>(['rescan', '--folder', folder]);
            expect(rescan.total).toBe(1);
            expect(rescan.problems).toEqual([
                expect.stringMatching(new RegExp(`^${truncated}: cannot be decoded \\(.*premature end of JPEG`)),
            ]);
            const stats = await cliJson<StatsJson>(['stats', '--folder', folder]);
            expect(stats.broken).toEqual([{ path: truncated, reason: expect.stringMatching(/^cannot be decoded \(/) }]);
            expect((await runCli(sandbox, ['stats', '--folder', folder])).stdout).toContain(
                `broken (not shown):\n  ${truncated}: cannot be decoded`,
            );
        },
    );

    it(
        'is skipped inside one change through the backend: the extension is asked to set only the ' + 'good picture',
        async () => {
            const backend = BackendProcess.start(sandbox);
            const asked: string[] = [];
            backend.onRequest = (method, params) => {
                asked.push((params as { wallpaper: { path: string } }).wallpaper.path);
                return { ok: true };
            };
            await backend.call('initialize', {
                protocolVersion: 2,
                config: { folders: [folder], backgroundAnalysis: false },
                capabilities: { desktop: true },
            });
            const announced: WallpaperJson[] = [];
            for (let i = 0; i < 3; i++) {
                const changed = backend.notification('wallpaper.changed') as Promise<{ wallpaper: WallpaperJson }>;
                const reply = await backend.call('wallpaper.next');
                announced.push((await changed).wallpaper);
                expect(reply.name).toBe('good.png');
            }
            await backend.stop();
            expect(asked.every((path) => path === join(folder, 'good.png'))).toBe(true);
            expect(announced.map((w) => w.name)).toEqual(['good.png', 'good.png', 'good.png']);
        },
    );
});
