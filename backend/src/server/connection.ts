import type { Readable, Writable } from 'node:stream';
import { log } from '../log.js';
import { ErrorCode, MAX_LINE_BYTES, type ClientMethodName, type ClientMethods, type RpcError } from '../protocol/messages.js';
import type { Dispatcher } from './dispatcher.js';
import { LineSplitter, TOO_LONG } from './lineSplitter.js';
import type { Peer } from './peer.js';
import { errorResponse } from './rpcCodec.js';

interface Outgoing {
    resolve: (result: unknown) => void;
    reject: (error: Error) => void;
    timer: NodeJS.Timeout;
}

/** Our own request ids carry a prefix, so a peer's answer can never be mistaken for one of its requests. */
const OUR_ID_PREFIX = 'backend:';

/** The id of a request line, if it has one (null for notifications and lines that do not parse). */
function requestId(line: string): number | string | null {
    try {
        const id = (JSON.parse(line) as { id?: unknown }).id;
        return typeof id === 'number' || typeof id === 'string' ? id : null;
    } catch {
        return null;
    }
}

/** The answer to one of our requests, if the line is one. */
function asOurResponse(line: string): { id: string; result?: unknown; error?: RpcError } | null {
    if (!line.includes(OUR_ID_PREFIX)) return null;
    try {
        const message = JSON.parse(line) as { id?: unknown; method?: unknown; result?: unknown; error?: RpcError };
        if (typeof message.id !== 'string' || !message.id.startsWith(OUR_ID_PREFIX) || message.method !== undefined) return null;
        return message as { id: string };
    } catch {
        return null;
    }
}

/**
 * One protocol peer: the extension on stdin/stdout, or a CLI on the control socket. Lines are dispatched as they
 * arrive (a `status` need not wait behind a slow `next`; the pipeline serialises what must be serialised), and
 * `closed` resolves once the peer has hung up and every answer owed to it has been written.
 */
export class Connection implements Peer {
    readonly closed: Promise<void>;
    /** Requests being handled, with their ids, so that a shutdown can still answer each. */
    private readonly pending = new Map<Promise<void>, number | string | null>();
    private readonly answered = new Set<number | string | null>();
    private reading = true;
    private readonly outgoing = new Map<string, Outgoing>();
    private nextId = 1;
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
                for (const [id, request] of this.outgoing) {
                    clearTimeout(request.timer);
                    request.reject(new Error('the client went away before answering'));
                    this.outgoing.delete(id);
                }
                void Promise.allSettled([...this.pending.keys()]).then(() => resolve());
            };
            this.input = input;
            input.on('data', (chunk: Buffer) => {
                for (const line of splitter.push(chunk)) {
                    if (!this.reading) return;
                    if (line === TOO_LONG) {
                        this.send(errorResponse(null, ErrorCode.LineTooLong, `line longer than ${MAX_LINE_BYTES} bytes; ignored`));
                        continue;
                    }
                    const answer = asOurResponse(line);
                    if (answer) {
                        this.settle(answer);
                        continue;
                    }
                    const id = requestId(line);
                    const task = dispatcher.handleLine(line, this).then((response) => {
                        if (!response || this.answered.has(id)) return;
                        this.send(response);
                    });
                    this.pending.set(task, id);
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

    private input: Readable | null = null;

    /** Whether a request of this peer is being handled. */
    get busy(): boolean {
        return this.pending.size > 0;
    }

    /**
     * Shutting down: reads no more, answers every request still being handled with `error`, and (for a socket
     * client) ends the connection once those answers are written. Resolves when they are.
     */
    finish(error: RpcError, end: boolean): Promise<void> {
        this.reading = false;
        this.input?.pause();
        for (const id of this.pending.values()) {
            if (id === null || this.answered.has(id)) continue;
            this.answered.add(id);
            this.send({ jsonrpc: '2.0', id, error });
        }
        if (!end || !this.output.writable) return Promise.resolve();
        return new Promise((resolve) => this.output.end(resolve));
    }

    request<M extends ClientMethodName>(method: M, params: ClientMethods[M][0], timeoutMs: number): Promise<ClientMethods[M][1]> {
        if (!this.open) return Promise.reject(new Error('the client has gone away'));
        const id = `${OUR_ID_PREFIX}${this.nextId++}`;
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.outgoing.delete(id);
                reject(new Error(`the client did not answer ${method} within ${timeoutMs / 1000} s`));
            }, timeoutMs);
            this.outgoing.set(id, { resolve: resolve as (result: unknown) => void, reject, timer });
            this.send({ jsonrpc: '2.0', id, method, params });
        });
    }

    private settle(answer: { id: string; result?: unknown; error?: RpcError }): void {
        const request = this.outgoing.get(answer.id);
        if (!request) return;
        this.outgoing.delete(answer.id);
        clearTimeout(request.timer);
        if (answer.error) request.reject(new Error(answer.error.message));
        else request.resolve(answer.result);
    }

    /** Writes one message; after the peer is gone, messages are dropped (nobody is left to read them). */
    send(message: object): void {
        if (this.output.writable) this.output.write(`${JSON.stringify(message)}\n`);
    }
}
