import { build } from 'esbuild';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './sandbox.js';

/**
 * Bundles source entry points (a module and the worker it starts) side by side, as the build does in dist/, so a
 * test can load the module from source and its worker is found beside it. The folder lies under node_modules so
 * that bare imports (sharp, culori) resolve. Returns the folder and a loader for the bundled module `name`.
 */
export async function bundleForTest(
    prefix: string,
    entryPoints: Record<string, string>,
): Promise<{ dir: string; load<T>(name: string): Promise<T> }> {
    const cache = join(ROOT, 'node_modules/.cache/chameleon-tests');
    await mkdir(cache, { recursive: true });
    const dir = await mkdtemp(join(cache, prefix));
    await build({
        absWorkingDir: ROOT,
        entryPoints,
        outdir: dir,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        logLevel: 'error',
    });
    return { dir, load: async <T>(name: string) => (await import(pathToFileURL(join(dir, `${name}.js`)).href)) as T };
}
