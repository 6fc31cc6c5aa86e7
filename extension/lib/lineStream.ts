import { Gio, GLib } from './gi.js';

export interface LineReaderOptions {
    /** Called for each complete line, without its newline, decoded as UTF-8 (bad bytes become U+FFFD). */
    onLine: (line: string) => void;
    /** Called for a line longer than `maxLineBytes`; the line itself is dropped. */
    onOverlong?: (bytes: number) => void;
    /** Called once at end of stream or on a read error other than cancellation. */
    onEnd?: (error: Error | null) => void;
    maxLineBytes: number;
    cancellable: Gio.Cancellable;
}

/**
 * Reads `stream` line by line without blocking the main loop, until end of stream or cancellation.
 * DataInputStream buffers a whole line before handing it over, so `maxLineBytes` limits what we accept,
 * not what GLib buffers; the peer is our own backend, which never writes such lines.
 */
export function readLines(stream: Gio.InputStream, options: LineReaderOptions): void {
    const data = new Gio.DataInputStream({ base_stream: stream, close_base_stream: true });
    const decoder = new TextDecoder('utf-8');
    const next = (): void => {
        data.read_line_async(GLib.PRIORITY_DEFAULT, options.cancellable, (_source, result) => {
            let line: Uint8Array | null;
            try {
                [line] = data.read_line_finish(result);
            } catch (e) {
                if (!(e instanceof GLib.Error && e.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED)))
                    options.onEnd?.(e as Error);
                return;
            }
            if (line === null) {
                options.onEnd?.(null);
                return;
            }
            if (line.length > options.maxLineBytes) options.onOverlong?.(line.length);
            else options.onLine(decoder.decode(line));
            next();
        });
    };
    next();
}

/**
 * Writes whole lines to `stream` in order without blocking the main loop. Pipes accept partial writes, so each
 * line is written until all of its bytes are out; lines never interleave.
 */
export class LineWriter {
    #stream: Gio.OutputStream;
    #cancellable: Gio.Cancellable;
    #encoder = new TextEncoder();
    #chain: Promise<void> = Promise.resolve();

    constructor(stream: Gio.OutputStream, cancellable: Gio.Cancellable) {
        this.#stream = stream;
        this.#cancellable = cancellable;
    }

    /** Queues `line` (a newline is added); the promise settles when it has been written or has failed. */
    write(line: string): Promise<void> {
        const bytes = this.#encoder.encode(`${line}\n`);
        const written = this.#chain.then(() => this.#writeAll(bytes));
        this.#chain = written.catch(() => undefined);
        return written;
    }

    /** Closes the stream after the lines already queued; the peer then reads end of file. */
    close(): Promise<void> {
        const closed = this.#chain.then(
            () =>
                new Promise<void>((resolve, reject) => {
                    this.#stream.close_async(GLib.PRIORITY_DEFAULT, null, (_s, result) => {
                        try {
                            this.#stream.close_finish(result);
                            resolve();
                        } catch (e) {
                            reject(e as Error);
                        }
                    });
                }),
        );
        this.#chain = closed.catch(() => undefined);
        return closed;
    }

    #writeAll(bytes: Uint8Array): Promise<void> {
        return new Promise((resolve, reject) => {
            const writeFrom = (offset: number): void => {
                this.#stream.write_bytes_async(
                    bytes.subarray(offset),
                    GLib.PRIORITY_DEFAULT,
                    this.#cancellable,
                    (_s, result) => {
                        try {
                            const end = offset + this.#stream.write_bytes_finish(result);
                            if (end < bytes.length) writeFrom(end);
                            else resolve();
                        } catch (e) {
                            reject(e as Error);
                        }
                    },
                );
            };
            writeFrom(0);
        });
    }
}
