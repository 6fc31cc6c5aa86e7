// Chameleon's online sources in a real GNOME Shell: an RSS source pointing at a feed served from the host's
// loopback (helpers/feedServer.ts) is enabled in the settings, `chameleon refresh` in the user's terminal
// downloads its one picture, Next shows it, the menu says where it is from, and "Never download this again"
// moves the wallpaper on and keeps it from coming back. The server records every request, so the test also
// says that nothing but the feed and the picture was asked for.
import { chownSync, mkdirSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
    activate,
    desktopState,
    menuState,
    revealDesktop,
    WALLPAPER_URI,
    type DesktopState,
} from './helpers/chameleon.js';
import { startFeedServer, xmlEscape, type FeedServer } from './helpers/feedServer.js';
import {
    CHAMELEON_SCHEMA,
    centrePixel,
    chameleonSet,
    colourDistance,
    E2E,
    extensionInfo,
    hostPath,
    isAlive,
    runAsUser,
    screenshot,
    shellEval,
    shellLogMark,
    shellLogSince,
    shellLogTail,
    waitFor,
    WALLPAPER_DIR,
    type Rgb,
} from './helpers/shell.js';

const SOURCE_ID = 'e2e-feed';
/** A folder with no pictures: with it as the only folder, the download is the only candidate. */
const EMPTY_FOLDER = `${WALLPAPER_DIR}/online-empty`;
const DOWNLOADS = `${E2E.home}/.local/share/chameleon/downloads/${SOURCE_ID}`;
const ORANGE: Rgb = [255, 122, 0];
const ITEM = { title: 'Orange Dunes', author: 'Ana Example', licence: 'CC BY 4.0' };
const FEED_PATH = '/feeds/wallpapers.xml';
const IMAGE_PATH = '/media/orange-dunes.png';
const PAGE_PATH = '/photos/orange-dunes';

beforeEach((ctx) => {
    ctx.onTestFailed(() => console.error(`--- ${ctx.task.name}: shell log tail ---\n${shellLogTail(60)}`));
});

function feed(origin: string): string {
    return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>E2E wallpapers</title>
    <link>${origin}/</link>
    <description>One orange picture</description>
    <item>
      <title>${xmlEscape(ITEM.title)}</title>
      <link>${origin}${PAGE_PATH}</link>
      <media:content url="${origin}${IMAGE_PATH}" medium="image" type="image/png" width="1280" height="800"/>
      <media:credit role="photographer">${xmlEscape(ITEM.author)}</media:credit>
      <media:license>${xmlEscape(ITEM.licence)}</media:license>
    </item>
  </channel>
</rss>
`;
}

/** A GVariant string literal, as `gsettings set` reads it. */
function gvariantString(text: string): string {
    return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

async function resetKey(key: string): Promise<void> {
    const r = await runAsUser(['gsettings', 'reset', CHAMELEON_SCHEMA, key]);
    if (r.code !== 0) throw new Error(`gsettings reset ${key}: ${r.stderr}`);
}

/** Runs `chameleon ARGS --json` as the user (through the running backend's socket) and parses its answer. */
async function cli<T>(...args: string[]): Promise<T> {
    const r = await runAsUser(['chameleon', ...args, '--json'], 60_000);
    if (r.code !== 0) throw new Error(`chameleon ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
    return JSON.parse(r.stdout) as T;
}

interface SourcesJson {
    sources: { id: string; kind: string; enabled: boolean; folder: string; images: number; problem: string | null }[];
    downloadFolder: string;
}
interface RefreshJson {
    sources: {
        id: string;
        listed: number;
        downloaded: string[];
        duplicates: number;
        failures: string[];
        error: string | null;
    }[];
    evicted: string[];
}
interface StatusJson {
    folders: string[];
}
interface OriginJson {
    path: string;
    online: boolean;
    sourceId: string | null;
    kind: string | null;
    url: string | null;
    title: string | null;
    author: string | null;
    originPage: string | null;
    licence: string | null;
    bannedUrl: boolean;
}

function requestsSince(server: FeedServer, from: number): string[] {
    return server.requests.slice(from).map((r) => `${r.method} ${r.path} ${r.status}`);
}

async function waitForFolders(want: string[], what: string): Promise<void> {
    await waitFor(
        `the backend's folders become ${JSON.stringify(want)} (${what})`,
        () => cli<StatusJson>('status'),
        (s) => JSON.stringify([...s.folders].sort()) === JSON.stringify([...want].sort()),
        { timeoutMs: 15_000, intervalMs: 300 },
    );
}

async function waitForNewWallpaper(before: DesktopState, what: string): Promise<DesktopState> {
    const after = await waitFor(
        `${what}: picture-uri changes from ${before.uri} and picture-uri-dark follows it`,
        desktopState,
        (now) => now.uri !== before.uri && now.darkUri === now.uri,
        { timeoutMs: 20_000 },
    );
    return waitFor(
        `${what}: the shell draws ${after.uri}`,
        desktopState,
        (now) => now.uri === after.uri && now.drawn.includes(now.uri),
    );
}

describe('Chameleon with an online source (RSS feed on loopback)', () => {
    let server: FeedServer;
    let png: Buffer;
    let logMark = 0;

    beforeAll(async () => {
        png = await sharp({
            create: { width: 1280, height: 800, channels: 3, background: { r: ORANGE[0], g: ORANGE[1], b: ORANGE[2] } },
        })
            .png()
            .toBuffer();
        server = await startFeedServer((origin) => ({
            [FEED_PATH]: { contentType: 'application/rss+xml; charset=utf-8', body: feed(origin) },
            [IMAGE_PATH]: { contentType: 'image/png', body: png },
        }));
        mkdirSync(hostPath(EMPTY_FOLDER), { recursive: true });
        chownSync(hostPath(EMPTY_FOLDER), E2E.uid, E2E.uid);
        logMark = shellLogMark();
    });

    afterAll(async () => {
        // Later scenarios (and files) expect no online source and the folder every run starts with.
        await resetKey('online-sources').catch((e: Error) => console.error(e.message));
        await chameleonSet('folders', `['${WALLPAPER_DIR}/all']`).catch((e: Error) => console.error(e.message));
        await revealDesktop().catch(() => undefined);
        await server?.close();
    });

    it(
        "refresh downloads the feed's picture, Next shows it, the menu says where it is from; " +
            '"Never download this again" moves on for good',
        async () => {
            expect((await extensionInfo()).state).toBe(1);
            await waitFor(
                'panel button with a running backend',
                menuState,
                (s) => s.present && typeof s.backendPid === 'number' && isAlive(s.backendPid),
                { timeoutMs: 20_000 },
            );
            expect(server.requests, 'nothing is requested before a source is enabled').toEqual([]);

            // As the preferences would: one enabled RSS source (no timer refresh: only `chameleon refresh` fetches).
            const sources = [
                {
                    id: SOURCE_ID,
                    kind: 'rss',
                    enabled: true,
                    refreshMinutes: 0,
                    options: { url: `${server.origin}${FEED_PATH}` },
                },
            ];
            await chameleonSet('folders', `['${EMPTY_FOLDER}']`);
            await chameleonSet('online-sources', gvariantString(JSON.stringify(sources)));
            await waitForFolders([EMPTY_FOLDER, DOWNLOADS], 'online-sources and folders set');
            const listed = await cli<SourcesJson>('sources');
            expect(listed.sources, JSON.stringify(listed)).toEqual([
                expect.objectContaining({
                    id: SOURCE_ID,
                    kind: 'rss',
                    enabled: true,
                    folder: DOWNLOADS,
                    problem: null,
                }),
            ]);

            // `chameleon refresh` in the user's terminal: the running backend downloads the one picture.
            const first = await cli<RefreshJson>('refresh');
            const result = first.sources.find((s) => s.id === SOURCE_ID);
            expect(result, JSON.stringify(first)).toMatchObject({
                listed: 1,
                duplicates: 0,
                failures: [],
                error: null,
            });
            expect(result?.downloaded, JSON.stringify(first)).toHaveLength(1);
            const file = result?.downloaded[0] ?? '';
            expect(file.startsWith(`${DOWNLOADS}/`), `${file} is in ${DOWNLOADS}`).toBe(true);
            expect(
                readFileSync(hostPath(file)).equals(png),
                'the downloaded file is the served picture, byte for byte',
            ).toBe(true);
            expect(
                requestsSince(server, 0),
                'the first refresh asks for the feed, then the picture, nothing else',
            ).toEqual([`GET ${FEED_PATH} 200`, `GET ${IMAGE_PATH} 200`]);

            // Next: the download is the only candidate.
            const before = await desktopState();
            await activate('nextItem');
            const shown = await waitForNewWallpaper(before, 'Next onto the download');
            expect(shown.uri).toBe(`file://${file}`);
            await revealDesktop();
            await waitFor(
                `centre pixel of online-orange.png shows orange ${JSON.stringify(ORANGE)}`,
                async () => centrePixel(await screenshot('online-orange')),
                (got) => colourDistance(got, ORANGE) <= 12,
                { timeoutMs: 8_000, intervalMs: 300 },
            );

            // "Where is it from?": shown, with the feed's author (label and the OriginJson behind it).
            const menu = await waitFor(
                'the menu shows the origin of the download',
                menuState,
                (s) => s.originVisible === true && (s.originText ?? '').includes(ITEM.author),
            );
            expect(menu.banUrlVisible, 'banUrlItem shows with the origin').toBe(true);
            expect(menu.originText).toContain(`“${ITEM.title}”`);
            expect(menu.originText).toContain('rss');
            const origin = await shellEval<OriginJson | null>('Main.panel.statusArea.chameleon.origin');
            expect(origin, JSON.stringify(origin)).toMatchObject({
                path: file,
                online: true,
                sourceId: SOURCE_ID,
                kind: 'rss',
                url: `${server.origin}${IMAGE_PATH}`,
                title: ITEM.title,
                author: ITEM.author,
                originPage: `${server.origin}${PAGE_PATH}`,
                licence: ITEM.licence,
                bannedUrl: false,
            });
            expect(
                await shellEval<boolean>('Main.panel.statusArea.chameleon.originItem.reactive'),
                'originItem opens the page: sensitive',
            ).toBe(true);
            await shellEval('Main.panel.statusArea.chameleon.menu.open()');
            await screenshot('online-menu');

            // "Never download this again", with one of our own pictures beside it: the wallpaper moves on to it.
            await chameleonSet('folders', `['${WALLPAPER_DIR}/only-teal']`);
            await waitForFolders([`${WALLPAPER_DIR}/only-teal`, DOWNLOADS], 'folders set to only-teal');
            const onOrange = await desktopState();
            await shellEval(`(() => {
            const b = Main.panel.statusArea.chameleon;
            b.menu.open();
            b.banUrlItem.activate(imports.gi.Clutter.get_current_event());
        })()`);
            const moved = await waitForNewWallpaper(onOrange, 'Never download this again');
            expect(moved.uri).toBe(WALLPAPER_URI('only-teal', 'teal'));
            await waitFor(
                'the origin item goes away with the download',
                menuState,
                (s) => s.originVisible === false && s.banUrlVisible === false && !s.status,
            );
            const banned = await cli<OriginJson>('origin', file);
            expect(banned.bannedUrl, JSON.stringify(banned)).toBe(true);
            const why = await cli<{ excludedBy: string | null }>('why', file);
            expect(why.excludedBy, 'the banned download leaves the rotation').toMatch(/ban/i);

            // A second refresh lists the feed again but does not ask for the picture.
            const mark = server.requests.length;
            const second = await cli<RefreshJson>('refresh');
            const again = second.sources.find((s) => s.id === SOURCE_ID);
            expect(again, JSON.stringify(second)).toMatchObject({
                downloaded: [],
                duplicates: 0,
                failures: [],
                error: null,
            });
            expect(requestsSince(server, mark), 'the second refresh asks for the feed only').toEqual([
                `GET ${FEED_PATH} 200`,
            ]);
            expect(
                server.requests.every((r) => r.path === FEED_PATH || r.path === IMAGE_PATH),
                `every request: ${JSON.stringify(server.requests)}`,
            ).toBe(true);
            expect(
                server.requests.filter((r) => r.path === IMAGE_PATH),
                'the picture was requested once in all',
            ).toHaveLength(1);
        },
    );

    it('no JS error of the extension in the shell log during the online scenario', () => {
        const lines = shellLogSince(logMark).split('\n');
        const problems = lines.flatMap((line, i) => {
            if (!/JS ERROR|Unhandled promise rejection|Gjs-CRITICAL/.test(line)) return [];
            const block = lines.slice(i, i + 12).join('\n');
            return block.includes(E2E.uuid) ? [block] : [];
        });
        expect(problems, problems.join('\n---\n')).toEqual([]);
    });
});
