// The extensions.gnome.org zip: only readable JavaScript, metadata, stylesheet and schema XML; no binaries.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/sandbox.js';
import { builtExtension } from './gjs.js';

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
        expect(metadata['shell-version']).toEqual(['45', '46', '47', '48', '49']);
        expect(metadata['settings-schema']).toBe('org.gnome.shell.extensions.chameleon');
    });
});
