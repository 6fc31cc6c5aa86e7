import { log } from '../log.js';
import { failureOf } from '../process/outcome.js';
import { runInProcessGroup } from '../process/processGroup.js';
import type { WallpaperJson } from '../protocol/messages.js';

/** Fills `{path}`, `{uri}`, `{accent}` and `{accentName}` in each argument; the program itself is taken as is. */
export function commandFor(argv: readonly string[], wallpaper: WallpaperJson): string[] {
    const values: Record<string, string> = {
        path: wallpaper.path,
        uri: wallpaper.uri,
        accent: wallpaper.palette?.accent ?? '',
        accentName: wallpaper.palette?.accentName ?? '',
    };
    return argv.map((arg, i) =>
        i === 0 ? arg : arg.replace(/\{(path|uri|accent|accentName)\}/g, (_, name: string) => values[name]!),
    );
}

/**
 * Runs the user's post-change commands one after another, each as an argv list (never through a shell) with a
 * time limit. A failing command is logged; it cannot undo a change that already reached the desktop.
 */
export async function runPostChangeCommands(
    commands: readonly (readonly string[])[],
    wallpaper: WallpaperJson,
    timeoutMs: number,
): Promise<string[]> {
    const failures: string[] = [];
    for (const argv of commands) {
        const [program, ...args] = commandFor(argv, wallpaper);
        const result = await runInProcessGroup(program!, args, { timeoutMs });
        const failure = failureOf(`post-change command ${program}`, result, timeoutMs);
        if (failure) {
            log.warn(failure);
            failures.push(failure);
        }
    }
    return failures;
}
