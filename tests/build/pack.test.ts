// The extensions.gnome.org zip: only readable JavaScript, metadata, stylesheet and schema XML; no binaries.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/sandbox.js';
import { builtExtension } from '../helpers/gjs.js';

const ZIP = join(ROOT, 'dist/chameleon@chameleon.dev.shell-extension.zip');

describe('build/pack.mjs', () => {
    it('packs only readable text files in the layout the Shell expects', { timeout: 60_000 }, async () => {
        expect(builtExtension(), 'run `npm run build` first').toBe(true);
        execFileSync(process.execPath, [join(ROOT, 'build/pack.mjs')], { cwd: ROOT, stdio: 'pipe' });
        const entries = execFileSync('unzip', ['-Z1', ZIP], { encoding: 'utf8' }).split('\n').filter(Boolean);

        for (const required of [
            'metadata.json',
            'extension.js',
            'prefs.js',
            'stylesheet.css',
            'schemas/org.gnome.shell.extensions.chameleon.gschema.xml',
            'lib/backendClient.js',
            'lib/protocol.js',
            'ui/indicator.js',
            'locale/de/LC_MESSAGES/chameleon.mo',
        ])
            expect(entries, required).toContain(required);
        for (const entry of entries) {
            expect(entry, 'only .js, metadata, stylesheet, schema XML and translations').toMatch(
                /(\.js|^metadata\.json|^stylesheet\.css|^schemas\/[^/]+\.gschema\.xml|\.mo)$/,
            );
            expect(entry).not.toMatch(/node_modules|\.ts$|gschemas\.compiled/);
        }

        const decoder = new TextDecoder('utf-8', { fatal: true });
        for (const entry of entries.filter((e) => !e.endsWith('.mo'))) {
            const bytes = execFileSync('unzip', ['-p', ZIP, entry]);
            expect(bytes.includes(0), `${entry} has NUL bytes`).toBe(false);
            const text = decoder.decode(bytes); // throws on anything that is not UTF-8 text
            if (!entry.endsWith('.js')) continue;
            await transform(text, { loader: 'js', format: 'esm' }); // parses as an ES module
            const lines = text.split('\n');
            expect(Math.max(...lines.map((l) => l.length)), `${entry} looks minified`).toBeLessThan(300);
            expect(text, `${entry} must not import from outside the extension`).not.toMatch(/from ["']\.\.\/\.\.\//);
        }

        const metadata = JSON.parse(execFileSync('unzip', ['-p', ZIP, 'metadata.json'], { encoding: 'utf8' }));
        expect(metadata.uuid).toBe('chameleon@chameleon.dev');
        expect(metadata['session-modes']).toEqual(['user', 'unlock-dialog']);
        // Exactly the versions the end-to-end matrix runs: trixie's 48, forky's 50, sid's 51.
        expect(metadata['shell-version']).toEqual(['48', '50', '51']);
        expect(metadata['settings-schema']).toBe('org.gnome.shell.extensions.chameleon');
    });

    // What extensions.gnome.org reviewers reject, and what one of the listed GNOME versions no longer has.
    it(
        'uses no API that is gone or deprecated on a listed GNOME version, and no pre-45 module system',
        { timeout: 60_000 },
        () => {
            expect(builtExtension(), 'run `npm run build` first').toBe(true);
            execFileSync(process.execPath, [join(ROOT, 'build/pack.mjs')], { cwd: ROOT, stdio: 'pipe' });
            const entries = execFileSync('unzip', ['-Z1', ZIP], { encoding: 'utf8' })
                .split('\n')
                .filter((e) => e.endsWith('.js'));
            const forbidden: [RegExp, string][] = [
                [
                    /\bimports\.(gi|ui|misc|lang|mainloop|byteArray)\b/,
                    'GNOME 45+ extensions use ES modules, not imports.*',
                ],
                [/ExtensionUtils|getCurrentExtension/, 'gone since GNOME 45'],
                [/\bvertical:\s*(true|false)/, 'St.BoxLayout:vertical is gone in GNOME 51 (orientation)'],
                [/get_default_backend\(/, 'Clutter.get_default_backend() is gone in GNOME 51'],
                [
                    /['"]key-(press|release)-event['"]/,
                    'key-press-event is replaced by Clutter.KeyController in GNOME 51',
                ],
                [/\.(add_actor|remove_actor)\(/, 'Clutter.Container API, gone since GNOME 46'],
                [/\bMeta\.later_add\b/, 'gone since GNOME 44'],
                [/async\s+disable\s*\(/, 'GNOME 51 rejects an async disable()'],
                [/itemActivated\(\s*BoxPointer/, 'itemActivated takes a params object in GNOME 51'],
            ];
            const problems: string[] = [];
            for (const entry of entries) {
                const text = execFileSync('unzip', ['-p', ZIP, entry], { encoding: 'utf8' });
                for (const [pattern, why] of forbidden)
                    if (pattern.test(text)) problems.push(`${entry}: ${pattern} — ${why}`);
            }
            expect(problems).toEqual([]);
        },
    );
});
