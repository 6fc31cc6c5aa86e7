// The typed settings keys the extension's code uses (extension/lib/settingsKeys.ts) are generated from the
// GSettings schema by build/settingsKeys.mjs: the checked-in module must be what the schema gives today.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/sandbox.js';

const GENERATOR = join(ROOT, 'build/settingsKeys.mjs');
const SCHEMA = join(ROOT, 'schemas/org.gnome.shell.extensions.chameleon.gschema.xml');

describe('typed settings keys', () => {
    it('are up to date with the schema', () => {
        execFileSync(process.execPath, [GENERATOR, '--check'], { cwd: ROOT, stdio: 'pipe' });
    });

    it('give each key its type, and a key with choices only those values', () => {
        const module = readFileSync(join(ROOT, 'extension/lib/settingsKeys.ts'), 'utf8');
        expect(module).toContain("'monitor-mode': 'same' | 'per-monitor' | 'span';");
        expect(module).toContain("'selection-source-weights': Record<string, number>;");
        expect(module).toContain("'templates': 'aas',");
        const keys = [...readFileSync(SCHEMA, 'utf8').matchAll(/<key name="([^"]+)"/g)].map((m) => m[1]);
        for (const key of keys) expect(module, key).toContain(`'${key}': `);
    });

    it('are found out of date once the schema gains a key', () => {
        const dir = mkdtempSync(join(tmpdir(), 'chameleon-keys-'));
        try {
            const schema = join(dir, 'schema.xml');
            const extra =
                '<key name="made-up" type="b"><default>false</default><summary>Made up</summary></key>\n  </schema>';
            writeFileSync(schema, readFileSync(SCHEMA, 'utf8').replace('</schema>', extra));
            const check = spawnSync(process.execPath, [GENERATOR, '--check', '--schema', schema], {
                cwd: ROOT,
                encoding: 'utf8',
            });
            expect(check.status).toBe(1);
            expect(check.stderr).toMatch(/does not match the schema: run `npm run settings-keys`/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
