// The clock and quote drawn into the wallpaper, in a real GNOME Shell: turned on in the extension's settings, the
// shell draws a composed copy with the time and a quote in the bottom-right corner of the screen (the picture
// file itself unchanged); turned off, the picture itself comes back.
import { chownSync, copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { activate, desktopState, menuState, revealDesktop, type DesktopState } from './helpers/chameleon.js';
import {
    chameleonSet,
    E2E,
    hostPath,
    isAlive,
    screenshot,
    shellLogTail,
    waitFor,
    WALLPAPER_DIR,
} from './helpers/shell.js';

const QUOTES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/quotes/literature');
const COMPOSED = `file://${E2E.home}/.cache/chameleon/composed/`;

beforeEach((ctx) => {
    ctx.onTestFailed(() => console.error(`--- ${ctx.task.name}: shell log tail ---\n${shellLogTail(60)}`));
});

/** Pixels of a screenshot region that differ clearly between two screenshots. */
async function differing(
    a: string,
    b: string,
    region: { left: number; top: number; width: number; height: number },
): Promise<number> {
    const [x, y] = await Promise.all([a, b].map((p) => sharp(p).removeAlpha().extract(region).raw().toBuffer()));
    let count = 0;
    for (let i = 0; i < x!.length; i += 3)
        if (Math.abs(x![i]! - y![i]!) + Math.abs(x![i + 1]! - y![i + 1]!) + Math.abs(x![i + 2]! - y![i + 2]!) > 60)
            count++;
    return count;
}

const drawn = (uri: (s: DesktopState) => boolean) => (s: DesktopState) =>
    uri(s) && s.darkUri === s.uri && s.drawn.includes(s.uri);

describe('clock and quote on the wallpaper', () => {
    it(
        '16. turned on, the shell draws the clock and a quote in the corner; turned off, the ' + 'picture itself again',
        async () => {
            await waitFor(
                'panel button with a running backend',
                menuState,
                (s) => s.present && typeof s.backendPid === 'number' && isAlive(s.backendPid),
                { timeoutMs: 20_000 },
            );
            const quotes = `${E2E.home}/quotes`;
            copyFileSync(QUOTES, hostPath(quotes));
            chownSync(hostPath(quotes), E2E.uid, E2E.uid);
            await chameleonSet('folders', `['${WALLPAPER_DIR}/all']`);
            const start = await desktopState();
            await activate('nextItem');
            const plain = await waitFor(
                'Next: a picture of the folder, drawn',
                desktopState,
                drawn((s) => s.uri !== start.uri && s.uri.startsWith(`file://${WALLPAPER_DIR}/all/`)),
            );
            const picture = fileURLToPath(plain.uri);
            const bytes = createHash('sha256')
                .update(readFileSync(hostPath(picture)))
                .digest('hex');
            await revealDesktop();
            const before = await screenshot('overlay-before');

            await chameleonSet('overlay-quotes-file', `'${quotes}'`);
            await chameleonSet('overlay-quotes', 'true');
            await chameleonSet('overlay-clock', 'true');
            const composed = await waitFor(
                'the wallpaper becomes a composed copy, drawn',
                desktopState,
                drawn((s) => s.uri.startsWith(COMPOSED)),
                { timeoutMs: 20_000 },
            );
            // The clock's copy: the last of the settings above may come a moment after the quote's.
            await waitFor(
                'the clock is drawn too',
                async () =>
                    differing(before, await screenshot('overlay-clock-quote'), {
                        left: 900,
                        top: 560,
                        width: 360,
                        height: 200,
                    }),
                (n) => n > 3000,
                { timeoutMs: 20_000, intervalMs: 500 },
            );
            const after = await screenshot('overlay-clock-quote');
            // Only the corner changed: the rest of the screen still shows the picture as before.
            expect(await differing(before, after, { left: 0, top: 100, width: 600, height: 400 })).toBe(0);
            expect(
                createHash('sha256')
                    .update(readFileSync(hostPath(picture)))
                    .digest('hex'),
            ).toBe(bytes);
            expect(composed.uri).not.toBe(plain.uri);

            await chameleonSet('overlay-clock', 'false');
            await chameleonSet('overlay-quotes', 'false');
            await waitFor(
                'the picture itself is drawn again',
                desktopState,
                drawn((s) => s.uri === plain.uri),
                { timeoutMs: 20_000 },
            );
        },
    );
});
