import type { GalleryListJson } from '../protocol/messages.js';

/** One line per picture (★ for favourites, its colour family), then where the page is in the whole. */
export function formatGallery(list: GalleryListJson): string {
    if (list.total === 0) return 'No pictures match.';
    const lines = list.items.map((item) => {
        const line = `${item.favourite ? '★' : ' '} ${item.family.padEnd(7)} ${item.path}`;
        return item.thumbnail ? `${line}\n            thumbnail ${item.thumbnail}` : line;
    });
    const first = list.offset + 1;
    const last = list.offset + list.items.length;
    lines.push(
        list.items.length === 0
            ? `Nothing from ${first}: ${list.total} pictures match.`
            : `${first}–${last} of ${list.total} pictures.`,
    );
    return lines.join('\n');
}
