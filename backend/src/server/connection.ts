import type { Readable, Writable } from 'node:stream';
import { log } from '../log.js';
import {
    ErrorCode,
    MAX_LINE_BYTES,
    type ClientMethodName,
    type ClientMethods,
    type RpcError,
} from '../protocol/messages.js';
import { parseMessage, PendingRequests, type Timers } from '../protocol/pendingRequests.js';
import type { Dispatcher } from './dispatcher.js';
import { LineSplitter, TOO_LONG } from './lineSplitter.js';
import type { Peer } from './peer.js';
import { errorResponse } from './rpcCodec.js';

/** Requests of one peer handled at once; more wait (unread) until one is answered. */
const MAX_IN_FLIGHT = 256;
/** Lines dispatched in one turn of the event loop. */
const LINES_PER_TURN = 4;
/** Answers and notifications a peer may leave unread before a socket client is disconnected. */
const MAX_UNREAD_BYTES = 32 * 1024 * 1024;

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
    // Most lines are the peer's own requests: only one that names our prefix is read twice.
    if (!line.includes(OUR_ID_PREFIX)) return null;
    const message = parseMessage(line);
    return message.kind === 'response' && typeof message.id === 'string' && message.id.startsWith(OUR_ID_PREFIX)
        ? { ...message, id: message.id }
        : null;
}

const nodeTimers: Timers = (ms, fire) => {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
};

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
    /** Our own requests to the peer (the extension applying a change), waiting for its answer. */
    private readonly outgoing = new PendingRequests({
        timers: nodeTimers,
        remoteError: (error) => new Error(error.message),
        timeoutError: (method, ms) => new Error(`the client did not answer ${method} within ${ms / 1000} s`),
    });
    private nextId = 1;
    private open = true;

    constructor(
        input: Readable,
        private readonly output: Writable,
        private readonly dispatcher: Dispatcher,
    ) {
        const splitter = new LineSplitter(MAX_LINE_BYTES);
        this.closed = new Promise((resolve) => {
            const finish = () => {
                if (!this.open) return;
                this.open = false;
                this.outgoing.failAll(() => new Error('the client went away before answering'));
                void Promise.allSettled([...this.pending.keys()]).then(() => resolve());
            };
            this.input = input;
            input.on('data', (chunk: Buffer) => {
                for (const line of splitter.push(chunk)) {
                    // Answers to our own requests are settled at once: the requests waiting in the backlog may be
                    // the very ones waiting for them (a change waits for the extension to set the wallpaper).
                    const answer = line === TOO_LONG ? null : asOurResponse(line);
                    if (answer) this.outgoing.settle(answer);
                    else this.backlog.push(line);
                }
                this.pump();
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
    /**
     * Lines read but not dispatched yet: at most one read's worth, since reading pauses while there are any
     * (except while the peer owes us an answer, for as long as that request's time limit).
     */
    private backlog: (string | typeof TOO_LONG)[] = [];
    /** Answers written faster than the peer reads them: stop reading its requests until it catches up. */
    private blocked = false;

    /**
     * Dispatches waiting lines while the peer keeps up: no more than MAX_IN_FLIGHT requests at once, none while
     * its answers are not drained. Otherwise its input is paused, so the kernel's buffers, not ours, hold what it
     * keeps sending, and a client that pipelines and never reads costs a bounded amount of memory.
     */
    private pump(): void {
        // A few lines per turn of the event loop: the answers of those are written (and show whether the peer
        // keeps up) before more are dispatched.
        for (let n = 0; n < LINES_PER_TURN && this.ready(); n++) this.dispatchLine(this.backlog.shift()!);
        if (!this.reading) return;
        if (this.ready() && !this.pumpScheduled) {
            this.pumpScheduled = true;
            setImmediate(() => {
                this.pumpScheduled = false;
                this.pump();
            });
        }
        // While the peer owes us an answer (the extension setting a wallpaper) we read on regardless: what waits
        // in the backlog may be waiting for that answer. The wait is bounded by the request's own time limit.
        const stalled = this.backlog.length > 0 || this.blocked || this.pending.size >= MAX_IN_FLIGHT;
        if (stalled && this.outgoing.size === 0) this.input?.pause();
        else this.input?.resume();
    }

    private pumpScheduled = false;

    private ready(): boolean {
        return this.backlog.length > 0 && this.reading && !this.blocked && this.pending.size < MAX_IN_FLIGHT;
    }

    private dispatchLine(line: string | typeof TOO_LONG): void {
        if (line === TOO_LONG) {
            this.send(errorResponse(null, ErrorCode.LineTooLong, `line longer than ${MAX_LINE_BYTES} bytes; ignored`));
            return;
        }
        const id = requestId(line);
        const task = this.dispatcher.handleLine(line, this).then((response) => {
            if (!response || this.answered.has(id)) return;
            this.send(response);
        });
        this.pending.set(task, id);
        void task.finally(() => {
            this.pending.delete(task);
            this.pump();
        });
    }

    /** Whether a request of this peer is being handled. */
    get busy(): boolean {
        return this.pending.size > 0;
    }

    /**
     * Shutting down: reads no more, answers every request still being handled or waiting with `error`, and (for a
     * socket
     * client) ends the connection once those answers are written. Resolves when they are.
     */
    finish(error: RpcError, end: boolean): Promise<void> {
        this.reading = false;
        this.input?.pause();
        const unread = this.backlog.flatMap((line) => (line === TOO_LONG ? [] : [requestId(line)]));
        this.backlog = [];
        for (const id of [...this.pending.values(), ...unread]) {
            if (id === null || this.answered.has(id)) continue;
            this.answered.add(id);
            this.send({ jsonrpc: '2.0', id, error });
        }
        if (!end || !this.output.writable) return Promise.resolve();
        return new Promise((resolve) => this.output.end(resolve));
    }

    request<M extends ClientMethodName>(
        method: M,
        params: ClientMethods[M][0],
        timeoutMs: number,
    ): Promise<ClientMethods[M][1]> {
        if (!this.open) return Promise.reject(new Error('the client has gone away'));
        const id = `${OUR_ID_PREFIX}${this.nextId++}`;
        const answer = this.outgoing.add(id, method, timeoutMs, undefined, () => this.pump());
        this.send({ jsonrpc: '2.0', id, method, params });
        if (this.reading) this.input?.resume();
        return answer as Promise<ClientMethods[M][1]>;
    }

    /** Writes one message; after the peer is gone, messages are dropped (nobody is left to read them). */
    send(message: object): void {
        if (!this.output.writable) return;
        if (!this.output.write(`${JSON.stringify(message)}\n`) && !this.blocked) {
            this.blocked = true;
            this.output.once('drain', () => {
                this.blocked = false;
                this.pump();
            });
        }
        // Notifications still go to a peer that stopped reading altogether; past a limit it is let go (a socket
        // client; the extension on stdio is never dropped).
        if (this.output.writableLength > MAX_UNREAD_BYTES && this.output === (this.input as unknown)) {
            log.warn(`a control-socket client left ${this.output.writableLength} bytes unread; disconnecting it`);
            this.output.destroy();
        }
    }
}
