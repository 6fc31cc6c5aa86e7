// The JSON-RPC bookkeeping every peer needs: reading a line as a message, and the requests it sent that still wait
// for an answer (their ids, timeouts and promises). Pure: no Node or GJS import, the runtime's timer comes in
// through `Timers`, so the backend, the CLI and the extension (which bundles this module through
// extension/lib/rpcPending.ts) share one implementation.
import type { RpcError } from './rpc.js';

export type RequestId = number | string;

/** One protocol line as a message, or why it is not one. */
export type Message =
    | { kind: 'response'; id: RequestId; result?: unknown; error?: RpcError }
    | { kind: 'request'; id: RequestId; method: string; params: unknown }
    | { kind: 'notification'; method: string; params: unknown }
    /** A JSON object that is none of the above (an answer to nobody, a stray field): peers ignore it. */
    | { kind: 'other'; reason: string }
    /** Not JSON, or not an object: a peer that sends this is not speaking the protocol. */
    | { kind: 'invalid'; reason: string };

/** Reads one line as a JSON-RPC message; never throws, whatever the line holds. */
export function parseMessage(line: string): Message {
    let value: unknown;
    try {
        value = JSON.parse(line);
    } catch {
        return { kind: 'invalid', reason: `a line that is not JSON: ${JSON.stringify(line.slice(0, 80))}` };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return {
            kind: 'invalid',
            reason: `a line that is not a JSON-RPC message: ${JSON.stringify(line.slice(0, 80))}`,
        };
    }
    const m = value as { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
    const id = typeof m.id === 'number' || typeof m.id === 'string' ? m.id : undefined;
    if (typeof m.method === 'string') {
        if (m.id === undefined) return { kind: 'notification', method: m.method, params: m.params };
        if (id !== undefined) return { kind: 'request', id, method: m.method, params: m.params };
    } else if (id !== undefined && ('result' in m || isRpcError(m.error))) {
        return isRpcError(m.error)
            ? { kind: 'response', id, error: m.error }
            : { kind: 'response', id, result: m.result };
    }
    return { kind: 'other', reason: `an unexpected message: ${JSON.stringify(line.slice(0, 80))}` };
}

function isRpcError(error: unknown): error is RpcError {
    return (
        typeof error === 'object' &&
        error !== null &&
        typeof (error as RpcError).code === 'number' &&
        typeof (error as RpcError).message === 'string'
    );
}

/** Starts a one-shot timer and returns what cancels it: setTimeout in Node, a GLib timeout in the Shell. */
export type Timers = (ms: number, fire: () => void) => () => void;

export interface PendingOptions {
    timers: Timers;
    /** The error a request is rejected with when the peer answers with one. */
    remoteError: (error: RpcError, method: string) => Error;
    /** The error a request is rejected with when no answer came in time. */
    timeoutError: (method: string, ms: number) => Error;
}

interface Waiting<T> {
    method: string;
    data: T;
    resolve: (result: unknown) => void;
    reject: (error: Error) => void;
    cancel: () => void;
}

/** Requests sent and not answered yet, each with a time limit; `T` is what the owner keeps beside each. */
export class PendingRequests<T = undefined> {
    readonly #waiting = new Map<RequestId, Waiting<T>>();
    readonly #options: PendingOptions;

    constructor(options: PendingOptions) {
        this.#options = options;
    }

    get size(): number {
        return this.#waiting.size;
    }

    /**
     * Waits for the answer to request `id`: resolves with its result, rejects on its error or after `timeoutMs`
     * (null: no limit, the caller bounds the wait itself).
     */
    add(id: RequestId, method: string, timeoutMs: number | null, data: T, onTimeout?: () => void): Promise<unknown> {
        return new Promise((resolve, reject) => {
            const cancel =
                timeoutMs === null
                    ? () => undefined
                    : this.#options.timers(timeoutMs, () => {
                          this.#waiting.delete(id);
                          reject(this.#options.timeoutError(method, timeoutMs));
                          onTimeout?.();
                      });
            this.#waiting.set(id, { method, data, resolve, reject, cancel });
        });
    }

    /** Settles the request an answer is for; false when none waits for it (it timed out, or it is not ours). */
    settle(answer: { id: RequestId; result?: unknown; error?: RpcError }): boolean {
        const waiting = this.#waiting.get(answer.id);
        if (!waiting) return false;
        this.#waiting.delete(answer.id);
        waiting.cancel();
        if (answer.error) waiting.reject(this.#options.remoteError(answer.error, waiting.method));
        else waiting.resolve(answer.result ?? null);
        return true;
    }

    /** Rejects every waiting request (the peer went away); `error` makes each one's error from its method. */
    failAll(error: (method: string) => Error): void {
        const all = [...this.#waiting.values()];
        this.#waiting.clear();
        for (const waiting of all) {
            waiting.cancel();
            waiting.reject(error(waiting.method));
        }
    }

    /** The requests still waiting, in the order they were added, with what their owner keeps beside them. */
    entries(): [RequestId, T][] {
        return [...this.#waiting].map(([id, waiting]) => [id, waiting.data]);
    }
}
