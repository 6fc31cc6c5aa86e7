// The line reader and writer between the extension and its backend (extension/lib/lineStream.ts), built, under
// real gjs: one test per behaviour (tests/gjs/lineStream.js).
import { afterAll } from 'vitest';
import { makeSandbox } from '../../helpers/sandbox.js';
import { gjsCases } from '../../helpers/gjs.js';

const sandbox = makeSandbox();
afterAll(() => sandbox.cleanup());

gjsCases(
    'line streams',
    'lineStream.js',
    {
        'lines-in-order': 'reads lines in order',
        'last-line-without-newline': 'reads a last line that has no newline',
        'end-reported-once-without-error': 'reports the end of the stream once, without an error',
        'overlong-line-dropped-and-reported': 'drops a line over the limit and reports its size',
        'bad-utf8-replaced': 'replaces bytes that are not UTF-8',
        'cancelled-reading-ends-quietly': 'stops reading quietly when cancelled',
        'writer-lines-whole-and-in-order': 'writes lines whole and in order',
        'long-line-read-from-a-pipe': 'reads a line longer than a pipe holds whole',
        'close-gives-the-reader-end-of-file': 'closes after the queued lines, so the reader sees end of file',
        'write-after-close-fails': 'fails a write after close',
    },
    () => sandbox.env,
);
