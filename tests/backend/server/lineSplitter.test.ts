import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, TOO_LONG } from '../../../backend/src/server/lineSplitter.js';

describe('LineSplitter', () => {
    it('gives back the same lines however the stream is cut into chunks', () => {
        fc.assert(
            fc.property(
                fc.array(
                    fc.string({ unit: 'grapheme' }).map((s) => s.replace(/[\n\r]/g, '')),
                    { maxLength: 20 },
                ),
                fc.array(fc.nat(50)),
                (lines, cuts) => {
                    const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
                    const splitter = new LineSplitter(1 << 20);
                    const out: (string | typeof TOO_LONG)[] = [];
                    let pos = 0;
                    for (const cut of cuts) {
                        out.push(...splitter.push(bytes.subarray(pos, pos + cut)));
                        pos = Math.min(bytes.length, pos + cut);
                    }
                    out.push(...splitter.push(bytes.subarray(pos)));
                    expect(out).toEqual(lines);
                },
            ),
        );
    });

    it('reports an oversized line once, drops it, and carries on with the next line', () => {
        const splitter = new LineSplitter(10);
        const out = [
            ...splitter.push(Buffer.from('short\n' + 'x'.repeat(8))),
            ...splitter.push(Buffer.from('y'.repeat(100))),
            ...splitter.push(Buffer.from('z'.repeat(100) + '\nafter\n')),
        ];
        expect(out).toEqual(['short', TOO_LONG, 'after']);
    });
});
