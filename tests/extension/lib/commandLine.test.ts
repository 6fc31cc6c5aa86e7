// The post-change command line helpers, built, under real gjs (tests/gjs/commandLine.js).
import { describe, expect, it } from 'vitest';
import { builtExtension, runGjs } from '../../helpers/gjs.js';

describe('command lines under gjs', () => {
    it('splits typed lines with GLib, reports bad quoting, and formats argv lists back', async () => {
        expect(builtExtension(), 'run `npm run build` first').toBe(true);
        const result = await runGjs('commandLine.js', { PATH: process.env.PATH });
        expect(result.code, result.stdout + result.stderr).toBe(0);
        for (const step of ['parses-without-a-shell', 'bad-quoting-is-an-error', 'formats-round-trip'])
            expect(result.passed.has(step), `${step}\n${result.stdout}${result.stderr}`).toBe(true);
    });
});
