// Images in RSS 2.0 with Media RSS (https://www.rssboard.org/media-rss) and in Atom feeds: per <item>/<entry>,
// the widest <media:content medium="image"> (inside <media:group> or not), else an image <enclosure> or an Atom
// <link rel="enclosure" type="image/…">; title, link, credit (<media:credit>, <dc:creator>, <author>), licence
// (<media:license>, <media:copyright>) and ratings. Media RSS lets optional elements sit on the channel and apply
// to every item, so a channel-level rating or credit counts for each item that has none of its own.
//
// A single pass over the text with a small, bounded state (no tree, no backtracking regex): feeds are whatever
// servers send, including thousands of unclosed tags, and the work must stay linear in the size of the feed.
// The backend reads feeds in a worker thread (feedReader.ts); `parseMediaRssAsync` is the same scan in slices with
// the event loop free between them, for where the worker is not built.
// No DTDs and no entity expansion beyond the predefined and numeric ones.

export interface FeedImage {
    url: string;
    width: number | null;
    height: number | null;
    title: string | null;
    link: string | null;
    author: string | null;
    authorUrl: string | null;
    licence: string | null;
    adult: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(value: string): string {
    if (!value.includes('&')) return value;
    return value.replace(/&(#x[0-9a-f]{1,8}|#\d{1,9}|[a-z]{1,8});/gi, (whole, name: string) => {
        if (name[0] === '#') {
            const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
            return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
        }
        return NAMED[name.toLowerCase()] ?? whole;
    });
}

/** Ratings that mean "not for safe mode", by scheme (urn:simple is the default scheme). */
function isAdultRating(scheme: string | undefined, value: string): boolean {
    const v = value.trim().toLowerCase();
    const s = (scheme ?? 'urn:simple').toLowerCase();
    if (s === 'urn:simple') return v === 'adult';
    if (s === 'urn:mpaa') return v === 'nc-17' || v === 'x';
    // Other schemes (ICRA, v-chip) say nothing a wallpaper manager can rely on; an explicit "adult" still counts.
    return v === 'adult';
}

/** Text fields captured per item (and on the channel, where Media RSS allows it). */
const FIELDS: Record<string, keyof Captured> = {
    title: 'title',
    'media:title': 'mediaTitle',
    link: 'link',
    'media:credit': 'credit',
    'dc:creator': 'creator',
    author: 'author',
    'media:license': 'licence',
    'media:copyright': 'copyright',
    copyright: 'copyright',
    rights: 'copyright',
    'media:rating': 'rating',
};

interface Captured {
    title?: string;
    mediaTitle?: string;
    link?: string;
    credit?: string;
    creator?: string;
    author?: string;
    authorName?: string;
    authorUri?: string;
    licence?: string;
    copyright?: string;
    rating?: string;
}

interface ItemState {
    fields: Captured;
    contents: Record<string, string>[];
    enclosure: Record<string, string> | null;
    atomLink: string | null;
    adult: boolean;
}

const MAX_FIELD_CHARS = 4096;
const SLICE_CHARS = 128 * 1024;

const num = (value: string | undefined) => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : null);

function isImage(attrs: Record<string, string>, urlAttr = 'url'): boolean {
    if (attrs.medium) return attrs.medium === 'image';
    if (attrs.type) return attrs.type.toLowerCase().startsWith('image/');
    return /\.(jpe?g|png|webp|avif)(\?|$)/i.test(attrs[urlAttr] ?? '');
}

/** Attributes of one start tag's text (after the name); linear in its length. */
function attributes(text: string): Record<string, string> {
    const out: Record<string, string> = {};
    const pattern = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        out[match[1]!.toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
    }
    return out;
}

/** RSS <author> is an e-mail address, often "nobody@flickr.com (Jane Doe)": the name in brackets, else all of it. */
function rssAuthor(value: string | undefined): string | null {
    if (!value) return null;
    return /^\S+@\S+\s*\((.+)\)$/.exec(value)?.[1]?.replace(/^"|"$/g, '').trim() || value;
}

export class FeedScanner {
    private pos = 0;
    /** Tags, texts and other markup handled so far: the measure of the work done. */
    tokens = 0;
    private sawRoot = false;
    private readonly images: FeedImage[] = [];
    private readonly channel: Captured = {};
    private channelAdult = false;
    private item: ItemState | null = null;
    /** Inside an Atom <author>, whose <name> and <uri> are the credit. */
    private inAuthor = false;
    /** The field whose text is being collected, and the element name that ends it. */
    private capture: { field: keyof Captured; end: string; scheme?: string; text: string } | null = null;

    constructor(private readonly xml: string) {}

    /** Scans up to `chars` more characters (whole tokens); true once the end is reached. */
    step(chars = Infinity): boolean {
        const stop = Math.min(this.xml.length, this.pos + chars);
        while (this.pos < stop) {
            const open = this.xml.indexOf('<', this.pos);
            if (open === -1) {
                this.text(this.xml.slice(this.pos));
                this.pos = this.xml.length;
                break;
            }
            if (open > this.pos) this.text(this.xml.slice(this.pos, open));
            this.pos = this.token(open);
        }
        return this.pos >= this.xml.length;
    }

    result(): FeedImage[] {
        this.finishItem();
        if (!this.sawRoot) throw new SyntaxError('not an RSS or Atom feed');
        // Channel-level elements apply to every item that does not say otherwise.
        const credit = this.channel.credit ?? null;
        const licence = this.channel.licence ?? this.channel.copyright ?? null;
        return this.images.map((image) => ({
            ...image,
            author: image.author ?? credit,
            licence: image.licence ?? licence,
            adult: image.adult || this.channelAdult,
        }));
    }

    /** Handles the markup at `open`; returns where scanning continues. */
    private token(open: number): number {
        this.tokens++;
        const xml = this.xml;
        if (xml.startsWith('<!--', open)) return this.skipPast(open + 4, '-->');
        if (xml.startsWith('<![CDATA[', open)) {
            const end = xml.indexOf(']]>', open + 9);
            const stop = end === -1 ? xml.length : end;
            this.text(xml.slice(open + 9, stop), true);
            return end === -1 ? xml.length : end + 3;
        }
        if (xml.startsWith('<?', open)) return this.skipPast(open + 2, '?>');
        if (xml.startsWith('<!', open)) {
            // A DOCTYPE, with or without an internal subset: skipped, never expanded.
            const bracket = xml.indexOf('[', open);
            const close = xml.indexOf('>', open);
            if (bracket !== -1 && close !== -1 && bracket < close) return this.skipPast(bracket, ']>');
            return close === -1 ? xml.length : close + 1;
        }
        const end = this.tagEnd(open + 1);
        if (end === -1) return xml.length;
        const raw = xml.slice(open + 1, end);
        if (raw.startsWith('/')) {
            this.closeTag(raw.slice(1).trim().toLowerCase());
        } else {
            const nameEnd = raw.search(/[\s/]|$/);
            const name = raw.slice(0, nameEnd).toLowerCase();
            const selfClosing = raw.endsWith('/');
            if (name) this.openTag(name, raw.slice(nameEnd, selfClosing ? -1 : undefined), selfClosing);
        }
        return end + 1;
    }

    private skipPast(from: number, marker: string): number {
        const end = this.xml.indexOf(marker, from);
        return end === -1 ? this.xml.length : end + marker.length;
    }

    /** The `>` ending a tag that starts at `from`, outside quoted attribute values; -1 if the text ends first. */
    private tagEnd(from: number): number {
        const xml = this.xml;
        let i = from;
        for (;;) {
            const gt = xml.indexOf('>', i);
            if (gt === -1) return -1;
            // A quote between here and the `>` opens a value that may contain `>`: skip to its closing quote.
            let quote = -1;
            for (let j = i; j < gt; j++) {
                const c = xml.charCodeAt(j);
                if (c === 34 || c === 39) {
                    quote = j;
                    break;
                }
            }
            if (quote === -1) return gt;
            const closing = xml.indexOf(xml[quote]!, quote + 1);
            if (closing === -1) return gt;
            i = closing + 1;
        }
    }

    private openTag(name: string, rest: string, selfClosing: boolean): void {
        if (!this.sawRoot) {
            if (name === 'rss' || name === 'feed' || name === 'rdf:rdf') this.sawRoot = true;
            else throw new SyntaxError('not an RSS or Atom feed');
            return;
        }
        if (name === 'item' || name === 'entry') {
            // Items never nest: an item that opens inside another ends it (an unclosed <item> in a broken feed).
            this.finishItem();
            this.item = { fields: {}, contents: [], enclosure: null, atomLink: null, adult: false };
            return;
        }
        const needsAttributes =
            name === 'media:content' || name === 'enclosure' || name === 'link' || name === 'media:rating';
        const attrs = needsAttributes ? attributes(rest) : {};
        const item = this.item;
        if (item) {
            if (name === 'media:content' && attrs.url && isImage(attrs)) item.contents.push(attrs);
            else if (name === 'enclosure' && attrs.url && isImage(attrs)) item.enclosure ??= attrs;
            else if (name === 'link' && attrs.href) {
                const rel = (attrs.rel ?? 'alternate').toLowerCase();
                if (rel === 'enclosure' && isImage(attrs, 'href')) item.enclosure ??= { ...attrs, url: attrs.href };
                else if (rel === 'alternate') item.atomLink ??= attrs.href;
            }
        }
        let field = FIELDS[name];
        if (name === 'author' && !selfClosing) this.inAuthor = true;
        if (this.inAuthor && name === 'name') field = 'authorName';
        if (this.inAuthor && name === 'uri') field = 'authorUri';
        if (field && !selfClosing)
            this.capture = { field, end: name, ...(attrs.scheme ? { scheme: attrs.scheme } : {}), text: '' };
    }

    private closeTag(name: string): void {
        if (name === 'item' || name === 'entry') {
            this.finishItem();
            return;
        }
        if (name === 'author') this.inAuthor = false;
        const capture = this.capture;
        if (!capture || capture.end !== name) return;
        this.capture = null;
        const value = capture.text.replace(/\s+/g, ' ').trim();
        if (!value) return;
        if (capture.field === 'rating') {
            if (isAdultRating(capture.scheme, value)) {
                if (this.item) this.item.adult = true;
                else this.channelAdult = true;
            }
            return;
        }
        const target = this.item ? this.item.fields : this.channel;
        target[capture.field] ??= value;
    }

    private text(value: string, cdata = false): void {
        const capture = this.capture;
        if (!capture || capture.text.length >= MAX_FIELD_CHARS) return;
        capture.text += (cdata ? value : decodeEntities(value)).slice(0, MAX_FIELD_CHARS - capture.text.length);
    }

    private finishItem(): void {
        const item = this.item;
        this.item = null;
        this.capture = null;
        this.inAuthor = false;
        if (!item) return;
        let best: Record<string, string> | null = null;
        for (const content of item.contents)
            if (!best || (num(content.width) ?? 0) > (num(best.width) ?? 0)) best = content;
        best ??= item.enclosure;
        if (!best?.url) return;
        const f = item.fields;
        this.images.push({
            url: best.url,
            width: num(best.width),
            height: num(best.height),
            title: f.mediaTitle ?? f.title ?? null,
            link: f.link ?? item.atomLink,
            author: f.credit ?? f.creator ?? f.authorName ?? rssAuthor(f.author),
            authorUrl: f.authorUri ?? null,
            licence: f.licence ?? f.copyright ?? null,
            adult: item.adult,
        });
    }
}

export function parseMediaRss(xml: string): FeedImage[] {
    const scanner = new FeedScanner(xml);
    scanner.step();
    return scanner.result();
}

/** The same, in slices with the event loop free between them: a backend with one thread keeps answering. */
export async function parseMediaRssAsync(xml: string): Promise<FeedImage[]> {
    const scanner = new FeedScanner(xml);
    while (!scanner.step(SLICE_CHARS)) await new Promise<void>((resolve) => setImmediate(resolve));
    return scanner.result();
}
