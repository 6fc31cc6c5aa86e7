import type { ConfigJson, WallpaperJson } from '../protocol/messages.js';

/**
 * The accent GNOME is to have while `shown` is on screen (a wallpaper as the protocol shows it, accent names
 * already limited to the allowed ones), or null to leave the accent alone: accent sync off or paused (the user
 * picked one by hand), a desktop without an accent setting (no allowed names were reported), or no palette yet.
 * In the dark style GNOME shows the dark-style picture, so its accent is the one.
 */
export function accentToApply(shown: WallpaperJson | null, config: ConfigJson): string | null {
    if (!shown || config.accent?.sync !== true || config.accent.paused === true) return null;
    const picture = config.desktop?.colorScheme === 'prefer-dark' && shown.dark ? shown.dark : shown;
    const name = picture.palette?.accentName ?? null;
    return name !== null && config.allowedAccentNames?.includes(name) ? name : null;
}
