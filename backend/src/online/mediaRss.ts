// Just enough of RSS 2.0 with Media RSS (https://www.rssboard.org/media-rss) and Atom to find images in a feed:
// per <item>/<entry>, the largest <media:content medium="image"> (inside <media:group> or not), else an image
// <enclosure>; title, link, credit (<media:credit>, <dc:creator>, <author>), licence (<media:license>,
// <media:copyright>) and <media:rating>adult</media:rating>. Tolerant of what feeds really contain; no DTDs,
// no entity expansion beyond the predefined and numeric ones.

export interface FeedImage {
    url: string;
    width: number | null;
    height: number | null;
    title: string | null;
    link: string | null;
    author: string | null;
    licence: string | null;
    adult: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(value: string): string {
    return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
        if (name[0] === '#') {
            const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
            return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
        }
        return NAMED[name.toLowerCase()] ?? whole;
    });
}

function innerText(raw: string): string {
    const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
    return (cdata ? cdata[1]! : decodeEntities(raw.replace(/<[^>]*>/g, ''))).trim();
}

function attributes(tag: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const match of tag.matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[match[1]!.toLowerCase()] = decodeEntities(match[3] ?? match[4] ?? '');
    return out;
}

function element(body: string, names: string[]): string | null {
    for (const name of names) {
        const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'i').exec(body);
        if (match) {
            const value = innerText(match[1]!);
            if (value) return value;
        }
    }
    return null;
}

function tags(body: string, name: string): Record<string, string>[] {
    return [...body.matchAll(new RegExp(`<${name}\\b([^>]*?)/?>`, 'gi'))].map((m) => attributes(m[1]!));
}

const num = (value: string | undefined) => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : null);

function isImage(attrs: Record<string, string>): boolean {
    if (attrs.medium) return attrs.medium === 'image';
    if (attrs.type) return attrs.type.startsWith('image/');
    return /\.(jpe?g|png|webp|avif)(\?|$)/i.test(attrs.url ?? '');
}

export function parseMediaRss(xml: string): FeedImage[] {
    if (!/<(rss|feed|rdf:RDF)\b/i.test(xml)) throw new SyntaxError('not an RSS or Atom feed');
    const items = [...xml.matchAll(/<(item|entry)\b[^>]*>([\s\S]*?)<\/\1>/gi)].map((m) => m[2]!);
    return items.flatMap((body) => {
        const contents = tags(body, 'media:content').filter((attrs) => attrs.url && isImage(attrs));
        contents.sort((a, b) => (num(b.width) ?? 0) - (num(a.width) ?? 0));
        const best = contents[0] ?? tags(body, 'enclosure').find((attrs) => attrs.url && isImage(attrs));
        if (!best?.url) return [];
        const atomLink = tags(body, 'link').find((attrs) => attrs.href && (!attrs.rel || attrs.rel === 'alternate'))?.href ?? null;
        return [
            {
                url: best.url,
                width: num(best.width),
                height: num(best.height),
                title: element(body, ['media:title', 'title']),
                link: element(body, ['link']) ?? atomLink,
                author: element(body, ['media:credit', 'dc:creator', 'author']),
                licence: element(body, ['media:license', 'media:copyright', 'copyright']),
                adult: /<media:rating[^>]*>\s*(adult|nonadult\b)?/i.exec(body)?.[1]?.toLowerCase() === 'adult',
            },
        ];
    });
}
