import type { GalleryListJson } from '../protocol/messages.js';

/** One line per picture (★ for favourites, its colour family), then where the page is in the whole. */
export function formatGallery(list: GalleryListJson): string {
    if (list.total === 0) return 'No pictures match.';
    const lines = list.items.map((item) => `${item.favourite ? '★' : ' '} ${item.family.padEnd(7)} ${item.path}${item.thumbnail ? `\n            thumbnail ${item.thumbnail}` : ''}`);
    const last = list.offset + list.items.length;
    lines.push(list.items.length === 0 ? `Nothing from ${list.offset + 1}: ${list.total} pictures match.` : `${list.offset + 1}–${last} of ${list.total} pictures.`);
    return lines.join('\n');
}
