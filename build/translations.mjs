// The extension's translations, with GNU gettext's own tools:
//   node build/translations.mjs pot   extracts every _() string of the built extension (dist/extension/**/*.js,
//                                     so run `npm run build` first) into po/chameleon.pot; `msgmerge --update
//                                     po/LANG.po po/chameleon.pot` then brings a translation up to date.
//   compileTranslations()             (called by build/build.mjs) compiles each po/LANG.po into
//                                     dist/extension/locale/LANG/LC_MESSAGES/chameleon.mo, where the Shell's
//                                     initTranslations() looks for an extension's catalogues.
// xgettext and msgfmt come with Debian's gettext package (build/install-system-deps.sh --test installs it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const poDir = join(root, 'po');
const { 'gettext-domain': domain } = JSON.parse(readFileSync(join(root, 'extension/metadata.json'), 'utf8'));

function run(program, args, options = {}) {
    try {
        return execFileSync(program, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
    } catch (error) {
        if (error.code === 'ENOENT')
            throw new Error(`${program} is missing: install the gettext package (build/install-system-deps.sh --test)`);
        throw new Error(`${program} failed: ${error.stderr || error.message}`);
    }
}

function* walk(dir) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) yield* walk(path);
        else yield path;
    }
}

/** The languages translated so far: po/LANG.po. */
export const languages = () =>
    existsSync(poDir)
        ? readdirSync(poDir)
              .filter((name) => name.endsWith('.po'))
              .map((name) => name.slice(0, -3))
              .sort()
        : [];

/** Compiles every po/LANG.po into `extensionDir`/locale/LANG/LC_MESSAGES/<domain>.mo, checking its format strings. */
export function compileTranslations(extensionDir) {
    for (const language of languages()) {
        const target = join(extensionDir, 'locale', language, 'LC_MESSAGES', `${domain}.mo`);
        mkdirSync(dirname(target), { recursive: true });
        run('msgfmt', ['--check', '-o', target, join(poDir, `${language}.po`)]);
    }
}

/** Writes po/<domain>.pot from the built extension's sources. */
export function extractTemplate() {
    const extensionDir = join(root, 'dist/extension');
    if (!existsSync(join(extensionDir, 'metadata.json')))
        throw new Error('dist/extension is missing: run `npm run build` first');
    const sources = [...walk(extensionDir)]
        .filter((file) => file.endsWith('.js'))
        .map((file) => relative(extensionDir, file))
        .sort();
    mkdirSync(poDir, { recursive: true });
    run(
        'xgettext',
        [
            '--from-code=UTF-8',
            '--language=JavaScript',
            '--keyword=_',
            '--keyword=gettext',
            '--add-comments=Translators:',
            '--package-name=Chameleon',
            '--msgid-bugs-address=https://github.com/chameleon-dev/chameleon/issues',
            '--sort-by-file',
            '--add-location=file',
            '-o',
            join(poDir, `${domain}.pot`),
            ...sources,
        ],
        { cwd: extensionDir },
    );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    if (process.argv[2] !== 'pot') throw new Error('usage: node build/translations.mjs pot');
    extractTemplate();
    process.stdout.write(`wrote po/${domain}.pot\n`);
}
