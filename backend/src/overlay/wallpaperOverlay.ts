// The clock and quote overlay's settings and state: what to draw now (the time, the date, the quote chosen for the
// picture on screen) and the minute ticker that asks for a redraw while the clock is on — and only then, since
// each redraw composes the wallpaper anew (`npm run bench`: "overlay redraw").
import { log } from '../log.js';
import type { MonitorsConfigJson } from '../protocol/messages.js';
import type { OverlayText } from './overlaySvg.js';
import { quotesFrom, type Quote } from './quotes.js';

/** Where Debian's fortunes packages put their default collection. */
export const DEFAULT_QUOTES_FILE = '/usr/share/games/fortunes/fortunes';
/** Redraws land just after the minute turns, so the clock never shows the minute before. */
const AFTER_MINUTE_MS = 200;

type Settings = Required<
    Pick<
        MonitorsConfigJson,
        'overlayClock' | 'overlayDate' | 'overlayClockFormat' | 'overlayQuotes' | 'overlayQuotesFile' | 'overlayCorner'
    >
>;

export class WallpaperOverlay {
    private settings: Settings = {
        overlayClock: false,
        overlayDate: true,
        overlayClockFormat: '24h',
        overlayQuotes: false,
        overlayQuotesFile: '',
        overlayCorner: 'bottom-right',
    };
    private quote: Quote | undefined;
    private timer: NodeJS.Timeout | null = null;

    constructor(
        private readonly now: () => number = Date.now,
        private readonly random: () => number = Math.random,
    ) {}

    configure(json: MonitorsConfigJson): void {
        const s = this.settings;
        this.settings = {
            overlayClock: json.overlayClock ?? s.overlayClock,
            overlayDate: json.overlayDate ?? s.overlayDate,
            overlayClockFormat: json.overlayClockFormat ?? s.overlayClockFormat,
            overlayQuotes: json.overlayQuotes ?? s.overlayQuotes,
            overlayQuotesFile: json.overlayQuotesFile ?? s.overlayQuotesFile,
            overlayCorner: json.overlayCorner ?? s.overlayCorner,
        };
        if (!this.settings.overlayQuotes) this.quote = undefined;
    }

    /** Changes whenever what is drawn would (not with the time): a redraw is due. */
    get signature(): string {
        return JSON.stringify(this.settings);
    }

    /** Something is drawn: the wallpaper must be composed even with one picture for every monitor. */
    get on(): boolean {
        return this.settings.overlayClock || this.settings.overlayQuotes;
    }

    get clock(): boolean {
        return this.settings.overlayClock;
    }

    /**
     * What to draw now; `newPicture` chooses a new quote (a redraw of the clock keeps the one on screen). Null when
     * nothing is on. A quotes file that cannot be read costs the quote, with a warning, not the wallpaper.
     */
    async text(newPicture: boolean): Promise<OverlayText | null> {
        if (!this.on) return null;
        const { overlayClock, overlayDate, overlayClockFormat, overlayQuotes, overlayCorner } = this.settings;
        const at = new Date(this.now());
        const text: OverlayText = { corner: overlayCorner };
        if (overlayClock) {
            const hourCycle = overlayClockFormat === '12h' ? 'h12' : 'h23';
            text.time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', hourCycle }).format(
                at,
            );
            if (overlayDate)
                text.date = new Intl.DateTimeFormat(undefined, {
                    weekday: 'long',
                    day: 'numeric',
                    month: 'long',
                }).format(at);
        }
        if (overlayQuotes) {
            if (newPicture || !this.quote) this.quote = await this.pickQuote();
            if (this.quote) text.quote = this.quote;
        }
        return text;
    }

    /** Calls `redraw` just after each turn of the minute while `wanted`; stops otherwise. */
    tick(wanted: boolean, redraw: () => void): void {
        if (!wanted) {
            this.stop();
            return;
        }
        if (this.timer) return;
        const arm = () => {
            const now = this.now();
            this.timer = setTimeout(
                () => {
                    this.timer = null;
                    arm();
                    redraw();
                },
                60_000 - (now % 60_000) + AFTER_MINUTE_MS,
            ).unref();
        };
        arm();
    }

    stop(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
    }

    private async pickQuote(): Promise<Quote | undefined> {
        const file = this.settings.overlayQuotesFile || DEFAULT_QUOTES_FILE;
        try {
            const quotes = await quotesFrom(file);
            return quotes[Math.floor(this.random() * quotes.length)];
        } catch (error) {
            log.warn(`no quote on the wallpaper: ${(error as Error).message}`);
            return undefined;
        }
    }
}
