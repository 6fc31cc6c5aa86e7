// "No request leaves the machine unless the user enabled that source." The backend and the lone CLI run with a
// recorder loaded into Node (helpers/recordConnections.mjs) that logs every TCP connection and fetch; in the
// default configuration — and with a source configured but disabled — the log must stay empty. The last test
// enables a source and sees the log fill, so a recorder that recorded nothing could not pass the others.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeSolid } from '../../helpers/images.js';
import { makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';
import { startWallhaven, type Provider } from './helpers/provider.js';

const RECORDER = join(import.meta.dirname, 'helpers', 'recordConnections.mjs');

let provider: Provider;
const sandboxes: Sandbox[] = [];

function recordingSandbox(): { sandbox: Sandbox; log: () => string[] } {
    const sandbox = makeSandbox();
    sandboxes.push(sandbox);
    const file = join(sandbox.dir, 'network.log');
    sandbox.env.NODE_OPTIONS = `--import=${RECORDER}`;
    sandbox.env.CHAMELEON_TEST_NET_LOG = file;
    return { sandbox, log: () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []) };
}

beforeAll(async () => {
    provider = await startWallhaven();
    provider.list([{ path: '/full/img0.jpg' }]);
});
afterAll(async () => {
    await provider.server.close();
    for (const sandbox of sandboxes) sandbox.cleanup();
});

describe('the default configuration', () => {
    it('makes no network connection at all, in serve mode and from the lone CLI', async () => {
        const { sandbox, log } = recordingSandbox();
        const own = sandbox.folder('own');
        await writeSolid(join(own, 'a.png'), '#aa3355');
        await writeSolid(join(own, 'b.png'), '#33aa55');

        // The lone CLI (no backend running): every online verb, and a wallpaper change.
        for (const args of [['sources'], ['refresh'], ['next', '--folder', own], ['origin']]) {
            const result = await runCli(sandbox, args);
            expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(0);
        }
        expect((await runCli(sandbox, ['refresh'])).stdout).toContain('No online source is enabled');

        // The backend as the extension runs it, asked everything online-related, until its first background check.
        sandbox.env.CHAMELEON_LOG = 'debug';
        const backend = BackendProcess.start(sandbox);
        await backend.call('initialize', { protocolVersion: 2, config: { folders: [own] } });
        await backend.call('wallpaper.next', {});
        expect((await backend.call('sources.list', {})).sources).toEqual([]);
        expect((await backend.call('sources.refresh', {})).sources).toEqual([]);
        await backend.call('image.origin', {});
        await backend.logLine(/online sources checked/);
        await backend.stop();

        expect(log()).toEqual([]);
    }, 60_000);

    it('makes none for a source that is configured but not enabled', async () => {
        const { sandbox, log } = recordingSandbox();
        const own = sandbox.folder('own');
        await writeSolid(join(own, 'a.png'), '#aa3355');
        sandbox.env.CHAMELEON_LOG = 'debug';
        const backend = BackendProcess.start(sandbox);
        await backend.call('initialize', {
            protocolVersion: 2,
            config: {
                folders: [own],
                online: {
                    sources: [{ id: 'wh', kind: 'wallhaven', options: { baseUrl: `${provider.server.base}/api/v1` } }],
                    refreshMinutes: 1,
                    requestIntervalMs: 0,
                },
            },
        });
        await expect(backend.call('sources.refresh', { id: 'wh' })).rejects.toThrow(/disabled/);
        expect((await backend.call('sources.refresh', {})).sources).toEqual([]);
        // Past the first background check (5 s after start): nothing is due for a disabled source.
        expect(await backend.logLine(/online sources checked/)).toMatch(/0 due/);
        await backend.stop();
        expect(log()).toEqual([]);
        expect(provider.server.requests).toEqual([]);
    }, 60_000);
});

describe('the recorder', () => {
    it('does see the connections of an enabled source (so the tests above could fail)', async () => {
        const { sandbox, log } = recordingSandbox();
        const backend = BackendProcess.start(sandbox);
        await backend.call('initialize', {
            protocolVersion: 2,
            config: {
                folders: [sandbox.folder('own')],
                online: {
                    sources: [
                        {
                            id: 'wh',
                            kind: 'wallhaven',
                            enabled: true,
                            refreshMinutes: 0,
                            options: { baseUrl: `${provider.server.base}/api/v1` },
                        },
                    ],
                    requestIntervalMs: 0,
                },
            },
        });
        const result = await backend.call('sources.refresh', { id: 'wh' });
        await backend.stop();
        expect(result.sources[0]!.downloaded).toHaveLength(1);
        const port = new URL(provider.server.base).port;
        expect(log().some((line) => line.startsWith(`fetch ${provider.server.base}/api/v1/search?`))).toBe(true);
        expect(log().some((line) => line.startsWith('tcp ') && line.endsWith(`:${port}`))).toBe(true);
    }, 60_000);
});
