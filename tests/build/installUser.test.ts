// build/install-user.sh into a temporary HOME: backend, launcher and extension land where they should, the
// launcher runs the backend, and a second run replaces the first cleanly.
import { execFileSync } from 'node:child_process';
import {
    copyFileSync,
    existsSync,
    lstatSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    rmSync,
    statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/sandbox.js';
import { builtExtension } from '../helpers/gjs.js';

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
        expect(readFileSync(launcher, 'utf8')).toMatch(
            /^exec \S*node .*\/chameleon\/backend\/dist\/backend\/cli\.js "\$@"$/m,
        );
        expect(readdirSync(join(home, '.local/bin'))).toEqual(['chameleon']); // no leftover temporary files

        const backend = join(home, '.local/share/chameleon/backend');
        for (const file of ['dist/backend/cli.js', 'package.json', 'package-lock.json'])
            expect(existsSync(join(backend, file)), file).toBe(true);
        expect(lstatSync(join(backend, 'node_modules')).isSymbolicLink()).toBe(true);

        const extension = join(home, '.local/share/gnome-shell/extensions', UUID);
        for (const file of [
            'metadata.json',
            'extension.js',
            'prefs.js',
            'lib/backendClient.js',
            'schemas/gschemas.compiled',
        ])
            expect(existsSync(join(extension, file)), file).toBe(true);

        const version = execFileSync(launcher, ['--version'], {
            env: { PATH: '/usr/bin:/bin', HOME: home },
            encoding: 'utf8',
        });
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
        expect(() => execFileSync('bash', [join(ROOT, 'build/install-user.sh'), '--bogus'], { stdio: 'pipe' })).toThrow(
            /unknown option/,
        );
    });

    /** A session with GNOME Shell's real schema and settings in a keyfile: what the install script finds at login. */
    function gnomeSession(home: string): NodeJS.ProcessEnv {
        const schemas = join(dir, 'schemas');
        mkdirSync(schemas);
        copyFileSync(
            join(ROOT, 'tests/fixtures/gnome-schemas/org.gnome.shell.gschema.xml'),
            join(schemas, 'org.gnome.shell.gschema.xml'),
        );
        execFileSync('glib-compile-schemas', ['--strict', schemas]);
        return {
            HOME: home,
            GSETTINGS_BACKEND: 'keyfile',
            GSETTINGS_SCHEMA_DIR: schemas,
            XDG_CONFIG_HOME: join(home, '.config'),
        };
    }

    const enabledExtensions = (env: NodeJS.ProcessEnv) =>
        execFileSync('gsettings', ['get', 'org.gnome.shell', 'enabled-extensions'], {
            env: { PATH: process.env.PATH, ...env },
            encoding: 'utf8',
        }).trim();

    it(
        "adds the extension to GNOME's enabled extensions for the next login, keeps the others, and says so",
        { timeout: 60_000 },
        () => {
            expect(builtExtension() && existsSync(CLI), 'run `npm run build` first').toBe(true);
            const env = gnomeSession(join(dir, 'home'));
            execFileSync(
                'gsettings',
                ['set', 'org.gnome.shell', 'enabled-extensions', "['appindicatorsupport@rgcjonas.gmail.com']"],
                { env: { PATH: process.env.PATH, ...env } },
            );
            const run = () =>
                execFileSync('bash', [join(ROOT, 'build/install-user.sh'), '--no-npm'], {
                    cwd: dir,
                    env: { PATH: process.env.PATH, ...env },
                    encoding: 'utf8',
                });
            // No GNOME Shell runs here, so it cannot be enabled at once: the script must say it happens at login.
            expect(run()).toMatch(
                `Added ${UUID} to your enabled extensions: GNOME Shell loads it when you next log in`,
            );
            expect(enabledExtensions(env)).toBe(`['appindicatorsupport@rgcjonas.gmail.com', '${UUID}']`);
            run();
            expect(enabledExtensions(env), 'a second install does not add it twice').toBe(
                `['appindicatorsupport@rgcjonas.gmail.com', '${UUID}']`,
            );
        },
    );

    it('says it could not enable the extension where there are no GNOME Shell settings', { timeout: 60_000 }, () => {
        expect(builtExtension() && existsSync(CLI), 'run `npm run build` first').toBe(true);
        const out = execFileSync('bash', [join(ROOT, 'build/install-user.sh'), '--no-npm'], {
            cwd: dir,
            env: {
                PATH: process.env.PATH,
                HOME: join(dir, 'home'),
                DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
                GSETTINGS_SCHEMA_DIR: join(dir, 'none'),
            },
            encoding: 'utf8',
        });
        expect(out).toMatch(
            `Could not enable ${UUID} here (no GNOME Shell settings in this session); after logging ` +
                `in to GNOME run: gnome-extensions enable ${UUID}`,
        );
    });
});
