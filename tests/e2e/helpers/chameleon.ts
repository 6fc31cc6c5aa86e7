// What a user sees of Chameleon, read from the running shell: the panel menu, the desktop, the accent.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { E2E, gsettingsGet, hostPath, shellEval } from './shell.js';

/** The panel button, as the extension's test contract exposes it (see tests/e2e/README.md). */
const BUTTON = 'Main.panel.statusArea.chameleon';
/** The shell's input seat, for virtual devices (Clutter.get_default_backend() is gone in GNOME 51). */
const SEAT = 'global.stage.context.get_backend().get_default_seat()';

export interface MenuState {
    present: boolean;
    menuOpen?: boolean;
    name?: string | null;
    status?: string | null;
    statusVisible?: boolean | null;
    backendPid?: number | null;
    swatches?: { style: string | null; name: string | null }[] | null;
    resumeAccentVisible?: boolean | null;
    favourite?: boolean | null;
    selectionPaused?: boolean | null;
    pauseLabel?: string | null;
    /** With a picture per monitor: one row per monitor (the extension's `monitorRows`). */
    monitorRows?:
        | { index: number; monitor: string; path: string; label: string; swatches: number; favourite: boolean | null }[]
        | null;
    originVisible?: boolean | null;
    originText?: string | null;
    banUrlVisible?: boolean | null;
}

export function menuState(): Promise<MenuState> {
    return shellEval<MenuState>(`(() => {
        const b = ${BUTTON};
        if (!b) return { present: false };
        return {
            present: true,
            menuOpen: b.menu.isOpen,
            name: b.nameLabel ? b.nameLabel.text : null,
            status: b.statusLabel ? b.statusLabel.text : null,
            statusVisible: b.statusLabel ? b.statusLabel.visible : null,
            backendPid: b.backendPid ?? null,
            swatches: b.swatchBox
                ? b.swatchBox.get_children().map(c => ({ style: c.style, name: c.accessible_name }))
                : null,
            resumeAccentVisible: b.resumeAccentItem ? b.resumeAccentItem.visible : null,
            favourite: b.favourite ?? null,
            selectionPaused: b.selectionPaused ?? null,
            pauseLabel: b.pauseItem ? b.pauseItem.label.text : null,
            monitorRows: b.monitorRows ? b.monitorRows.map(r => ({ index: r.index, monitor: r.monitor, path: r.path,
                label: r.nameLabel.text, swatches: r.swatchBox.get_n_children(), favourite: r.favourite })) : null,
            originVisible: b.originItem ? b.originItem.visible : null,
            originText: b.originLabel ? b.originLabel.text : null,
            banUrlVisible: b.banUrlItem ? b.banUrlItem.visible : null,
        };
    })()`);
}

export type MenuItem =
    'nextItem' | 'previousItem' | 'prefsItem' | 'resumeAccentItem' | 'favouriteItem' | 'trashItem' | 'pauseItem';

/** Opens the panel menu and activates one of its items, as a click would. */
export function activate(item: MenuItem): Promise<void> {
    return shellEval(`(() => {
        const b = ${BUTTON};
        if (!b) throw new Error('no Chameleon panel button');
        if (!b.${item}) throw new Error('panel button has no ${item}');
        b.menu.open();
        b.${item}.activate(imports.gi.Clutter.get_current_event());
    })()`);
}

/**
 * Presses a key combination with a virtual keyboard, as a user would: modifiers down, the key down and up,
 * modifiers up. `keys` are Clutter key symbol names, e.g. ['Super_L', 'Alt_L', 'Right'].
 */
export function pressKeys(keys: string[]): Promise<void> {
    return shellEval(`(async () => {
        const Clutter = imports.gi.Clutter;
        const GLib = imports.gi.GLib;
        const device = ${SEAT}.create_virtual_device(Clutter.InputDeviceType.KEYBOARD_DEVICE);
        const syms = ${JSON.stringify(keys)}.map(k => Clutter['KEY_' + k]);
        const wait = () => new Promise(r => GLib.timeout_add(GLib.PRIORITY_DEFAULT, 30, () => {
            r();
            return GLib.SOURCE_REMOVE;
        }));
        for (const sym of syms) {
            device.notify_keyval(GLib.get_monotonic_time(), sym, Clutter.KeyState.PRESSED);
            await wait();
        }
        for (const sym of syms.reverse()) {
            device.notify_keyval(GLib.get_monotonic_time(), sym, Clutter.KeyState.RELEASED);
            await wait();
        }
    })()`);
}

/**
 * Clicks at screen position (x, y) with a virtual pointer of the shell: move, press, release, each with a real
 * timestamp and a frame between them. The device is made once and kept: GNOME 50 and later drop the events a
 * virtual device sends before the seat has taken it in.
 */
export function click(x: number, y: number): Promise<void> {
    return shellEval(`(async () => {
        const Clutter = imports.gi.Clutter;
        const GLib = imports.gi.GLib;
        const wait = () => new Promise(r => GLib.timeout_add(GLib.PRIORITY_DEFAULT, 30, () => {
            r();
            return GLib.SOURCE_REMOVE;
        }));
        if (!globalThis.__e2ePointer) {
            globalThis.__e2ePointer = ${SEAT}.create_virtual_device(Clutter.InputDeviceType.POINTER_DEVICE);
            await wait();
        }
        const pointer = globalThis.__e2ePointer;
        pointer.notify_absolute_motion(GLib.get_monotonic_time(), ${x}, ${y});
        await wait();
        pointer.notify_button(GLib.get_monotonic_time(), Clutter.BUTTON_PRIMARY, Clutter.ButtonState.PRESSED);
        await wait();
        pointer.notify_button(GLib.get_monotonic_time(), Clutter.BUTTON_PRIMARY, Clutter.ButtonState.RELEASED);
        await wait();
    })()`);
}

/** Moves the virtual pointer of `click` to (x, y), without a click (the widget under it gets hover). */
export function movePointer(x: number, y: number): Promise<void> {
    return shellEval(`(async () => {
        const Clutter = imports.gi.Clutter;
        const GLib = imports.gi.GLib;
        const wait = () => new Promise(r => GLib.timeout_add(GLib.PRIORITY_DEFAULT, 30, () => {
            r();
            return GLib.SOURCE_REMOVE;
        }));
        if (!globalThis.__e2ePointer) {
            globalThis.__e2ePointer = ${SEAT}.create_virtual_device(Clutter.InputDeviceType.POINTER_DEVICE);
            await wait();
        }
        globalThis.__e2ePointer.notify_absolute_motion(GLib.get_monotonic_time(), ${x}, ${y});
        await wait();
    })()`);
}

export function openMenu(): Promise<void> {
    return shellEval(`${BUTTON}.menu.open()`);
}

/** Closes the menu and the overview so that the wallpaper is what a screenshot shows. */
export function revealDesktop(): Promise<void> {
    return shellEval(`(() => { ${BUTTON}?.menu.close(); Main.overview.hide(); })()`);
}

function unquote(gvariantString: string): string {
    // gsettings prints strings GVariant-quoted: 'file:///…'
    return gvariantString.replace(/^'(.*)'$/, '$1');
}

export interface DesktopState {
    uri: string;
    darkUri: string;
    drawn: (string | null)[];
}

/** The desktop's wallpaper settings and the file the shell's background actors are drawing. */
export async function desktopState(): Promise<DesktopState> {
    const [uri, darkUri, drawn] = await Promise.all([
        gsettingsGet('org.gnome.desktop.background', 'picture-uri').then(unquote),
        gsettingsGet('org.gnome.desktop.background', 'picture-uri-dark').then(unquote),
        shellEval<(string | null)[]>(`Main.layoutManager._bgManagers.map(m =>
            m._backgroundSource.getBackground(m._monitorIndex)._file?.get_uri() ?? null)`),
    ]);
    return { uri, darkUri, drawn };
}

export function uriToName(uri: string): string {
    return path.basename(decodeURIComponent(new URL(uri).pathname));
}

/** GNOME's accent colour names by enum index, read from the root's schema rather than assumed. */
let accentNames: Map<number, string> | undefined;
function accentName(index: number): string {
    if (!accentNames) {
        const xml = readFileSync(hostPath('/usr/share/glib-2.0/schemas/org.gnome.desktop.enums.xml'), 'utf8');
        const block = xml.match(/<enum id="org\.gnome\.desktop\.GDesktopAccentColor">([\s\S]*?)<\/enum>/)?.[1] ?? '';
        accentNames = new Map(
            [...block.matchAll(/nick="([^"]+)" value="(\d+)"/g)].map((m) => [Number(m[2]), m[1] ?? '?']),
        );
    }
    return accentNames.get(index) ?? `unknown(${index})`;
}

/** The accent the shell is using now (St.Settings, i.e. what the shell draws with). */
export async function shellAccent(): Promise<string> {
    return accentName(await shellEval<number>('imports.gi.St.Settings.get().accent_color'));
}

/** Pids of running backends in the root (the extension's `serve --stdio` child), as the host sees them. */
export function backendCommandMatches(cmdline: string): boolean {
    return cmdline.includes('/usr/lib/chameleon/backend/cli.js') && /\bserve\b/.test(cmdline);
}

export const WALLPAPER_URI = (folder: string, name: string) =>
    `file://${E2E.home}/Pictures/Wallpapers/${folder}/${name}.png`;

export interface ScreenBox {
    x: number;
    y: number;
    w: number;
    h: number;
}

/** The menu's pictures: the thumbnail of the one on screen, the "Recent wallpapers" submenu and its entries. */
export interface RecentState {
    currentVisible: boolean;
    currentStyle: string | null;
    currentBox: ScreenBox;
    submenuVisible: boolean;
    submenuOpen: boolean;
    entries: { path: string; style: string | null; thumbnailBox: ScreenBox; itemBox: ScreenBox }[];
}

export function recentState(): Promise<RecentState> {
    return shellEval<RecentState>(`(() => {
        const b = ${BUTTON};
        const box = (a) => { const [x, y] = a.get_transformed_position(); const [w, h] = a.get_transformed_size();
            return { x: Math.round(x), y: Math.round(y), w: Math.round(w), h: Math.round(h) }; };
        return {
            currentVisible: b.currentThumbnail.get_parent().visible,
            currentStyle: b.currentThumbnail.style,
            currentBox: box(b.currentThumbnail),
            submenuVisible: b.recentMenu.visible,
            submenuOpen: b.recentMenu.menu.isOpen,
            entries: b.recentEntries.map(e => ({
                path: e.path,
                style: e.thumbnail.style,
                thumbnailBox: box(e.thumbnail),
                itemBox: box(e.item),
            })),
        };
    })()`);
}

/** Opens the menu and its "Recent wallpapers" submenu, as a click on the submenu's row would. */
export function openRecentSubmenu(): Promise<void> {
    return shellEval(`(() => { const b = ${BUTTON}; b.menu.open(); b.recentMenu.setSubmenuShown(true); })()`);
}
