// What surrounds one change, behind three calls the composition root (app.ts) makes:
//   setDesktop  — the dark-style picture ('darker') and the accent, passed to the desktop setter;
//   present     — what the protocol says about a wallpaper: accent names this GNOME accepts, and `dark`;
//   afterChange — the theme outputs, made from the image GNOME shows in the current style.
//
// Which image's palette: GNOME shows picture-uri-dark while the dark style is on, so with 'darker' and the
// desktop in dark style (DesktopStateJson.colorScheme 'prefer-dark', forwarded by the extension) the outputs
// and the accent come from the dark picture; otherwise from the wallpaper itself. The history keeps recording
// the wallpaper (picture-uri) and its palette; the dark picture is a companion chosen per change.
import { basename } from 'node:path';
import { allowedAccentName } from '../colour/allowedAccent.js';
import { accentToApply } from './accentToApply.js';
import type { Db } from '../db/database.js';
import { ImageStore } from '../db/images.js';
import type { DesktopExtras, DesktopSetter } from '../desktop/desktopSetter.js';
import { fileUri } from '../desktop/fileUri.js';
import type { PaletteService } from '../pipeline/paletteService.js';
import type { ChangeReason, ConfigJson, PaletteJson, ThemeStatusJson, WallpaperJson } from '../protocol/messages.js';
import { DarkCompanion } from './darkCompanion.js';
import { ThemeWriter } from './themeWriter.js';

type DarkJson = NonNullable<WallpaperJson['dark']>;

export class Theming {
    private readonly writer: ThemeWriter;
    private readonly companion: DarkCompanion;
    private readonly images: ImageStore;
    /** The dark-style picture chosen at the last change, with the wallpaper it belongs to. */
    private dark: { mainPath: string; json: DarkJson } | null = null;

    constructor(
        db: Db,
        private readonly palettes: PaletteService,
        env: NodeJS.ProcessEnv = process.env,
    ) {
        this.writer = new ThemeWriter(env);
        this.companion = new DarkCompanion(db);
        this.images = new ImageStore(db);
    }

    get status(): ThemeStatusJson | null {
        return this.writer.status;
    }

    /**
     * Sets `path` through `desktop`, with a darker dark-style picture when configured, and the accent of the picture
     * GNOME will show (for a desktop that takes one) when its palette (`palette`) is known by then.
     */
    async setDesktop(
        desktop: DesktopSetter,
        path: string,
        uri: string,
        reason: ChangeReason,
        config: ConfigJson,
        folders: readonly string[],
        palette: PaletteJson | null,
        extras: DesktopExtras = {},
    ): Promise<void> {
        const theme = config.theme ?? {};
        const darkPath = theme.darkMode === 'darker' ? await this.companion.pick(path, folders) : path;
        let dark: DarkJson | undefined;
        if (darkPath !== path) {
            const row = this.images.byPath(darkPath);
            const made = row ? await this.palettes.paletteFor(row) : null;
            dark = { path: darkPath, uri: fileUri(darkPath), name: basename(darkPath), palette: made?.palette ?? null };
        }
        const accent = accentToApply(
            this.presentWith({ path, uri, name: basename(path), width: 0, height: 0, palette }, config, dark),
            config,
        );
        await desktop.set(path, uri, reason, {
            ...extras,
            ...(dark ? { darkUri: dark.uri } : {}),
            ...(accent ? { accent } : {}),
        });
        this.dark = dark ? { mainPath: path, json: dark } : null;
    }

    /** `wallpaper` as the protocol shows it: accent names limited to those allowed, and its dark picture if any. */
    present(wallpaper: WallpaperJson, config: ConfigJson): WallpaperJson {
        return this.presentWith(wallpaper, config, this.dark?.mainPath === wallpaper.path ? this.dark.json : undefined);
    }

    private presentWith(wallpaper: WallpaperJson, config: ConfigJson, dark: DarkJson | undefined): WallpaperJson {
        const allowed = config.allowedAccentNames;
        const fix = (p: PaletteJson | null): PaletteJson | null =>
            p && { ...p, accentName: allowedAccentName(p.accent, p.accentName, allowed) };
        return {
            ...wallpaper,
            palette: fix(wallpaper.palette),
            ...(dark ? { dark: { ...dark, palette: fix(dark.palette) } } : {}),
        };
    }

    /** Writes the theme outputs for the picture GNOME shows in the current style; resolves even when they fail. */
    async afterChange(wallpaper: WallpaperJson, config: ConfigJson, timeoutMs: number): Promise<void> {
        const theme = config.theme ?? {};
        if (!ThemeWriter.enabled(theme)) return;
        const shown = this.present(wallpaper, config);
        const dark = config.desktop?.colorScheme === 'prefer-dark' ? shown.dark : undefined;
        await this.writer.write(theme, dark ?? shown, timeoutMs);
    }
}
