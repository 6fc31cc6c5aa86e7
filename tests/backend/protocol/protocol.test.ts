import { statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
    ErrorCode,
    MAX_LINE_BYTES,
    PROTOCOL_VERSION,
    type WallpaperJson,
} from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
let backend: BackendProcess;
let folder: string;

beforeEach(async () => {
    sandbox = makeSandbox();
    folder = sandbox.folder('walls');
    for (const [name, hex] of [
        ['red', '#cc2222'],
        ['teal', '#1b8a9c'],
        ['grey', '#808080'],
    ]) {
        await sharp({ create: { width: 120, height: 80, channels: 3, background: hex! } })
            .png()
            .toFile(join(folder, `${name}.png`));
    }
    backend = BackendProcess.start(sandbox);
});
afterEach(async () => {
    await backend.stop();
    sandbox.cleanup();
});

describe('serve --stdio', () => {
    it('shakes hands, takes folders from the client, and answers status', async () => {
        const init = await backend.call('initialize', {
            protocolVersion: PROTOCOL_VERSION,
            client: 'test',
            config: { folders: [folder] },
        });
        expect(init).toMatchObject({ protocolVersion: PROTOCOL_VERSION, current: null });
        await backend.call('index.rescan');
        expect(await backend.call('status')).toMatchObject({
            images: 3,
            skipped: 0,
            folders: [folder],
            current: null,
            queued: 0,
        });
    });

    it('refuses a client that speaks another protocol version', async () => {
        const response = await backend.send('initialize', { protocolVersion: PROTOCOL_VERSION + 1 });
        expect(response.error).toMatchObject({ code: ErrorCode.VersionMismatch });
        expect(response.error?.message).toMatch(/update both parts of Chameleon/);
    });

    it('answers next with the wallpaper and tells every client with wallpaper.changed', async () => {
        await backend.call('initialize', { protocolVersion: PROTOCOL_VERSION, config: { folders: [folder] } });
        const changed = backend.notification('wallpaper.changed');
        const wallpaper = await backend.call('wallpaper.next');
        expect(await changed).toEqual({ wallpaper, reason: 'next' });
        expect(wallpaper.palette?.colors).toHaveLength(16);
        expect(await backend.call('wallpaper.current')).toEqual(wallpaper);
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri')).toBe(`'${wallpaper.uri}'`);
        const timer = await backend.call('wallpaper.next', {});
        expect((await backend.call('history.list', { limit: 10 })).map((h) => h.path)).toEqual([
            timer.path,
            wallpaper.path,
        ]);
    });

    it('lets a client that offers it apply wallpapers itself, and records nothing it refused', async () => {
        const gnomeBefore = await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri');
        const asked: unknown[] = [];
        backend.onRequest = (method, params) => {
            asked.push({ method, params });
            if (asked.length === 2) throw new Error('the shell is busy');
            return { ok: true };
        };
        await backend.call('initialize', {
            protocolVersion: PROTOCOL_VERSION,
            config: { folders: [folder] },
            capabilities: { desktop: true },
        });
        const wallpaper = await backend.call('wallpaper.next');
        expect(asked).toEqual([
            {
                method: 'desktop.apply',
                params: {
                    wallpaper: { path: wallpaper.path, uri: wallpaper.uri, darkUri: wallpaper.uri, options: 'zoom' },
                },
            },
        ]);
        // The client did the work: the backend left GSettings alone.
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri')).toBe(gnomeBefore);

        const refused = await backend.send('wallpaper.next');
        expect(refused.error).toMatchObject({
            code: ErrorCode.SetFailed,
            message: expect.stringMatching(/the shell is busy/),
        });
        expect(await backend.call('history.list')).toHaveLength(1);
    });

    it('survives malformed, oversized and unknown input and keeps serving', async () => {
        expect((await backend.sendRaw('this is not json')).error?.code).toBe(ErrorCode.ParseError);
        expect((await backend.sendRaw('x'.repeat(MAX_LINE_BYTES + 10))).error?.code).toBe(ErrorCode.LineTooLong);
        expect((await backend.send('wallpaper.explode')).error?.code).toBe(ErrorCode.MethodNotFound);
        expect((await backend.send('config.update', { folders: 'not a list' })).error?.code).toBe(
            ErrorCode.InvalidParams,
        );
        await backend.call('config.update', { folders: [folder] });
        expect((await backend.call('wallpaper.next')).path.startsWith(folder)).toBe(true);
    });

    it('runs CLI commands through the running backend, so the extension hears about them', async () => {
        await backend.call('initialize', { protocolVersion: PROTOCOL_VERSION, config: { folders: [folder] } });
        await backend.call('status');
        const socket = join(sandbox.env.XDG_RUNTIME_DIR!, 'chameleon', 'backend.sock');
        expect(statSync(socket).mode & 0o777).toBe(0o600);
        expect(statSync(join(sandbox.env.XDG_RUNTIME_DIR!, 'chameleon')).mode & 0o777).toBe(0o700);

        const changed = backend.notification('wallpaper.changed');
        const cli = await runCli(sandbox, ['next', '--json']);
        expect(cli.exitCode).toBe(0);
        const fromCli = JSON.parse(cli.stdout) as WallpaperJson;
        expect(await changed).toEqual({ wallpaper: fromCli, reason: 'next' });
        expect(await backend.call('wallpaper.current')).toEqual(fromCli);

        const status = JSON.parse((await runCli(sandbox, ['status', '--json'])).stdout) as { folders: string[] };
        expect(status.folders).toEqual([folder]);
    });

    it('finishes the request in flight and exits 0 when its stdin closes', async () => {
        await backend.call('config.update', { folders: [folder] });
        const pending = backend.send('wallpaper.next');
        const exit = backend.stop();
        expect((await pending).result).toMatchObject({ name: expect.stringMatching(/\.png$/) });
        expect(await exit).toBe(0);
    });
});
