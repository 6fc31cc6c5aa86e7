import { failureOf } from '../process/outcome.js';
import { runInProcessGroup } from '../process/processGroup.js';
import type { ChangeReason } from '../protocol/messages.js';
import { SetWallpaperError, type DesktopExtras, type DesktopSetter } from './desktopSetter.js';

/**
 * The user's own `set_wallpaper` script, with Variety's contract so that existing scripts work unchanged:
 * `script FINAL_IMAGE auto|manual|refresh ORIGINAL_IMAGE DISPLAY_MODE`. It is run directly (argv, no shell),
 * in its own process group so a timeout stops everything it started.
 */
export class ScriptDesktop implements DesktopSetter {
    constructor(
        private readonly script: string,
        private readonly timeoutMs: number,
        private readonly displayMode = 'zoom',
    ) {}

    async set(path: string, _uri: string, reason: ChangeReason, extras: DesktopExtras = {}): Promise<void> {
        // Variety says "auto" for timer changes and "manual" for the user's own.
        const mode = reason === 'timer' ? 'auto' : 'manual';
        // A composed wallpaper goes as Variety's own "final image" does, with the mode GNOME needs for it.
        const result = await runInProcessGroup(
            this.script,
            [path, mode, path, extras.pictureOptions ?? this.displayMode],
            { timeoutMs: this.timeoutMs },
        );
        const failure = failureOf(`the set_wallpaper script ${this.script}`, result, this.timeoutMs);
        if (failure) throw new SetWallpaperError(`could not set the wallpaper to ${path}: ${failure}`);
    }
}
