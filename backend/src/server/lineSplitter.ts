/** Marks a line that exceeded the byte limit; its content was dropped. */
export const TOO_LONG = Symbol('line too long');

/**
 * Splits a byte stream into UTF-8 lines without ever holding more than `maxBytes` of one line: an oversized
 * line is reported once as TOO_LONG and skipped up to its newline, so a runaway peer cannot exhaust memory.
 */
export class LineSplitter {
    private parts: Buffer[] = [];
    private size = 0;
    private discarding = false;

    constructor(private readonly maxBytes: number) {}

    push(chunk: Buffer): (string | typeof TOO_LONG)[] {
        const lines: (string | typeof TOO_LONG)[] = [];
        let start = 0;
        for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
            const piece = chunk.subarray(start, nl);
            if (this.discarding) {
                this.discarding = false;
            } else if (this.size + piece.length > this.maxBytes) {
                lines.push(TOO_LONG);
            } else {
                this.parts.push(piece);
                lines.push(Buffer.concat(this.parts).toString('utf8').replace(/\r$/, ''));
            }
            this.parts = [];
            this.size = 0;
            start = nl + 1;
        }
        const rest = chunk.subarray(start);
        if (rest.length > 0 && !this.discarding) {
            if (this.size + rest.length > this.maxBytes) {
                lines.push(TOO_LONG);
                this.parts = [];
                this.size = 0;
                this.discarding = true;
            } else {
                // Copy: the caller may reuse the chunk's memory.
                this.parts.push(Buffer.from(rest));
                this.size += rest.length;
            }
        }
        return lines;
    }
}
