// Accent sync, built, under real gjs with the keyfile GSettings backend (tests/gjs/accentSync.js).
// The desktop interface schema is made up per case (XDG_DATA_DIRS points at it alone), so the result does
// not depend on the machine: "absent" is GNOME 45/46 (no accent-color key), "present" is GNOME 47+ plus one
// distribution-added colour, as Ubuntu's patched schema has. The machine's own schema is also tried. The "present"
// schema is written by hand from the documented nicks; the real GNOME 47+ schema is exercised by the end-to-end
// suite (tests/e2e), inside GNOME Shell 48.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { builtExtension, installInterfaceSchema, runGjs } from '../../helpers/gjs.js';

describe('accent sync under gjs', () => {
    let sandbox: Sandbox;
    beforeEach(() => {
        sandbox = makeSandbox();
    });
    afterEach(() => sandbox.cleanup());

    const keyfile = (): string => join(sandbox.env.XDG_CONFIG_HOME!, 'glib-2.0/settings/keyfile');

    // The extension's own schema as built: accent-sync, accent-sync-paused, accent-before-sync.
    const extensionSchema = (): NodeJS.ProcessEnv => ({
        ...sandbox.env,
        GSETTINGS_SCHEMA_DIR: join(ROOT, 'dist/extension/schemas'),
    });

    const schemaEnv = (withAccent: boolean): NodeJS.ProcessEnv => ({
        ...extensionSchema(),
        XDG_DATA_DIRS: installInterfaceSchema(sandbox.dir, withAccent),
    });

    it('does nothing, without error, when the schema has no accent-color key (GNOME 45/46)', async () => {
        expect(builtExtension(), 'run `npm run build` first').toBe(true);
        const result = await runGjs('accentSync.js', { ...schemaEnv(false), ACCENT_EXPECT: 'absent' });
        expect(result.code, result.stdout + result.stderr).toBe(0);
        expect(result.passed.has('absent-noop')).toBe(true);
        expect(result.stderr).not.toMatch(/CRITICAL|WARNING/);
        expect(existsSync(keyfile()) && readFileSync(keyfile(), 'utf8').includes('accent-color')).toBe(false);
    });

    it(
        "follows the wallpaper, pauses for a hand-picked accent, puts the user's accent back when " +
            'turned off (GNOME 47+)',
        async () => {
            expect(builtExtension(), 'run `npm run build` first').toBe(true);
            const result = await runGjs('accentSync.js', { ...schemaEnv(true), ACCENT_EXPECT: 'present' });
            expect(result.code, result.stdout + result.stderr).toBe(0);
            for (const step of [
                'names-from-schema',
                'follows-and-remembers',
                'distribution-colour',
                'hand-pick-pauses',
                'pause-persists',
                'resume',
                'off-restores-on-follows',
                'off-while-paused',
                'disable-restores',
                'cleaned-up',
            ])
                expect(result.passed.has(step), `${step}\n${result.stdout}${result.stderr}`).toBe(true);
            expect(result.stderr).not.toMatch(/CRITICAL/);
            // What the desktop keeps once the extension is disabled: the user's own accent, on disk.
            expect(readFileSync(keyfile(), 'utf8')).toMatch(/accent-color='yellow'/);
        },
    );

    it("leaves this machine's own schema alone when it has no accent-color key", async () => {
        expect(builtExtension(), 'run `npm run build` first').toBe(true);
        const keys = execFileSync('gsettings', ['list-keys', 'org.gnome.desktop.interface'], {
            env: sandbox.env,
            encoding: 'utf8',
        });
        if (keys.split('\n').includes('accent-color')) return; // GNOME 47+ host: the "present" case above covers it.
        const result = await runGjs('accentSync.js', { ...extensionSchema(), ACCENT_EXPECT: 'absent' });
        expect(result.code, result.stdout + result.stderr).toBe(0);
        expect(existsSync(keyfile()) && readFileSync(keyfile(), 'utf8').includes('accent-color')).toBe(false);
    });
});
