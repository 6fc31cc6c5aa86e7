// After each change: the outputs other programs read (pywal's files, the user's templates), then the reload
// commands that make those programs pick them up. Everything here is best effort by design: the wallpaper is
// already on the desktop, so a broken template or a failing command is reported (log + status), never undone.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { log } from '../log.js';
import { commandFor } from '../pipeline/postChangeCommands.js';
import { failureOf } from '../process/outcome.js';
import { runInProcessGroup } from '../process/processGroup.js';
import type {
    PaletteJson,
    ThemeConfigJson,
    ThemeOutputStatusJson,
    ThemeStatusJson,
    WallpaperJson,
} from '../protocol/messages.js';
import { writeFileAtomic } from './atomicWrite.js';
import { confinedTarget, expandHome } from './confinedPath.js';
import { pywalCacheDir, pywalFiles } from './pywal.js';
import { renderTemplate, templateValues } from './templates.js';

/** The image GNOME shows in the current style, with its palette: what the outputs are made from. */
export interface ShownImage {
    path: string;
    uri: string;
    palette: PaletteJson | null;
}

export class ThemeWriter {
    private last: ThemeStatusJson | null = null;

    constructor(
        private readonly env: NodeJS.ProcessEnv = process.env,
        private readonly now: () => number = Date.now,
    ) {}

    get status(): ThemeStatusJson | null {
        return this.last;
    }

    /** True when the settings ask for any output at all. */
    static enabled(config: ThemeConfigJson): boolean {
        return !!config.pywal || (config.templates?.length ?? 0) > 0;
    }

    /**
     * Writes the enabled outputs for `shown`'s palette (each only when its content changed), then, if any file
     * changed, runs the reload commands. Resolves with what happened; never rejects for a single bad output.
     */
    async write(config: ThemeConfigJson, shown: ShownImage, timeoutMs: number): Promise<ThemeStatusJson | null> {
        if (!ThemeWriter.enabled(config)) return null;
        const outputs: ThemeOutputStatusJson[] = [];
        const palette = shown.palette;
        if (config.pywal) {
            const dir = pywalCacheDir(this.env);
            const files = palette ? pywalFiles(palette, shown.path) : [];
            for (const name of ['colors.json', 'colors.sh', 'colors.css']) {
                const target = join(dir, name);
                const file = files.find((f) => f.name === name);
                outputs.push(
                    await this.output(name, target, async () =>
                        file ? writeFileAtomic(target, file.content) : noPalette(shown.path),
                    ),
                );
            }
        }
        const home = this.env.HOME || homedir();
        for (const { template, target } of config.templates ?? []) {
            let resolved = target;
            outputs.push(
                await this.output(template, target, async () => {
                    resolved = await confinedTarget(target, home);
                    if (!palette) return noPalette(shown.path);
                    const text = await readTemplate(expandHome(template, home), template);
                    return writeFileAtomic(
                        resolved,
                        renderTemplate(text, templateValues(palette, shown.path), template),
                    );
                }).then((status) => ({ ...status, target: resolved })),
            );
        }
        const reloadFailures: string[] = [];
        if (outputs.some((o) => o.state === 'written')) {
            const wallpaperish: WallpaperJson = {
                path: shown.path,
                uri: shown.uri,
                name: '',
                width: 0,
                height: 0,
                palette,
            };
            for (const argv of config.reloadCommands ?? []) {
                const [program, ...args] = commandFor(argv, wallpaperish);
                const result = await runInProcessGroup(program!, args, { timeoutMs });
                const failure = failureOf(`reload command ${program}`, result, timeoutMs);
                if (failure) {
                    log.warn(failure);
                    reloadFailures.push(failure);
                }
            }
        }
        this.last = { at: new Date(this.now()).toISOString(), paletteFrom: shown.path, outputs, reloadFailures };
        return this.last;
    }

    private async output(
        name: string,
        target: string,
        write: () => Promise<'written' | 'unchanged'>,
    ): Promise<ThemeOutputStatusJson> {
        try {
            return { name, target, state: await write(), error: null };
        } catch (error) {
            const message = (error as Error).message;
            log.warn(`theme output ${name}: ${message}`);
            return { name, target, state: 'failed', error: message };
        }
    }
}

function noPalette(path: string): never {
    throw new Error(`no palette for ${path} (the image could not be analysed), so nothing was written`);
}

async function readTemplate(path: string, shown: string): Promise<string> {
    try {
        return await readFile(path, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new Error(`template ${shown} does not exist`);
        if (code === 'EISDIR') throw new Error(`template ${shown} is a folder, not a file`);
        if (code === 'EACCES') throw new Error(`template ${shown} cannot be read (permission denied)`);
        throw new Error(`template ${shown} cannot be read: ${(error as Error).message}`);
    }
}
