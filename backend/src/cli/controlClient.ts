import { connect, type Socket } from 'node:net';
import {
    MAX_LINE_BYTES,
    PROTOCOL_VERSION,
    type MethodName,
    type ParamsOf,
    type ResultOf,
} from '../protocol/messages.js';
import { parseMessage, PendingRequests } from '../protocol/pendingRequests.js';
import { LineSplitter, TOO_LONG } from '../server/lineSplitter.js';

/** How long a backend may take to answer `initialize`, which it does at once unless it is stuck. */
const DEFAULT_ANSWER_TIMEOUT_MS = 3000;

/** An RPC error from the backend, keeping its stable code. */
export class RemoteError extends Error {
    override name = 'RemoteError';
    constructor(
        readonly code: number,
        message: string,
    ) {
        super(message);
    }
}

/** The backend did not answer as a backend does: silent, garbled, or gone. Nothing was asked of it yet. */
export class UnresponsiveError extends Error {
    override name = 'UnresponsiveError';
}

/** The time the probe waits, overridable for unusual setups (a very slow machine) through the environment. */
export function answerTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
    const value = Number(env.CHAMELEON_SOCKET_TIMEOUT_MS);
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_ANSWER_TIMEOUT_MS;
}

/** Connects to a running backend's control socket, or resolves null when none is listening there. */
export function connectControlSocket(path: string, timeoutMs: number = answerTimeoutMs()): Promise<Socket | null> {
    return new Promise((resolve) => {
        const socket = connect(path);
        const timer = setTimeout(() => {
            socket.destroy();
            resolve(null);
        }, timeoutMs);
        socket.once('connect', () => {
            clearTimeout(timer);
            resolve(socket);
        });
        // ENOENT (no backend), ECONNREFUSED (a stale socket of a backend that died): run on our own.
        socket.once('error', () => {
            clearTimeout(timer);
            resolve(null);
        });
    });
}

/**
 * One protocol conversation with the backend over its control socket. Requests go one at a time; notifications
 * the backend sends meanwhile (index progress) go to `onNotification`.
 */
export class ControlClient {
    private nextId = 1;
    private readonly splitter = new LineSplitter(MAX_LINE_BYTES);
    /** No time limit of its own: `probe` bounds the first answer, and a command may run for long (a rescan). */
    private readonly pending = new PendingRequests({
        timers: (ms, fire) => {
            const timer = setTimeout(fire, ms);
            return () => clearTimeout(timer);
        },
        remoteError: (error) => new RemoteError(error.code, error.message),
        timeoutError: (method, ms) =>
            new UnresponsiveError(`the backend did not answer ${method} within ${(ms / 1000).toFixed(1)} s`),
    });
    private failure: Error | null = null;
    /** Whether the backend answered the probe: from then on a request may have reached its queue. */
    probed = false;

    constructor(
        private readonly socket: Socket,
        private readonly onNotification?: (method: string, params: unknown) => void,
    ) {
        socket.on('data', (chunk: Buffer) => this.receive(chunk));
        socket.on('error', (error) =>
            this.fail(new UnresponsiveError(`the backend's socket failed: ${error.message}`)),
        );
        socket.on('close', () =>
            this.fail(new UnresponsiveError('the backend closed the connection before answering')),
        );
    }

    /**
     * Asks the backend for `initialize` (answered at once, outside the queue) to learn that a backend of our
     * protocol is really there before trusting it with a command. Throws UnresponsiveError when it does not
     * answer within `timeoutMs` or answers with something that is not JSON-RPC, RemoteError when it refuses.
     */
    async probe(timeoutMs: number = answerTimeoutMs()): Promise<void> {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(
                () =>
                    reject(
                        new UnresponsiveError(`the backend did not answer within ${(timeoutMs / 1000).toFixed(1)} s`),
                    ),
                timeoutMs,
            );
        });
        try {
            await Promise.race([
                this.call('initialize', { protocolVersion: PROTOCOL_VERSION, client: 'chameleon-cli' }),
                timeout,
            ]);
            this.probed = true;
        } finally {
            clearTimeout(timer);
        }
    }

    /** Sends one request and waits for its answer. */
    call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
        if (this.failure) return Promise.reject(this.failure);
        const id = this.nextId++;
        const answer = this.pending.add(id, method, null, undefined);
        this.socket.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
        return answer as Promise<ResultOf<M>>;
    }

    close(): void {
        this.socket.destroy();
    }

    private receive(chunk: Buffer): void {
        for (const line of this.splitter.push(chunk)) {
            if (line === TOO_LONG) continue;
            const message = parseMessage(line);
            if (message.kind === 'invalid')
                return this.fail(new UnresponsiveError(`the backend sent ${message.reason}`));
            if (message.kind === 'notification') this.onNotification?.(message.method, message.params);
            else if (message.kind === 'response') this.pending.settle(message);
        }
    }

    private fail(error: Error): void {
        if (this.failure) return;
        this.failure = error;
        this.pending.failAll(() => error);
        this.socket.destroy();
    }
}
