// Builds the Debian package: dist/chameleon_<version>_<arch>.deb (run after `npm run build`; `npm run package:deb`
// does both).
//
//   /usr/bin/chameleon                          launcher: the distribution's /usr/bin/node runs the backend
//   /usr/lib/chameleon/backend/                 the bundled backend and its workers
//   /usr/lib/chameleon/node_modules/            production dependencies (sharp ships libvips for this arch)
//   /usr/lib/chameleon/native/node-abi-<N>/     better-sqlite3 built for each Node ABI in NODE_TARGETS
//   /usr/share/gnome-shell/extensions/<uuid>/   the extension, system-wide
//   /usr/share/glib-2.0/schemas/                its schema; GLib's dpkg trigger compiles it
//
// One package serves every suite in NODE_TARGETS: better-sqlite3 is the only module built against one Node ABI,
// so it is built once per ABI here, against the headers of the Node that suite ships (its libnode-dev), and the
// backend loads the build for the Node it runs on. Builds are cached under CHAMELEON_BUILD_CACHE
// (~/.cache/chameleon-build) by better-sqlite3 version, ABI and architecture.
import { execFileSync } from 'node:child_process';
import {
    chmodSync,
    copyFileSync,
    cpSync,
    existsSync,
    mkdirSync,
    mkdtempSync,
    openSync,
    readdirSync,
    readFileSync,
    renameSync,
    rmSync,
    statSync,
    writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Node versions the package runs on: what Debian's suites ship, and the suite whose headers build for it. */
const NODE_TARGETS = [
    { node: '20', abi: '115', suite: 'trixie', runtime: 'libnode115' },
    { node: '24', abi: '137', suite: 'forky', runtime: 'libnode137' },
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { uuid } = JSON.parse(readFileSync(join(root, 'extension/metadata.json'), 'utf8'));
const cacheDir =
    process.env.CHAMELEON_BUILD_CACHE ||
    join(process.env.XDG_CACHE_HOME || join(process.env.HOME ?? tmpdir(), '.cache'), 'chameleon-build');
const arch = execFileSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).trim();
const sqliteDir = dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;

const say = (message) => process.stderr.write(`package-deb: ${message}\n`);

for (const built of ['backend/cli.js', 'extension/metadata.json']) {
    if (!existsSync(join(dist, built))) throw new Error(`dist/${built} is missing: run \`npm run build\` first`);
}

/** node-gyp as npm ships it: npm passes its path to scripts; outside npm, next to the npm on PATH. */
function nodeGyp() {
    if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp))
        return process.env.npm_config_node_gyp;
    const npmRoot = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
    const candidate = join(npmRoot, 'npm/node_modules/node-gyp/bin/node-gyp.js');
    if (!existsSync(candidate)) throw new Error('node-gyp not found (it comes with npm)');
    return candidate;
}

/** better_sqlite3.node for one Node ABI: from the cache, from this checkout when it is this Node's, or built. */
function sqliteBinding(target) {
    const cached = join(
        cacheDir,
        `better-sqlite3-${sqliteVersion}`,
        `node-abi-${target.abi}-${arch}`,
        'better_sqlite3.node',
    );
    if (existsSync(cached)) return cached;
    mkdirSync(dirname(cached), { recursive: true });
    const local = join(sqliteDir, 'build/Release/better_sqlite3.node');
    if (target.abi === process.versions.modules && existsSync(local)) {
        say(`better-sqlite3 for Node ${target.node}: this checkout's build`);
        copyFileSync(local, cached);
        return cached;
    }
    const work = mkdtempSync(join(tmpdir(), `chameleon-sqlite-${target.abi}-`));
    try {
        say(
            `better-sqlite3 ${sqliteVersion} for Node ${target.node} (ABI ${target.abi}): headers ` +
                `from ${target.suite}'s libnode-dev`,
        );
        execFileSync(
            'bash',
            [join(root, 'build/deb/fetch-debian-package.sh'), target.suite, join(work, 'debs'), 'libnode-dev'],
            {
                stdio: 'inherit',
                env: { ...process.env, CHAMELEON_BUILD_CACHE: cacheDir },
            },
        );
        const [deb] = readdirSync(join(work, 'debs'));
        execFileSync('dpkg-deb', ['-x', join(work, 'debs', deb), join(work, 'headers')]);
        const source = join(work, 'better-sqlite3');
        cpSync(sqliteDir, source, { recursive: true, filter: (path) => !path.startsWith(join(sqliteDir, 'build')) });
        const headers = join(work, 'headers/usr');
        // npm hands its own `nodedir` setting to scripts as npm_config_nodedir, which node-gyp prefers to its
        // command line: name the headers both ways.
        const log = join(work, 'node-gyp.log');
        try {
            execFileSync(process.execPath, [nodeGyp(), 'rebuild', '--release', `--nodedir=${headers}`, '--jobs=max'], {
                cwd: source,
                env: { ...process.env, npm_config_nodedir: headers },
                stdio: ['ignore', 'ignore', openSync(log, 'w')],
            });
        } catch (error) {
            process.stderr.write(readFileSync(log, 'utf8').split('\n').slice(-40).join('\n'));
            throw error;
        }
        assertBuiltFor(join(source, 'build/Release/better_sqlite3.node'), target);
        const tmp = `${cached}.partial`;
        copyFileSync(join(source, 'build/Release/better_sqlite3.node'), tmp);
        renameSync(tmp, cached);
        return cached;
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

/** A native module registers itself for one ABI (node_register_module_v<N>): a build for another is refused. */
function assertBuiltFor(file, target) {
    const symbol = `node_register_module_v${target.abi}`;
    if (!readFileSync(file).includes(symbol)) {
        throw new Error(
            `${file} is not a build of better-sqlite3 for Node ${target.node} (no ${symbol}): it was ` +
                `built against other headers`,
        );
    }
}

/** Production dependencies as npm resolved them, copied without their sources, tests or build leftovers. */
function copyProductionModules(target) {
    const listing = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' });
    const dirs = listing.split('\n').filter((line) => line && line !== root);
    for (const dir of dirs) {
        const into = join(target, relative(join(root, 'node_modules'), dir));
        // better-sqlite3's own build and SQLite sources are replaced by native/; nested modules are listed apart.
        const skipped =
            dir === sqliteDir
                ? ['node_modules', 'build', 'deps', 'src'].map((name) => join(dir, name))
                : [join(dir, 'node_modules')];
        cpSync(dir, into, {
            recursive: true,
            filter: (path) => !skipped.some((skip) => path === skip || path.startsWith(`${skip}/`)),
        });
    }
}

/** Size in KiB of a tree, as Installed-Size wants it. */
function kibibytes(dir) {
    let bytes = 0;
    const visit = (path) => {
        const stat = statSync(path, { throwIfNoEntry: false });
        if (!stat) return;
        if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
        else bytes += stat.size;
    };
    visit(dir);
    return Math.ceil(bytes / 1024);
}

const stage = join(dist, 'deb', `chameleon_${pkg.version}_${arch}`);
rmSync(join(dist, 'deb'), { recursive: true, force: true });
const lib = join(stage, 'usr/lib/chameleon');
mkdirSync(lib, { recursive: true });

writeFileSync(
    join(lib, 'package.json'),
    `${JSON.stringify({ name: 'chameleon', version: pkg.version, private: true, type: 'module' }, null, 2)}\n`,
);
cpSync(join(dist, 'backend'), join(lib, 'backend'), { recursive: true });
copyProductionModules(join(lib, 'node_modules'));
for (const target of NODE_TARGETS) {
    const dir = join(lib, 'native', `node-abi-${target.abi}`);
    mkdirSync(dir, { recursive: true });
    const binding = sqliteBinding(target);
    assertBuiltFor(binding, target);
    copyFileSync(binding, join(dir, 'better_sqlite3.node'));
}

// The distribution's node, by full path: a node of another version earlier on PATH (nvm, a tarball) would not
// match the native builds.
const bin = join(stage, 'usr/bin/chameleon');
mkdirSync(dirname(bin), { recursive: true });
writeFileSync(
    bin,
    '#!/bin/sh\n# Chameleon: the backend and its command line.\nexec /usr/bin/node ' +
        '/usr/lib/chameleon/backend/cli.js "$@"\n',
);
chmodSync(bin, 0o755);

// System-wide, the schema lives in GLib's folder; an extension without a schemas/ folder reads it from there.
const extension = join(stage, 'usr/share/gnome-shell/extensions', uuid);
cpSync(join(dist, 'extension'), extension, {
    recursive: true,
    filter: (path) => !path.startsWith(join(dist, 'extension/schemas')),
});
const schemas = join(stage, 'usr/share/glib-2.0/schemas');
mkdirSync(schemas, { recursive: true });
for (const file of readdirSync(join(root, 'schemas')).filter((name) => name.endsWith('.gschema.xml')))
    copyFileSync(join(root, 'schemas', file), join(schemas, file));

const doc = join(stage, 'usr/share/doc/chameleon');
mkdirSync(doc, { recursive: true });
writeFileSync(
    join(doc, 'copyright'),
    [
        'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
        'Upstream-Name: chameleon',
        '',
        'Files: *',
        `License: ${pkg.license}`,
        '',
        'Files: usr/lib/chameleon/node_modules/*',
        'Comment: each module carries its own licence in its folder',
        '',
    ].join('\n'),
);

const control = {
    Package: 'chameleon',
    Version: pkg.version,
    Architecture: arch,
    Maintainer: 'Chameleon developers <chameleon@chameleon.dev>',
    'Installed-Size': String(kibibytes(stage)),
    // The runtime library of each Node a native build here was made for: apt refuses a Node it would not load on.
    Depends: [
        'nodejs (>= 20)',
        NODE_TARGETS.map((t) => t.runtime).join(' | '),
        'libglib2.0-bin',
        'gsettings-desktop-schemas',
    ].join(', '),
    // djxl decodes JPEG XL pictures (GNOME's own wallpapers) for their palettes; without it GNOME still shows them.
    Recommends: 'gnome-shell (>= 48), libjxl-tools',
    Suggests: 'wallust',
    Section: 'gnome',
    Priority: 'optional',
    Homepage: JSON.parse(readFileSync(join(root, 'extension/metadata.json'), 'utf8')).url,
    Description:
        `${pkg.description}\n Changes the wallpaper from your folders and online sources with ` +
        `Smart Selection, shows its\n palette in the top bar and lets GNOME's accent colour follow ` +
        `it. Includes the GNOME Shell\n extension (enable it in Extensions) and the chameleon command.`,
};
mkdirSync(join(stage, 'DEBIAN'));
writeFileSync(
    join(stage, 'DEBIAN/control'),
    `${Object.entries(control)
        .map(([key, value]) => `${key}: ${value}`)
        .join('\n')}\n`,
);

const deb = join(dist, `${basename(stage)}.deb`);
execFileSync('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', stage, deb], {
    stdio: ['ignore', 'ignore', 'inherit'],
});
say(
    `${relative(root, deb)} (${Math.round(statSync(deb).size / 1024)} KiB; Node ` +
        `${NODE_TARGETS.map((t) => t.node).join(' and ')})`,
);
