// The install a user gets from the README's quick start (no --no-npm): the backend's own copy of the production
// packages, native modules included, that runs without the checkout's development packages.
import { execa } from 'execa';
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallpaperJson } from '../../backend/src/protocol/messages.js';
import { writeSolid } from '../helpers/images.js';
import { ROOT, makeSandbox, type Sandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
beforeAll(() => {
    sandbox = makeSandbox();
});
afterAll(() => sandbox.cleanup());

describe('npm run install-user (production packages)', () => {
    it('installs a backend that works on its own and holds no development packages', { timeout: 120_000 }, async () => {
        const env = { ...sandbox.env, XDG_DATA_HOME: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
        await execa('bash', [join(ROOT, 'build/install-user.sh'), '--no-enable'], { env, extendEnv: false });
        const backend = join(sandbox.env.HOME!, '.local/share/chameleon/backend');
        expect(lstatSync(join(backend, 'node_modules')).isSymbolicLink()).toBe(false);
        for (const runtime of ['better-sqlite3', 'sharp', 'execa', 'zod', 'culori'])
            expect(existsSync(join(backend, 'node_modules', runtime)), runtime).toBe(true);
        for (const dev of ['vitest', 'esbuild', 'typescript', 'eslint'])
            expect(existsSync(join(backend, 'node_modules', dev)), dev).toBe(false);

        const pictures = sandbox.folder('home/Pictures');
        await writeSolid(join(pictures, 'sea.png'), '#1b6ca8', { width: 160, height: 90 });
        const next = await execa(join(sandbox.env.HOME!, '.local/bin/chameleon'), ['next', '--json'], {
            env,
            extendEnv: false,
        });
        const wallpaper = JSON.parse(next.stdout) as WallpaperJson;
        expect(wallpaper.path).toBe(join(pictures, 'sea.png'));
        expect(wallpaper.palette?.accentName).toBe('blue');
    });
});
