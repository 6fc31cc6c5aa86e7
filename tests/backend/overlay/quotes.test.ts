// Quotes as fortune(6) files hold them, from Debian's fortunes-min (tests/fixtures/quotes/SOURCE.md).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseQuotes, quotesFrom } from '../../../backend/src/overlay/quotes.js';
import { makeTempDir, removeTempDir } from '../../helpers/images.js';

const LITERATURE = resolve(import.meta.dirname, '../../fixtures/quotes/literature');

let dir: string;
beforeEach(async () => {
    dir = await makeTempDir('chameleon-quotes-');
});
afterEach(() => removeTempDir(dir));

describe('quotes from a fortune file', () => {
    it("reads the quotes of Debian's literature file with their authors, the file's line breaks undone", async () => {
        const quotes = await quotesFrom(LITERATURE);
        // 20 quotes; the two versions of "A Tale of Two Cities LITE(tm)" (400+ characters) do not fit a corner.
        expect(quotes).toHaveLength(18);
        expect(quotes.some((q) => q.text.startsWith('A Tale of Two Cities'))).toBe(false);
        expect(quotes[0]).toEqual({
            text:
                'A banker is a fellow who lends you his umbrella when the sun is shining and wants it ' +
                'back the minute it begins to rain.',
            author: 'Mark Twain',
        });
        expect(quotes[1]?.author).toBe('Mark Twain, "The Disappearance of Literature"');
        expect(quotes.every((q) => q.text.length > 0 && !q.text.includes('\n') && !q.text.includes('%'))).toBe(true);
    });

    it('reads a file without % lines as one quote per paragraph, and names a missing or empty file', async () => {
        expect(parseQuotes('First thought,\nwrapped.\n\nSecond.\n  -- Someone\n')).toEqual([
            { text: 'First thought, wrapped.' },
            { text: 'Second.', author: 'Someone' },
        ]);
        await expect(quotesFrom(join(dir, 'none'))).rejects.toThrow(`quotes file not found: ${join(dir, 'none')}`);
        writeFileSync(join(dir, 'empty'), '%\n%\n');
        await expect(quotesFrom(join(dir, 'empty'))).rejects.toThrow(/holds no quote/);
    });
});
