// Quotes for the wallpaper overlay, from a local file in fortune(6)'s format — quotes separated by lines holding
// `%`, an optional closing `-- Author` line — which is what Debian's fortunes packages and most quote collections
// ship. A file without any `%` line is read as one quote per paragraph. Pure apart from reading the file.
import { readFile, stat } from 'node:fs/promises';

export interface Quote {
    text: string;
    author?: string;
}

/** A quotes file far larger than any collection is not read whole. */
const MAX_QUOTES_BYTES = 8 * 1024 * 1024;
/** Longer quotes do not fit a corner of the screen; they are passed over. */
export const MAX_QUOTE_CHARS = 300;

/** Parses fortune-format text into quotes, leaving out the empty and the too long. */
export function parseQuotes(text: string): Quote[] {
    const normalised = text.replace(/\r\n?/g, '\n');
    const chunks = /^%\s*$/m.test(normalised) ? normalised.split(/^%[ \t]*$/m) : normalised.split(/\n\s*\n/);
    const quotes: Quote[] = [];
    for (const chunk of chunks) {
        const lines = chunk.split('\n').map((line) => line.trimEnd());
        while (lines.length > 0 && lines.at(-1) === '') lines.pop();
        while (lines.length > 0 && lines[0] === '') lines.shift();
        if (lines.length === 0) continue;
        const last = /^\s*(?:--|—|―)\s*(.+)$/.exec(lines.at(-1)!);
        if (last) lines.pop();
        // Line breaks inside a quote are the file's wrapping, not the author's: the overlay wraps anew.
        const body = lines
            .map((line) => line.trim())
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim();
        if (!body || body.length > MAX_QUOTE_CHARS) continue;
        quotes.push(last ? { text: body, author: last[1]!.trim() } : { text: body });
    }
    return quotes;
}

let cached: { path: string; size: number; mtimeMs: number; quotes: Quote[] } | null = null;

/** The quotes of the file at `path`, read again only when it changed. Rejects with a reason a user can act on. */
export async function quotesFrom(path: string): Promise<Quote[]> {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
        throw new Error(
            error.code === 'ENOENT'
                ? `quotes file not found: ${path}`
                : `cannot read quotes file ${path}: ${error.message}`,
        );
    });
    if (!info.isFile()) throw new Error(`quotes file is not a file: ${path}`);
    if (info.size > MAX_QUOTES_BYTES)
        throw new Error(`quotes file ${path} is larger than ${MAX_QUOTES_BYTES / 1024 / 1024} MB`);
    if (cached?.path === path && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.quotes;
    const quotes = parseQuotes(await readFile(path, 'utf8'));
    if (quotes.length === 0)
        throw new Error(`quotes file ${path} holds no quote (fortune format: quotes separated by lines of %)`);
    cached = { path, size: info.size, mtimeMs: info.mtimeMs, quotes };
    return quotes;
}
