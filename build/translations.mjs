// The extension's translations, with GNU gettext's own tools:
//   node build/translations.mjs pot   extracts every _() string of the built extension (dist/extension/**/*.js,
//                                     so run `npm run build` first) into po/chameleon.pot; `msgmerge --update
//                                     po/LANG.po po/chameleon.pot` then brings a translation up to date.
//   compileTranslations()             (called by build/build.mjs) compiles each po/LANG.po into
//                                     dist/extension/locale/LANG/LC_MESSAGES/chameleon.mo, where the Shell's
//                                     initTranslations() looks for an extension's catalogues.
// Compiling uses gettext-parser (an npm package), so building needs nothing beyond npm: the quick start works on a
// desktop without gettext's tools. Extracting uses xgettext, from Debian's gettext package
// (build/install-system-deps.sh --test installs it; the translation test checks the catalogue with msgfmt).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import gettextParser from 'gettext-parser';

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
        const catalogue = gettextParser.po.parse(readFileSync(join(poDir, `${language}.po`)));
        // As msgfmt: a fuzzy or empty translation is no translation.
        for (const messages of Object.values(catalogue.translations)) {
            for (const [id, message] of Object.entries(messages)) {
                const fuzzy = /\bfuzzy\b/.test(message.comments?.flag ?? '');
                if (id !== '' && (fuzzy || message.msgstr.every((text) => text === ''))) delete messages[id];
            }
        }
        writeFileSync(target, gettextParser.mo.compile(catalogue));
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
