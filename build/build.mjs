// Builds both halves into dist/:
//   dist/backend/   the Node backend and CLI, bundled per entry point (dependencies stay in node_modules)
//   dist/extension/ the GNOME Shell extension as readable per-file ESM JavaScript, with metadata, schemas, CSS
//   dist/bench/     the benchmark runner
import { build, transform } from 'esbuild';
import { compileTranslations } from './translations.mjs';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

function* walk(dir) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) yield* walk(path);
        else yield path;
    }
}

async function buildBackend() {
    const entries = {
        'backend/cli': 'backend/src/cli.ts',
        // The CLI's heavy half, loaded only when no backend answers (cli/runCommand.ts: loadAlone).
        'backend/cliAlone': 'backend/src/cli/alone.ts',
        'backend/paletteWorker': 'backend/src/palette/worker.ts',
        'backend/composeWorker': 'backend/src/compose/worker.ts',
        'backend/analysisWorker': 'backend/src/background/analysisChild.ts',
        'backend/feedWorker': 'backend/src/online/feedWorker.ts',
    };
    if (existsSync(join(root, 'tests/bench/bench.ts'))) entries['bench/bench'] = 'tests/bench/bench.ts';
    await build({
        absWorkingDir: root,
        entryPoints: entries,
        outdir: dist,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        // Native and process libraries stay in node_modules (execa is loaded only where a program is run); the
        // pure-JS ones made of hundreds of small ES modules (culori, zod, smol-toml) are bundled, because Node
        // resolving and reading each of those files cost the CLI more than all the rest of a `chameleon next`.
        external: ['better-sqlite3', 'sharp', 'execa'],
        define: {
            __CHAMELEON_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version),
        },
        logLevel: 'warning',
    });
    const cli = join(dist, 'backend/cli.js');
    writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`);
    chmodSync(cli, 0o755);
}

// The extension ships as one readable .js per .ts source, as extensions.gnome.org reviewers want it.
// A few files of extension/lib/ only re-export a pure module the backend shares (no Node or GJS import): each is
// bundled, so that the shipped file holds that code itself instead of pointing outside the extension.
const SHARED_MODULES = {
    // The protocol's types and constants.
    'lib/protocol.ts': '../backend/src/protocol/messages.ts',
    // Reading JSON-RPC lines and keeping requests that wait for an answer.
    'lib/rpcPending.ts': '../backend/src/protocol/pendingRequests.ts',
};
async function buildExtension() {
    const src = join(root, 'extension');
    const out = join(dist, 'extension');
    checkImportDoors(src);
    for (const file of walk(src)) {
        const rel = relative(src, file);
        if (rel.endsWith('.d.ts') || rel === 'tsconfig.json') continue;
        const target = join(out, rel.replace(/\.ts$/, '.js'));
        mkdirSync(dirname(target), { recursive: true });
        if (!rel.endsWith('.ts')) {
            cpSync(file, target);
        } else if (SHARED_MODULES[rel.split('\\').join('/')]) {
            await build({
                entryPoints: [file],
                outfile: target,
                bundle: true,
                format: 'esm',
                target: 'es2022',
                logLevel: 'warning',
            });
        } else {
            const { code } = await transform(readFileSync(file, 'utf8'), {
                loader: 'ts',
                format: 'esm',
                target: 'es2022',
                sourcefile: rel,
            });
            writeFileSync(target, code);
        }
    }
    const schemas = join(out, 'schemas');
    mkdirSync(schemas, { recursive: true });
    for (const file of readdirSync(join(root, 'schemas'))) {
        if (file.endsWith('.gschema.xml')) cpSync(join(root, 'schemas', file), join(schemas, file));
    }
    execFileSync('glib-compile-schemas', ['--strict', schemas], { stdio: 'inherit' });
}

// One import door per world. Each source file belongs to a world by its place:
//   shared  lib/**                 Gio/GLib/GObject only, through lib/gi.ts; runs under plain gjs too
//   shell   extension.ts, ui/**    GNOME Shell libraries, through ui/shell.ts; never Gtk/Gdk/Adw
//   prefs   prefs.ts, prefs/**     GTK/Adw, through prefs/gtk.ts; never St/Clutter/Meta/Shell or the Shell's UI
// A world may import its own modules and shared ones; only its door may import `gi://` or `resource://`.
// This is what extensions.gnome.org reviewers check by hand, and what crashes the Shell when it goes wrong.
function checkImportDoors(src) {
    const worlds = {
        shared: {
            door: 'lib/gi.ts',
            allowed: /^gi:\/\/(Gio|GLib|GObject)(\?|$)/,
            foreign: ['ui/', 'prefs/', 'prefs.ts', 'extension.ts'],
        },
        shell: {
            door: 'ui/shell.ts',
            allowed: /^(gi:\/\/(?!(Gtk|Gdk|Adw)(\?|$))|resource:\/\/\/org\/gnome\/shell\/)/,
            foreign: ['prefs/', 'prefs.ts'],
        },
        prefs: {
            door: 'prefs/gtk.ts',
            allowed:
                /^(gi:\/\/(?!(St|Clutter|Meta|Shell|Mtk|Cogl)(\?|$))|resource:\/\/\/org\/gnome\/Shell\/Extensions\/)/,
            foreign: ['ui/', 'extension.ts'],
        },
    };
    const worldOf = (rel) =>
        rel.startsWith('lib/')
            ? 'shared'
            : rel === 'extension.ts' || rel.startsWith('ui/')
              ? 'shell'
              : rel === 'prefs.ts' || rel.startsWith('prefs/')
                ? 'prefs'
                : null;
    const problems = [];
    for (const file of walk(src)) {
        const rel = relative(src, file).split('\\').join('/');
        if (!rel.endsWith('.ts') || rel.endsWith('.d.ts')) continue;
        const worldName = worldOf(rel);
        if (!worldName) {
            problems.push(`${rel}: not in any world (put it under lib/, ui/ or prefs/)`);
            continue;
        }
        const world = worlds[worldName];
        // TypeScript's own scanner: finds static, re-export and dynamic imports and is not fooled by comments.
        for (const { fileName: spec } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
            if (spec.startsWith('.')) {
                const target = join(dirname(rel), spec).split('\\').join('/').replace(/\.js$/, '.ts');
                if (SHARED_MODULES[rel] === target) continue;
                if (target.startsWith('..') || world.foreign.some((f) => target === f || target.startsWith(f)))
                    problems.push(`${rel}: imports ${spec}, outside the ${worldName} world`);
            } else if (rel !== world.door) {
                problems.push(`${rel}: imports ${spec} directly; go through ${world.door}`);
            } else if (!world.allowed.test(spec)) {
                problems.push(`${rel}: imports ${spec}, which the ${worldName} world must not load`);
            }
        }
    }
    if (problems.length > 0) throw new Error(`extension import rules broken:\n  ${problems.join('\n  ')}`);
}

rmSync(dist, { recursive: true, force: true });
await buildBackend();
if (existsSync(join(root, 'extension/extension.ts'))) {
    await buildExtension();
    compileTranslations(join(dist, 'extension'));
}
