// Builds both halves into dist/:
//   dist/backend/   the Node backend and CLI, bundled per entry point (dependencies stay in node_modules)
//   dist/extension/ the GNOME Shell extension as readable per-file ESM JavaScript, with metadata, schemas, CSS
//   dist/bench/     the benchmark runner
import { build, transform } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

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
        'backend/paletteWorker': 'backend/src/palette/worker.ts',
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
        packages: 'external',
        logLevel: 'warning',
    });
    const cli = join(dist, 'backend/cli.js');
    writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`);
    chmodSync(cli, 0o755);
}

// The extension ships as one readable .js per .ts source, as extensions.gnome.org reviewers want it.
// extension/lib/protocol.ts only re-exports the shared protocol module from backend/; it is bundled so that
// the shipped file holds the protocol's constants itself instead of pointing outside the extension.
async function buildExtension() {
    const src = join(root, 'extension');
    const out = join(dist, 'extension');
    for (const file of walk(src)) {
        const rel = relative(src, file);
        if (rel.endsWith('.d.ts') || rel === 'tsconfig.json') continue;
        const target = join(out, rel.replace(/\.ts$/, '.js'));
        mkdirSync(dirname(target), { recursive: true });
        if (!rel.endsWith('.ts')) {
            cpSync(file, target);
        } else if (rel === join('lib', 'protocol.ts')) {
            await build({ entryPoints: [file], outfile: target, bundle: true, format: 'esm', target: 'es2022', logLevel: 'warning' });
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

rmSync(dist, { recursive: true, force: true });
await buildBackend();
if (existsSync(join(root, 'extension/extension.ts'))) await buildExtension();
