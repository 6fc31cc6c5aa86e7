// The providers' answers, parsed from recorded-shape fixtures (tests/backend/online/fixtures): what each source makes
// of its provider's documented JSON or feed, with the awkward entries real answers contain.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePath, valueAt } from '../../../backend/src/online/jsonPath.js';
import { decodeEntities, FeedScanner } from '../../../backend/src/online/mediaRss.js';
import { redactUrl } from '../../../backend/src/online/redact.js';
import { apodOptions, apodUrl, parseApod } from '../../../backend/src/online/sources/apod.js';
import { bingOptions, parseBing } from '../../../backend/src/online/sources/bing.js';
import { artstationOptions, artstationUrl, parseArtstation } from '../../../backend/src/online/sources/artstation.js';
import { parseEarthview } from '../../../backend/src/online/sources/earthview.js';
import { jsonOptions, parseJsonFeed, parseRssFeed } from '../../../backend/src/online/sources/feed.js';
import {
    flickrApiUrl,
    flickrFeedUrl,
    flickrOptions,
    parseFlickrSearch,
} from '../../../backend/src/online/sources/flickr.js';
import { parseReddit, redditOptions, redditUrl } from '../../../backend/src/online/sources/reddit.js';
import {
    parseUnsplash,
    unsplashNext,
    unsplashOptions,
    unsplashUrl,
} from '../../../backend/src/online/sources/unsplash.js';
import { parseWallhaven, wallhavenOptions, wallhavenUrl } from '../../../backend/src/online/sources/wallhaven.js';
import { redditUserAgent, USER_AGENT } from '../../../backend/src/online/userAgent.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const json = (name: string) => JSON.parse(fixture(name)) as unknown;

describe('Wallhaven', () => {
    it('lists full images with size, page and purity, and drops unusable URLs', () => {
        const { items, next } = parseWallhaven(json('wallhaven-search.handmade.json'));
        expect(items).toHaveLength(2);
        expect(items[0]).toMatchObject({
            url: 'https://w.wallhaven.cc/full/94/wallhaven-94x38z.jpg',
            width: 3840,
            height: 2160,
            originPage: 'https://wallhaven.cc/w/94x38z',
            nsfw: false,
        });
        expect(items[1]!.nsfw).toBe(true);
        expect(next).toBe('2');
    });

    it(
        'does not credit the uploader\'s "source" link (a pixiv page) as the author, and pages on ' + 'meta.last_page',
        () => {
            const { items, next } = parseWallhaven(json('wallhaven-toplist.json'));
            expect(items).toHaveLength(1);
            expect(items[0]).toMatchObject({
                url: 'https://w.wallhaven.cc/full/zy/wallhaven-zyxvqy.jpg',
                width: 3840,
                height: 2244,
                originPage: 'https://wallhaven.cc/w/zyxvqy',
                author: null,
                authorUrl: null,
            });
            expect(items[0]!.licence).toContain('https://www.pixiv.net/artworks/102234272');
            expect(next).toBe('2');
            expect(new URL(wallhavenUrl(wallhavenOptions.parse({}), null, true, 2)).searchParams.get('page')).toBe('2');
            const last = json('wallhaven-toplist.json') as { meta: Record<string, unknown> };
            expect(parseWallhaven({ ...last, meta: { ...last.meta, current_page: 147 } }).next).toBeNull();
        },
    );

    it('asks for SFW only in safe mode, whatever the options say, and sends the key as apikey', () => {
        const options = wallhavenOptions.parse({
            query: 'mountains',
            purity: ['sfw', 'sketchy'],
            categories: ['general', 'people'],
            atleast: '1920x1080',
            ratios: ['16x9'],
        });
        const safe = new URL(wallhavenUrl(options, 'k3y', true));
        expect(safe.searchParams.get('purity')).toBe('100');
        expect(safe.searchParams.get('categories')).toBe('101');
        expect(safe.searchParams.get('atleast')).toBe('1920x1080');
        expect(safe.searchParams.get('ratios')).toBe('16x9');
        expect(safe.searchParams.get('apikey')).toBe('k3y');
        expect(safe.origin + safe.pathname).toBe('https://wallhaven.cc/api/v1/search');
        expect(new URL(wallhavenUrl(options, null, false)).searchParams.get('purity')).toBe('110');
    });

    it('refuses an answer without a data list', () => {
        expect(() => parseWallhaven({ error: 'Unauthorized' })).toThrow(/data/);
    });
});

describe('Unsplash', () => {
    it('credits the photographer with the links the API guidelines ask for, and knows each photo by its id', () => {
        const photos = parseUnsplash(json('unsplash-search.json'));
        expect(photos).toHaveLength(3);
        expect(photos[0]).toMatchObject({
            url: expect.stringMatching(/^https:\/\/images\.unsplash\.com\/photo-1530281700549-e82e7bf110d6\?.*ixid=/),
            key: 'https://unsplash.com/photos/yihlaRCCvd4',
            width: 4016,
            author: 'Oscar Sutton',
            title: 'dog running on beach during daytime',
            licence: 'Unsplash License',
            downloadPing: expect.stringMatching(/^https:\/\/api\.unsplash\.com\/photos\/yihlaRCCvd4\/download\?ixid=/),
        });
        expect(photos[0]!.originPage).toMatch(/^https:\/\/unsplash\.com\/photos\/yihlaRCCvd4\?utm_source=chameleon/);
        expect(unsplashNext(json('unsplash-search.json'), 1, 3, 3)).toBe('2');
    });

    it('reads collections (a bare list) and skips photos without URLs', () => {
        const photos = parseUnsplash(json('unsplash-collection.handmade.json'));
        expect(photos).toHaveLength(1);
        expect(photos[0]!.title).toBe('snowy peak at dawn');
    });

    it('searches, lists a collection, or asks for random photos', () => {
        expect(unsplashUrl(unsplashOptions.parse({ query: 'sea' }), 5)).toContain(
            '/search/photos?query=sea&per_page=5',
        );
        expect(unsplashUrl(unsplashOptions.parse({ query: 'sea' }), 5, 3)).toContain('&page=3');
        expect(unsplashUrl(unsplashOptions.parse({ collection: '317099' }), 5)).toContain('/collections/317099/photos');
        expect(unsplashUrl(unsplashOptions.parse({}), 5)).toContain('/photos/random?count=5');
    });
});

describe('Bing', () => {
    it('builds UHD URLs from urlbase and takes the credit from the copyright line', () => {
        const options = bingOptions.parse({});
        const [first, second] = parseBing(json('bing-archive.handmade.json'), options);
        expect(first).toMatchObject({
            url: 'https://www.bing.com/th?id=OHR.LavenderProvence_EN-US1234567890_UHD.jpg',
            author: 'Jane Doe/Getty Images',
            title: 'Purple haze',
            originPage: 'https://www.bing.com/search?q=Valensole&form=hpcapt',
        });
        expect(second!.author).toBe('Max Muster');
    });

    it('leaves out pictures marked wp: false (not for download as wallpaper), as the zh-CN archive has them', () => {
        const items = parseBing(json('bing-zh-cn.json'), bingOptions.parse({ market: 'zh-CN' }));
        expect(items).toHaveLength(5);
        expect(items.some((i) => i.url.includes('BrassBandTrumpet'))).toBe(false);
        expect(items[0]).toMatchObject({
            author: 'Minden Pictures/Masterfile',
            title: '在南非卡拉哈里沙漠地区的一群雄性跳羚',
        });
    });

    it('ignores the rest-of-world placeholder title "Info" and reads a full-width （© …） credit', () => {
        const sakura = parseBing(json('bing-archive.handmade.json'), bingOptions.parse({})).at(-1);
        expect(sakura).toMatchObject({ title: '吉野山の桜、奈良県', author: 'Taro Yamada/Getty Images' });
    });

    it('uses the 1920×1080 URL without UHD, against the configured base', () => {
        const options = bingOptions.parse({ uhd: false, baseUrl: 'http://127.0.0.1:9/' });
        const [first] = parseBing(json('bing-archive.handmade.json'), options);
        expect(first!.url).toBe(
            'http://127.0.0.1:9/th?id=OHR.LavenderProvence_EN-US1234567890_1920x1080.jpg&rf=LaDigue_1920x1080.jpg&pid=hp',
        );
        expect([first!.width, first!.height]).toEqual([1920, 1080]);
    });
});

describe('NASA APOD', () => {
    it('skips videos, prefers the HD picture and names the APOD page', () => {
        const items = parseApod(json('apod-count.handmade.json'), { hd: true });
        expect(items.map((i) => i.url)).toEqual([
            'https://apod.nasa.gov/apod/image/2311/Pillars_Smith_4000.jpg',
            'https://apod.nasa.gov/apod/image/9907/saturn.jpg',
        ]);
        expect(items[0]).toMatchObject({
            author: 'John Smith',
            licence: '© John Smith',
            originPage: 'https://apod.nasa.gov/apod/ap231114.html',
        });
    });

    it(
        "does not call a picture without a copyright field NASA's (Arp 273 was processed by Pohl " +
            'from Hubble data)',
        () => {
            const [arp273, venus] = parseApod(json('apod-three.json'), { hd: true });
            expect(arp273).toMatchObject({
                url: 'https://apod.nasa.gov/apod/image/1911/Arp273_HubblePohl_1824.jpg',
                author: null,
                originPage: 'https://apod.nasa.gov/apod/ap191120.html',
            });
            expect(arp273!.licence).not.toMatch(/NASA|public domain/i);
            expect(arp273!.licence).toMatch(/see the credit on its page/);
            expect(venus).toMatchObject({ author: 'Juan Carlos CasadoTWAN', licence: '© Juan Carlos CasadoTWAN' });
        },
    );

    it('reads a single entry too, and uses the demo key when none is set', () => {
        const single = (json('apod-count.handmade.json') as unknown[])[0];
        expect(parseApod(single, { hd: false })[0]!.url).toBe(
            'https://apod.nasa.gov/apod/image/2311/Pillars_Smith_1080.jpg',
        );
        expect(new URL(apodUrl(apodOptions.parse({}), null)).searchParams.get('api_key')).toBe('DEMO_KEY');
    });
});

describe('Reddit', () => {
    it('keeps still images, gallery pictures in order, and crossposts; no NSFW, videos or text posts', () => {
        const { items, next } = parseReddit(json('reddit-top.handmade.json'), { allowNsfw: false, safeMode: true });
        expect(items.map((i) => i.url)).toEqual([
            'https://i.redd.it/abc123fjord.jpg',
            'https://preview.redd.it/m2.png?width=3840&format=png&auto=webp&s=bb',
            'https://preview.redd.it/m1.jpg?width=2560&format=pjpg&auto=webp&s=aa',
            'https://preview.redd.it/p1.png?width=2560&format=png&s=9',
            'https://i.redd.it/orig42.jpg',
        ]);
        expect(items[0]).toMatchObject({
            width: 3840,
            author: 'u/nordic_light',
            originPage: 'https://www.reddit.com/r/wallpapers/comments/1a2b3c/fjord_at_dusk_3840x2160/',
        });
        expect(items[1]).toMatchObject({ title: 'Gallery (1/2)', width: 3840, height: 2160 });
        expect(next).toBe('t3_1abcd');
    });

    it(
        'reads real posts: an i.redd.it image, an imgur image, galleries in their own order; not ' +
            'GIFs, videos, text or crossposted videos',
        () => {
            const only = (name: string, options = { allowNsfw: false, safeMode: true }) =>
                parseReddit(json(name), options).items;
            expect(only('reddit-post-image.json')).toMatchObject([
                {
                    url: 'https://i.redd.it/kk1x0xw81ij91.jpg',
                    width: 750,
                    height: 929,
                    author: 'u/mitus376',
                    title: 'The truth has been spoken',
                },
            ]);
            expect(only('reddit-post-imgur.json').map((i) => i.url)).toEqual(['https://i.imgur.com/cP5n0Kz.jpg']);
            for (const skipped of [
                'reddit-post-gif.json',
                'reddit-post-video.json',
                'reddit-post-text.json',
                'reddit-post-crosspost-video.json',
            ])
                expect(only(skipped), skipped).toEqual([]);
            const gallery = only('reddit-post-gallery.json');
            expect(gallery.map((i) => new URL(i.url).pathname)).toEqual([
                '/ax8jw6xncb0f1.jpg',
                '/cgg7otnocb0f1.jpg',
                '/d88d3dhpcb0f1.jpg',
            ]);
            expect(gallery[0]!.url).toBe(
                'https://preview.redd.it/ax8jw6xncb0f1.jpg?width=3000&format=pjpg&auto=webp&s=bdb4f659b023d6d6c19cc6f55655a3883150ede3',
            );
            expect(gallery[0]!.title).toMatch(/ \(1\/3\)$/);
            // A gallery marked over 18: nothing in safe mode, its pictures when allowed.
            expect(only('reddit-post-gallery-nsfw.json')).toEqual([]);
            expect(
                only('reddit-post-gallery-nsfw.json', { allowNsfw: true, safeMode: false }).map((i) => i.nsfw),
            ).toEqual([true, true]);
        },
    );

    it('credits a crosspost to the original poster', () => {
        const crosspost = parseReddit(json('reddit-top.handmade.json'), { allowNsfw: false, safeMode: true }).items.at(
            -1,
        );
        expect(crosspost).toMatchObject({
            author: 'u/alpine_eye',
            authorUrl: 'https://www.reddit.com/user/alpine_eye',
            originPage: 'https://www.reddit.com/r/EarthPorn/comments/o42/dawn_over_the_dolomites/',
            width: 4000,
        });
    });

    it('lets NSFW through only when allowed and safe mode is off', () => {
        const data = json('reddit-top.handmade.json');
        expect(parseReddit(data, { allowNsfw: true, safeMode: true }).items.some((i) => i.nsfw)).toBe(false);
        expect(parseReddit(data, { allowNsfw: true, safeMode: false }).items.filter((i) => i.nsfw)).toHaveLength(1);
    });

    it('validates the subreddit name before it goes into a URL, and asks for the page after the last', () => {
        expect(redditOptions.safeParse({ subreddit: '../../api' }).success).toBe(false);
        expect(redditUrl(redditOptions.parse({ subreddit: 'EarthPorn', sort: 'top', time: 'month' }))).toBe(
            'https://www.reddit.com/r/EarthPorn/top.json?limit=50&raw_json=1&t=month',
        );
        expect(redditUrl(redditOptions.parse({}), 't3_1abcd')).toContain('&after=t3_1abcd');
    });

    it('names itself as Reddit asks: platform:app id:version (by /u/user)', () => {
        expect(redditUserAgent('some_user')).toMatch(/^linux:[\w.-]+:[\w.-]+ \(by \/u\/some_user\)$/);
        expect(USER_AGENT).toMatch(/^Chameleon\/\S+ \(.*\+https:\/\/github\.com\/chameleon-dev\/chameleon\)$/);
    });
});

describe('Google Earth View', () => {
    it('names each picture by its place and credits the imagery as the catalogue says', () => {
        const items = parseEarthview(json('earthview-catalogue.json'));
        expect(items).toHaveLength(12);
        expect(items[0]).toMatchObject({
            url: 'https://www.gstatic.com/prettyearth/assets/full/1003.jpg',
            title: 'Australia',
            originPage: 'https://www.google.com/maps/@-10.040181,143.560709,11z/data=!3m1!1e3',
            licence: '©2019 Cnes/Spot Image, Maxar Technologies, Landsat, U.S. Geological Survey; Google Earth View',
        });
        expect(items[1]!.title).toBe('Tamarugal, Chile');
    });
});

describe('Flickr', () => {
    it("reads the public feeds without a key: a group pool, or a user's photos with tags", () => {
        expect(flickrFeedUrl(flickrOptions.parse({ group: '52240257802@N01' }))).toBe(
            'https://www.flickr.com/services/feeds/groups_pool.gne?id=52240257802%40N01&format=atom',
        );
        expect(flickrFeedUrl(flickrOptions.parse({ user: '27845935@N04', tags: 'snow, ski' }))).toBe(
            'https://www.flickr.com/services/feeds/photos_public.gne?id=27845935%40N04&tags=snow%2Cski&tagmode=all&format=atom',
        );
    });

    it('with a key, takes the largest size allowed, the licence and the page count', () => {
        const { items, next } = parseFlickrSearch(json('flickr-search.handmade.json'));
        expect(items).toHaveLength(3);
        expect(items[0]).toMatchObject({
            url: 'https://live.staticflickr.com/65535/53831666357_0123456789_k.jpg',
            key: 'https://www.flickr.com/photos/184460015%40N08/53831666357/',
            width: 2048,
            author: 'dasgonaviation',
            licence: 'CC BY 2.0',
        });
        expect(items[1]).toMatchObject({ width: 1024, licence: 'All Rights Reserved' });
        // No size listed: the 1024 px rendition every photo has.
        expect(items[2]).toMatchObject({
            url: 'https://live.staticflickr.com/65535/53831000001_abcdef0123_b.jpg',
            width: null,
            licence: 'CC0 1.0',
        });
        expect(next).toBe('2');
        expect(() =>
            parseFlickrSearch({ stat: 'fail', code: 100, message: 'Invalid API Key (Key has invalid format)' }),
        ).toThrow(/Invalid API Key/);
        const url = new URL(flickrApiUrl(flickrOptions.parse({ tags: 'aurora' }), 'K', true, 12, 2));
        expect(Object.fromEntries(url.searchParams)).toMatchObject({
            method: 'flickr.photos.search',
            tags: 'aurora',
            safe_search: '1',
            page: '2',
            per_page: '12',
        });
    });
});

describe('ArtStation', () => {
    it(
        'takes the large picture of each project, credits the artist, marks adult projects and ' +
            'pages on total_count',
        () => {
            const { items, next } = parseArtstation(json('artstation-channel.handmade.json'), 1);
            expect(items).toHaveLength(2);
            expect(items[0]).toMatchObject({
                url: 'https://cdna.artstation.com/p/assets/images/images/024/918/035/large/jane-kowalska-outpost-final.jpg?1584701234',
                key: 'https://www.artstation.com/artwork/L3xZq8',
                author: 'Jane Kowalska',
                authorUrl: 'https://www.artstation.com/janek',
                nsfw: false,
            });
            expect(items[1]).toMatchObject({ author: 'ruiz_art', nsfw: true });
            expect(next).toBe('2');
            expect(artstationUrl(artstationOptions.parse({ user: 'janek' }), 3)).toBe(
                'https://www.artstation.com/users/janek/projects.json?page=3',
            );
            expect(artstationUrl(artstationOptions.parse({ channel: '70' }), 1)).toContain(
                '/api/v2/community/channels/projects.json?channel_id=70&page=1&sorting=trending',
            );
        },
    );
});

describe('generic JSON API', () => {
    it('follows the configured paths and resolves relative URLs against the API address', () => {
        const options = jsonOptions.parse({
            url: 'https://api.example.org/v1/curated?per_page=3',
            itemsPath: '$.photos',
            urlPath: 'src.original',
            authorPath: 'photographer',
            authorUrlPath: 'photographer_url',
            pagePath: 'url',
            widthPath: 'width',
            heightPath: 'height',
            nsfwPath: 'nsfw',
            licence: 'Example licence',
        });
        const items = parseJsonFeed(json('json-feed.handmade.json'), options);
        expect(items).toHaveLength(2);
        expect(items[0]).toMatchObject({
            url: 'https://images.example.org/101/original.jpeg',
            author: 'Ana Lima',
            width: 5000,
            licence: 'Example licence',
            nsfw: false,
        });
        expect(items[1]).toMatchObject({ url: 'https://api.example.org/relative/102.jpeg', nsfw: true });
    });

    it('says where it expected the list', () => {
        const options = jsonOptions.parse({ url: 'https://x.test/', itemsPath: 'items', urlPath: 'url' });
        expect(() => parseJsonFeed(json('json-feed.handmade.json'), options)).toThrow(/no list at "items"/);
    });

    it('paths: names, indices, $ prefix', () => {
        expect(parsePath('$.a.b[2].c')).toEqual(['a', 'b', 2, 'c']);
        expect(valueAt({ a: [{ b: 1 }, { b: 2 }] }, 'a[1].b')).toBe(2);
        expect(valueAt({ a: 1 }, 'a.b.c')).toBeUndefined();
        expect(() => parsePath('a..b')).toThrow();
    });
});

describe('Media RSS and Atom', () => {
    it('takes the largest image of each item, with credit, link and licence; skips non-images', async () => {
        const items = await parseRssFeed(fixture('media-rss.handmade.xml'), {
            url: 'https://photos.example.net/feed.xml',
        });
        expect(items).toHaveLength(2);
        expect(items[0]).toMatchObject({
            url: 'https://photos.example.net/img/1_large.jpg?a=1&b=2',
            width: 4096,
            title: 'Glacier & lagoon',
            author: 'Kari Nordmann',
            originPage: 'https://photos.example.net/p/1',
            licence: 'CC BY 4.0',
            nsfw: false,
        });
        expect(items[1]).toMatchObject({
            url: 'https://photos.example.net/img/3.png',
            title: 'Night city — neon',
            author: 'Sam Lee',
            nsfw: true,
        });
    });

    it('lists the images of Flickr\'s public Atom feed (<link rel="enclosure">), crediting each author', async () => {
        const items = await parseRssFeed(fixture('flickr-public-atom.xml'), {
            url: 'https://www.flickr.com/services/feeds/photos_public.gne',
        });
        expect(items).toHaveLength(3);
        expect(items[0]).toMatchObject({
            url: 'https://farm9.staticflickr.com/8735/16894058141_d582ed1c82_b.jpg',
            title: '20150318-0042',
            author: 'Kermitz1',
            authorUrl: 'https://www.flickr.com/people/kermitz/',
            originPage: 'https://www.flickr.com/photos/kermitz/16894058141/',
        });
    });

    it("honours an adult rating on the channel, and one that follows another scheme's rating", async () => {
        const channel = await parseRssFeed(fixture('channel-rating.handmade.xml'), {
            url: 'https://art.example.org/feed',
        });
        expect(channel).toMatchObject([{ url: 'https://art.example.org/1.jpg', nsfw: true, author: 'Studio Nord' }]);
        const mixed = await parseRssFeed(fixture('mixed-ratings.handmade.xml'), {
            url: 'https://pics.example.org/feed',
        });
        expect(mixed.map((item) => item.nsfw)).toEqual([true, false]);
    });

    it('refuses a web page that is not a feed', async () => {
        await expect(
            parseRssFeed('<!doctype html><html><body>Sign in</body></html>', { url: 'https://x.test/feed' }),
        ).rejects.toThrow(/did not send a feed/);
        expect(decodeEntities('&lt;a&gt; &#x41;&#66; &bogus;')).toBe('<a> AB &bogus;');
    });

    it('reads a feed of unclosed items and stray close tags in one pass', () => {
        // Each unclosed <item> ends the one before; a stray close tag costs nothing. The tokens seen grow
        // linearly with the feed (a scanner that backtracked would revisit earlier items).
        const item = '<item><title>x</title><enclosure url="https://x.test/a.jpg" type="image/jpeg"/></x></y>';
        const small = new FeedScanner(`<rss><channel>${item.repeat(1000)}`);
        const large = new FeedScanner(`<rss><channel>${item.repeat(8000)}`);
        small.step();
        large.step();
        expect(small.result()).toHaveLength(1000);
        expect(large.result()).toHaveLength(8000);
        expect(large.tokens / small.tokens).toBeCloseTo(8, 1);
    });
});

describe('secrets in URLs', () => {
    it('are masked wherever a URL is printed', () => {
        expect(redactUrl('https://api.nasa.gov/planetary/apod?api_key=S3CRET&count=2')).toBe(
            'https://api.nasa.gov/planetary/apod?api_key=***&count=2',
        );
        expect(redactUrl('https://wallhaven.cc/api/v1/search?q=x&apikey=S3CRET')).not.toContain('S3CRET');
        expect(redactUrl('https://user:pw@host.test/x')).toBe('https://host.test/x');
    });
});
