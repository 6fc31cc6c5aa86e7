// Packs dist/extension into the zip that extensions.gnome.org takes:
//   dist/chameleon@chameleon.dev.shell-extension.zip  (the layout `gnome-extensions pack` produces)
// Only JavaScript, metadata.json, stylesheet.css, the schema XML and translations go in. No compiled schemas:
// GNOME 44+ compiles them on install (from the website and with `gnome-extensions install`), and the zip must hold
// no binary files. The Node backend is never part of it; it is installed separately (build/install-user.sh).
// Run after `npm run build` (`npm run pack` does both).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'dist/extension');
if (!existsSync(join(source, 'metadata.json'))) throw new Error('dist/extension is missing: run `npm run build` first');
const { uuid } = JSON.parse(readFileSync(join(source, 'metadata.json'), 'utf8'));
const zip = join(root, 'dist', `${uuid}.shell-extension.zip`);

/** What may ship, by path inside the extension directory. */
const shipped = (path) =>
    path.endsWith('.js') ||
    path === 'metadata.json' ||
    path === 'stylesheet.css' ||
    /^schemas\/[^/]+\.gschema\.xml$/.test(path) ||
    /^locale\/[^/]+\/LC_MESSAGES\/[^/]+\.mo$/.test(path);

function* walk(dir) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) yield* walk(path);
        else yield path;
    }
}

const files = [...walk(source)]
    .map((file) => relative(source, file).split('\\').join('/'))
    .filter(shipped)
    .sort();
rmSync(zip, { force: true });
// -X: no extra file attributes (uid/gid, timestamps beyond the basic one); -q: quiet. Paths are relative to the
// extension directory, as the Shell expects them at the top of the zip.
execFileSync('zip', ['-X', '-q', zip, ...files], { cwd: source, stdio: 'inherit' });
console.log(`${relative(root, zip)}: ${files.length} files`);
