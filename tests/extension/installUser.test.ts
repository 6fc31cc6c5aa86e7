// build/install-user.sh into a temporary HOME: backend, launcher and extension land where they should, the
// launcher runs the backend, and a second run replaces the first cleanly.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/sandbox.js';
import { builtExtension } from './gjs.js';

const UUID = 'chameleon@chameleon.dev';

describe('build/install-user.sh', () => {
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'chameleon-install-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function install(env: NodeJS.ProcessEnv): string {
        return execFileSync('bash', [join(ROOT, 'build/install-user.sh'), '--no-npm', '--no-enable'], {
            cwd: dir,
            // No session bus: the script must not reach the desktop this test runs on.
            env: { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', ...env },
            encoding: 'utf8',
        });
    }

    it('installs backend, launcher and extension under $HOME, twice', { timeout: 60_000 }, () => {
        expect(builtExtension() && existsSync(CLI), 'run `npm run build` first').toBe(true);
        const home = join(dir, 'home');
        const env = { HOME: home };
        install(env);
        install(env); // idempotent

        const launcher = join(home, '.local/bin/chameleon');
        expect(statSync(launcher).mode & 0o111).not.toBe(0);
        expect(readFileSync(launcher, 'utf8')).toMatch(/^exec \S*node .*\/chameleon\/backend\/dist\/backend\/cli\.js "\$@"$/m);
        expect(readdirSync(join(home, '.local/bin'))).toEqual(['chameleon']); // no leftover temporary files

        const backend = join(home, '.local/share/chameleon/backend');
        for (const file of ['dist/backend/cli.js', 'package.json', 'package-lock.json']) expect(existsSync(join(backend, file)), file).toBe(true);
        expect(lstatSync(join(backend, 'node_modules')).isSymbolicLink()).toBe(true);

        const extension = join(home, '.local/share/gnome-shell/extensions', UUID);
        for (const file of ['metadata.json', 'extension.js', 'prefs.js', 'lib/backendClient.js', 'schemas/gschemas.compiled'])
            expect(existsSync(join(extension, file)), file).toBe(true);

        const version = execFileSync(launcher, ['--version'], { env: { PATH: '/usr/bin:/bin', HOME: home }, encoding: 'utf8' });
        expect(version.trim()).toMatch(/\d+\.\d+\.\d+/);
    });

    it('honours XDG_DATA_HOME', { timeout: 60_000 }, () => {
        expect(builtExtension() && existsSync(CLI), 'run `npm run build` first').toBe(true);
        const home = join(dir, 'home');
        const data = join(dir, 'data');
        install({ HOME: home, XDG_DATA_HOME: data });
        expect(existsSync(join(data, 'gnome-shell/extensions', UUID, 'metadata.json'))).toBe(true);
        expect(existsSync(join(data, 'chameleon/backend/dist/backend/cli.js'))).toBe(true);
        expect(existsSync(join(home, '.local/share'))).toBe(false);
    });

    it('refuses an unknown option', () => {
        expect(() => execFileSync('bash', [join(ROOT, 'build/install-user.sh'), '--bogus'], { stdio: 'pipe' })).toThrow(/unknown option/);
    });
});
