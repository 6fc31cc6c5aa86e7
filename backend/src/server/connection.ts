import type { Readable, Writable } from 'node:stream';
import { log } from '../log.js';
import { ErrorCode, MAX_LINE_BYTES } from '../protocol/messages.js';
import type { Dispatcher } from './dispatcher.js';
import { LineSplitter, TOO_LONG } from './lineSplitter.js';
import { errorResponse } from './rpcCodec.js';

/**
 * One protocol peer: the extension on stdin/stdout, or a CLI on the control socket. Lines are dispatched as they
 * arrive (a `status` need not wait behind a slow `next`; the pipeline serialises what must be serialised), and
 * `closed` resolves once the peer has hung up and every answer owed to it has been written.
 */
export class Connection {
    readonly closed: Promise<void>;
    private readonly pending = new Set<Promise<void>>();
    private open = true;

    constructor(
        input: Readable,
        private readonly output: Writable,
        dispatcher: Dispatcher,
    ) {
        const splitter = new LineSplitter(MAX_LINE_BYTES);
        this.closed = new Promise((resolve) => {
            const finish = () => {
                if (!this.open) return;
                this.open = false;
                void Promise.allSettled([...this.pending]).then(() => resolve());
            };
            input.on('data', (chunk: Buffer) => {
                for (const line of splitter.push(chunk)) {
                    if (line === TOO_LONG) {
                        this.send(errorResponse(null, ErrorCode.LineTooLong, `line longer than ${MAX_LINE_BYTES} bytes; ignored`));
                        continue;
                    }
                    const task = dispatcher.handleLine(line).then((response) => {
                        if (response) this.send(response);
                    });
                    this.pending.add(task);
                    void task.finally(() => this.pending.delete(task));
                }
            });
            input.on('end', finish);
            input.on('close', finish);
            input.on('error', (error) => {
                log.debug(`connection input: ${error.message}`);
                finish();
            });
            output.on('error', (error) => log.debug(`connection output: ${error.message}`));
        });
    }

    /** Writes one message; after the peer is gone, messages are dropped (nobody is left to read them). */
    send(message: object): void {
        if (this.output.writable) this.output.write(`${JSON.stringify(message)}\n`);
    }
}
