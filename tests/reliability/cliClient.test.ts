// The CLI's side of the control socket and of working alone: a backend that does not answer or answers garbage,
// a socket that another user could have put there, and many lone commands at once.
import { execa } from 'execa';
import { chmodSync, chownSync, mkdirSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGVariantString } from '../../backend/src/config/gvariantText.js';
import type { HistoryEntryJson, WallpaperJson } from '../../backend/src/protocol/messages.js';
import { writeSolid } from '../helpers/images.js';
import { CLI, makeSandbox, runCli, type Sandbox } from '../helpers/sandbox.js';

const BACKGROUND = 'org.gnome.desktop.background';

let sandbox: Sandbox;
let folder: string;
let server: Server | null = null;
const peers = new Set<Socket>();
beforeEach(async () => {
    sandbox = makeSandbox();
    folder = sandbox.folder('walls');
    await writeSolid(join(folder, 'a.png'), '#336699');
});
afterEach(async () => {
    for (const peer of peers) peer.destroy();
    peers.clear();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
    sandbox.cleanup();
});

/** A process listening where the backend would, answering each line the way `answer` says (or not at all). */
async function fakeBackend(answer: (line: string) => string | null, folderMode = 0o700): Promise<string> {
    const dir = join(sandbox.env.XDG_RUNTIME_DIR!, 'chameleon');
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, folderMode);
    const path = join(dir, 'backend.sock');
    server = createServer((peer) => {
        peers.add(peer);
        let buffered = '';
        peer.on('data', (chunk) => {
            buffered += chunk.toString();
            let newline;
            while ((newline = buffered.indexOf('\n')) >= 0) {
                const reply = answer(buffered.slice(0, newline));
                buffered = buffered.slice(newline + 1);
                if (reply !== null) peer.write(`${reply}\n`);
            }
        });
        peer.on('error', () => {});
    });
    await new Promise<void>((resolve) => server!.listen(path, resolve));
    chmodSync(path, 0o600);
    return path;
}

/** A forged answer: what another user's program could make the CLI print and believe. */
const forged = (line: string) =>
    JSON.stringify({
        jsonrpc: '2.0',
        id: (JSON.parse(line) as { id: number }).id,
        result: {
            protocolVersion: 1,
            serverVersion: 'x',
            current: null,
            path: '/forged.jpg',
            uri: 'file:///forged.jpg',
            name: 'forged.jpg',
            width: 1,
            height: 1,
            palette: null,
        },
    });

async function pictureUri(): Promise<string> {
    return parseGVariantString(await sandbox.gsettingsGet(BACKGROUND, 'picture-uri'));
}

describe('the CLI and a backend that does not behave', () => {
    it('gives up on a backend that never answers, says so, and sets the wallpaper itself', async () => {
        await fakeBackend(() => null);
        const result = await runCli(sandbox, ['next', '--folder', folder, '--json']);
        expect(result.stderr).toMatch(
            /^chameleon: the backend did not answer within [\d.]+ s \(.*backend\.sock\); working without it$/,
        );
        expect(result.exitCode).toBe(0);
        const wallpaper = JSON.parse(result.stdout) as WallpaperJson;
        expect(wallpaper.path).toBe(join(folder, 'a.png'));
        expect(await pictureUri()).toBe(wallpaper.uri);
    });

    it('answers a garbled backend with one line, not a stack trace, and still does the command', async () => {
        await fakeBackend(() => '<html><body>502 Bad Gateway</body></html>');
        const result = await runCli(sandbox, ['next', '--folder', folder, '--json']);
        expect(result.stderr).toMatch(
            /^chameleon: the backend sent a line that is not JSON: .*502 Bad Gateway.*; working without it$/,
        );
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(result.exitCode).toBe(0);
        expect((JSON.parse(result.stdout) as WallpaperJson).path).toBe(join(folder, 'a.png'));
    });
});

describe('the CLI and a socket it cannot trust', () => {
    it('does not talk to a socket in a folder other users can write', async () => {
        const before = await pictureUri();
        // A careless setup: the socket's folder open to everyone, so anyone could have put this socket there.
        await fakeBackend(forged, 0o777);
        const result = await runCli(sandbox, ['next', '--json']);
        expect(result.stdout).not.toMatch(/forged/);
        expect(result.exitCode).toBe(1);
        expect(result.stderr).toMatch(
            /^chameleon: not talking to the backend socket .*backend\.sock: .*chameleon is open to other users \(mode 0777\)/,
        );
        expect(await pictureUri()).toBe(before);
    });

    it.runIf(process.getuid?.() === 0)('does not talk to a socket and folder that belong to another user', async () => {
        const path = await fakeBackend(forged);
        chownSync(join(path, '..'), 65534, 65534);
        chownSync(path, 65534, 65534);
        const result = await runCli(sandbox, ['next', '--json']);
        expect(result.stdout).not.toMatch(/forged/);
        expect(result.exitCode).toBe(1);
        expect(result.stderr).toMatch(
            /^chameleon: not talking to the backend socket .*: .*chameleon belongs to user 65534, not to you \(0\)/,
        );
    });
});

describe('lone CLI processes at the same time', () => {
    it(
        'take turns: twenty at once all succeed, and the desktop shows what the history says',
        { timeout: 300_000 },
        async () => {
            for (const hex of ['#aa0000', '#00aa00', '#0000aa', '#aaaa00', '#00aaaa'])
                await writeSolid(join(folder, `${hex.slice(1)}.png`), hex);
            const runs = await Promise.all(
                Array.from({ length: 20 }, () =>
                    execa(process.execPath, [CLI, 'next', '--folder', folder, '--json'], {
                        env: sandbox.env,
                        extendEnv: false,
                        reject: false,
                        timeout: 240_000,
                    }),
                ),
            );
            for (const run of runs) {
                expect(run.stderr).toBe('');
                expect(run.exitCode).toBe(0);
            }
            const history = JSON.parse(
                (await runCli(sandbox, ['history', '--limit', '100', '--json'])).stdout,
            ) as HistoryEntryJson[];
            expect(history).toHaveLength(20);
            expect(await pictureUri()).toBe(history[0]!.uri);
            expect(parseGVariantString(await sandbox.gsettingsGet(BACKGROUND, 'picture-uri-dark'))).toBe(
                history[0]!.uri,
            );
        },
    );
});
