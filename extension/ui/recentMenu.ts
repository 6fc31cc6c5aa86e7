// The menu's pictures: the one on screen as a thumbnail above its name, and a "Recent wallpapers" submenu with a
// thumbnail of each picture shown before it; clicking one shows it again.
import type { GalleryItemJson, GalleryRecentJson } from '../lib/protocol.js';
import { Clutter, PopupMenu, St } from './shell.js';

export interface RecentMenuActions {
    setPicture(path: string): void;
    gettext(text: string): string;
}

/** One picture of the submenu (part of the test contract: `Indicator.recentEntries`). */
export interface RecentEntry {
    path: string;
    item: PopupMenu.PopupBaseMenuItem;
    thumbnail: St.Widget;
}

export class RecentMenu {
    /** The picture on screen; hidden while it has no thumbnail. */
    readonly currentItem = new PopupMenu.PopupBaseMenuItem({ reactive: false, can_focus: false });
    readonly currentThumbnail = new St.Widget({ style_class: 'chameleon-current-thumbnail', x_expand: true });
    readonly submenu: PopupMenu.PopupSubMenuMenuItem;
    entries: RecentEntry[] = [];
    readonly #actions: RecentMenuActions;

    constructor(actions: RecentMenuActions) {
        this.#actions = actions;
        this.currentItem.add_child(this.currentThumbnail);
        this.currentItem.visible = false;
        this.submenu = new PopupMenu.PopupSubMenuMenuItem(actions.gettext('Recent wallpapers'));
        this.submenu.visible = false;
    }

    show(recent: GalleryRecentJson): void {
        const current = recent.current?.thumbnail ?? null;
        this.currentItem.visible = current !== null;
        this.currentThumbnail.style = thumbnailStyle(current);
        this.currentThumbnail.accessible_name = recent.current?.name ?? '';
        this.submenu.menu.removeAll();
        this.entries = recent.recent.map((picture) => this.#entry(picture));
        this.submenu.visible = this.entries.length > 0;
    }

    #entry(picture: GalleryItemJson): RecentEntry {
        const item = new PopupMenu.PopupBaseMenuItem({ style_class: 'chameleon-recent-item' });
        const thumbnail = new St.Widget({
            style_class: 'chameleon-recent-thumbnail',
            style: thumbnailStyle(picture.thumbnail),
        });
        const name = new St.Label({
            text: picture.name,
            style_class: 'chameleon-recent-name',
            y_align: Clutter.ActorAlign.CENTER,
        });
        item.add_child(thumbnail);
        item.add_child(name);
        item.connect('activate', () => this.#actions.setPicture(picture.path));
        this.submenu.menu.addMenuItem(item);
        return { path: picture.path, item, thumbnail };
    }
}

/** The thumbnail as a widget's background, cropped to the widget's shape as GNOME Shell draws user avatars. */
function thumbnailStyle(file: string | null): string {
    if (file === null) return '';
    return `background-image: url("${file.replace(/["\\]/g, '\\$&')}"); background-size: cover;`;
}
