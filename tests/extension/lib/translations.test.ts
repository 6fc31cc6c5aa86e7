// The translations: the German catalogue covers every string of the extension, the template is current, and the
// built extension shows German when LANGUAGE asks for it (tests/gjs/translations.js, one test per behaviour).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSandbox, ROOT } from '../../helpers/sandbox.js';
import { builtExtension, gjsCases } from '../../helpers/gjs.js';

const sandbox = makeSandbox();
afterAll(() => sandbox.cleanup());

/** The strings of the built extension, extracted afresh as `npm run pot` does, into a temporary template. */
function freshTemplate(dir: string): string {
    const pot = join(dir, 'fresh.pot');
    const extension = join(ROOT, 'dist/extension');
    const sources = execFileSync('find', ['.', '-name', '*.js'], { cwd: extension, encoding: 'utf8' })
        .trim()
        .split('\n')
        .sort();
    execFileSync(
        'xgettext',
        ['--from-code=UTF-8', '--language=JavaScript', '--keyword=_', '--keyword=gettext', '-o', pot, ...sources],
        { cwd: extension, stdio: 'pipe' },
    );
    return pot;
}

describe('the translation catalogues', () => {
    it('translate every string of the extension into German, none fuzzy', () => {
        expect(builtExtension(), 'run `npm run build` first').toBe(true);
        const dir = mkdtempSync(join(tmpdir(), 'chameleon-po-'));
        try {
            const compare = spawnSync('msgcmp', [join(ROOT, 'po/de.po'), freshTemplate(dir)], { encoding: 'utf8' });
            expect(compare.stderr).toBe('');
            expect(compare.status).toBe(0);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('keep every placeholder of the English in the German (msgfmt --check)', () => {
        const check = spawnSync('msgfmt', ['--check', '-o', '/dev/null', join(ROOT, 'po/de.po')], { encoding: 'utf8' });
        expect(check.stderr).toBe('');
        expect(check.status).toBe(0);
    });

    it("start from a template that holds exactly the extension's strings (`npm run pot`)", () => {
        const dir = mkdtempSync(join(tmpdir(), 'chameleon-po-'));
        try {
            const fresh = freshTemplate(dir);
            const template = join(ROOT, 'po/chameleon.pot');
            for (const [a, b] of [
                [template, fresh],
                [fresh, template],
            ] as const) {
                const compare = spawnSync('msgcmp', ['--use-untranslated', a, b], { encoding: 'utf8' });
                expect(compare.stderr, 'po/chameleon.pot is out of date: run `npm run pot`').toBe('');
            }
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

gjsCases(
    'the extension in German',
    'translations.js',
    {
        'status-line-in-german': 'shows the status line in German',
        'menu-words-in-german': "has the menu's words in German",
        'install-advice-in-german': 'gives the install advice in German',
    },
    () => ({ ...sandbox.env, LANG: 'C.UTF-8', LANGUAGE: 'de', CHAMELEON_EXTENSION_DIR: join(ROOT, 'dist/extension') }),
);
