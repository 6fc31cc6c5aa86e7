// Feed parsing figures: milliseconds to read a well-formed feed and a hostile one (unclosed <item> tags) of
// about 1.5 MiB, and the ratio of time per MiB between a 6 MiB and a 1.5 MiB hostile feed (1 = linear).
import { parseMediaRss } from '../../backend/src/online/mediaRss.js';
import { figure, single, timeRuns, type Figure } from './measure.js';

const item = (i: number) =>
    `<item><title>Photo ${i} &amp; more</title><link>https://photos.test/p/${i}</link>` +
    `<media:content url="https://photos.test/${i}.jpg" medium="image" width="4000" height="3000"/></item>`;

export async function feedFigures(): Promise<Figure[]> {
    const wellFormed = `<rss><channel>${Array.from({ length: 9000 }, (_, i) => item(i)).join('')}</channel></rss>`;
    const hostile = (mib: number) => `<rss><channel>${'<item>'.repeat(Math.round((mib * 1024 * 1024) / 6))}`;
    const small = hostile(1.5);
    const large = hostile(6);
    const goodMs = await timeRuns(10, () => parseMediaRss(wellFormed));
    const smallMs = await timeRuns(5, () => parseMediaRss(small));
    const largeMs = await timeRuns(5, () => parseMediaRss(large));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return [
        figure(`feed: ${(wellFormed.length / 1024 / 1024).toFixed(1)} MiB well-formed Media RSS`, 'ms', goodMs),
        figure('feed: 1.5 MiB of unclosed <item>', 'ms', smallMs, { max: 1000 }),
        single(
            'feed: time per MiB, 6 MiB ÷ 1.5 MiB hostile (1 = linear)',
            'ratio',
            median(largeMs) / 4 / median(smallMs),
            { max: 2 },
        ),
    ];
}
