// The extension's side of the backend: spawns `chameleon serve --stdio`, speaks JSON-RPC over its pipes, and
// keeps it alive. Depends on Gio/GLib only, so it runs under plain `gjs` in tests.
import { Gio, GLib } from './gi.js';
import { ErrorCode, EXIT_CANNOT_RUN, MAX_LINE_BYTES, PROTOCOL_VERSION } from './protocol.js';
import type {
    ClientCapabilities,
    ClientMethods,
    ConfigUpdateJson,
    MethodName,
    Notifications,
    ParamsOf,
    ResultOf,
} from './protocol.js';
import { LineWriter, readLines } from './lineStream.js';
import { parseMessage, PendingRequests } from './rpcPending.js';
import type { RequestId, Timers } from './rpcPending.js';
import { Timeout } from './timer.js';

export type BackendState = 'starting' | 'ready' | 'restarting' | 'stopped';

/** How the state error begins when the backend program could not be started at all (usually: not installed). */
export const SPAWN_FAILED = 'could not start the backend';

/** A notification as delivered to the callback: `method` narrows `params`. */
export type BackendNotification = {
    [N in keyof Notifications]: { method: N; params: Notifications[N] };
}[keyof Notifications];

/** The backend's answer to `initialize`: what is on screen, whether changes are paused. */
export type InitializeResult = ResultOf<'initialize'>;

/** A request the backend sends us (JSON-RPC both ways): `method` narrows `params`. */
export type BackendRequest = {
    [M in keyof ClientMethods]: { method: M; params: ClientMethods[M][0] };
}[keyof ClientMethods];

/** A failed request: a JSON-RPC error from the backend (`code` set), or the backend went away or did not answer. */
export class BackendError extends Error {
    readonly code: number | null;
    readonly data: unknown;

    constructor(message: string, code: number | null = null, data?: unknown) {
        super(message);
        this.name = 'BackendError';
        this.code = code;
        this.data = data;
    }
}

export interface BackendClientOptions {
    /** The command that starts the backend in stdio mode; a function is asked again at every (re)start. */
    argv: string[] | (() => string[]);
    /** Read at every (re)start, so a restarted backend gets the current settings in `initialize`. */
    config?: () => ConfigUpdateJson;
    onNotification?: (notification: BackendNotification) => void;
    /** What we offer to do for the backend, announced in `initialize`; each needs `onRequest` to do it. */
    capabilities?: ClientCapabilities;
    /**
     * Answers a request from the backend: its return value (or what its promise resolves to) is the result; a
     * throw is the error, with the thrown error's numeric `code` when it has one. Without it every request is
     * answered MethodNotFound.
     */
    onRequest?: (request: BackendRequest) => unknown;
    /** Told the answer to `initialize` of every (re)started backend, just before it is `ready`. */
    onInitialized?: (result: InitializeResult) => void;
    /** `error` says why the backend is restarting or stopped; it is absent on a clean stop and when ready. */
    onState?: (state: BackendState, error?: string) => void;
    /** Where the backend's stderr and our own diagnostics go; defaults to `console.debug`. */
    log?: (message: string) => void;
    requestTimeoutMs?: number;
    /**
     * Restart delay: starts at `initial`, doubles per crash up to `max`, back to `initial` after `resetAfter` of
     * uptime.
     */
    backoffMs?: { initial: number; max: number; resetAfter: number };
    /** How long `stop()` waits for the backend to exit on its own after stdin closes, before killing it. */
    stopGraceMs?: number;
}

/** A request beside its line, which waits unsent until the backend has answered `initialize`. */
interface Outgoing {
    line: string;
    sent: boolean;
}

/** GLib timeouts for the shared pending-request bookkeeping, each owned by a Timeout that removes it. */
const glibTimers: Timers = (ms, fire) => {
    const timeout = new Timeout();
    timeout.schedule(ms, fire);
    return () => timeout.cancel();
};

const DEFAULT_BACKOFF = { initial: 1000, max: 30_000, resetAfter: 60_000 };

export class BackendClient {
    readonly #argv: () => string[];
    readonly #options: BackendClientOptions;
    readonly #log: (message: string) => void;
    readonly #backoff: { initial: number; max: number; resetAfter: number };

    #started = false;
    #state: BackendState = 'stopped';
    #proc: Gio.Subprocess | null = null;
    #writer: LineWriter | null = null;
    #cancellable: Gio.Cancellable | null = null;
    #ready = false;
    #spawnedAt = 0;
    /** The last line the running backend wrote on stderr: why it exited, when it exits on its own. */
    #lastStderr = '';
    #nextDelayMs: number;
    #nextId = 1;
    #pending = new PendingRequests<Outgoing>({
        timers: glibTimers,
        remoteError: (error) => new BackendError(error.message, error.code, error.data),
        timeoutError: (method, ms) =>
            new BackendError(`${method}: the backend did not answer within ${Math.round(ms / 1000)} s`),
    });
    #restartTimer = new Timeout();
    #killTimer = new Timeout();
    #exitWaiters: (() => void)[] = [];
    /** `start()` came while a stopped process was still exiting: spawn the new one when the old one is gone. */
    #respawnOnExit = false;

    constructor(options: BackendClientOptions) {
        const argv = options.argv;
        this.#argv = typeof argv === 'function' ? argv : () => [...argv];
        this.#options = options;
        this.#log = options.log ?? ((message) => console.debug(`Chameleon: ${message}`));
        this.#backoff = options.backoffMs ?? DEFAULT_BACKOFF;
        this.#nextDelayMs = this.#backoff.initial;
    }

    get state(): BackendState {
        return this.#state;
    }

    /** The running backend's process id, or null while none runs. */
    get pid(): number | null {
        const id = this.#proc?.get_identifier();
        return id ? Number(id) : null;
    }

    /** Spawns the backend and keeps it running until `stop()`. Nothing is created before this is called. */
    start(): void {
        if (this.#started) return;
        this.#started = true;
        this.#nextDelayMs = this.#backoff.initial;
        if (this.#proc) this.#respawnOnExit = true;
        else this.#spawn();
    }

    /**
     * Sends a request. Before the `initialize` handshake has finished, requests wait (their timeout runs).
     * Rejects with a BackendError on a JSON-RPC error, a timeout, or when the backend exits first.
     */
    request<M extends MethodName>(method: M, params?: ParamsOf<M>, timeoutMs?: number): Promise<ResultOf<M>> {
        return this.#call(method, params, timeoutMs, false) as Promise<ResultOf<M>>;
    }

    /**
     * Stops the backend: fails what is pending, closes its stdin (it exits at end of input), and kills it if
     * it is still there after the grace period. Resolves once the process has exited.
     */
    stop(): Promise<void> {
        this.#started = false;
        this.#respawnOnExit = false;
        this.#restartTimer.cancel();
        this.#failAll('the backend was stopped');
        const proc = this.#proc;
        if (!proc) {
            this.#setState('stopped');
            return Promise.resolve();
        }
        const exited = new Promise<void>((resolve) => this.#exitWaiters.push(resolve));
        const writer = this.#writer;
        this.#writer = null;
        writer?.close().catch((e: Error) => this.#log(`closing the backend's stdin: ${e.message}`));
        this.#killTimer.schedule(this.#options.stopGraceMs ?? 2000, () => {
            this.#log('the backend did not exit after its stdin closed; killing it');
            proc.force_exit();
        });
        return exited;
    }

    /** Stops the running backend and starts a new one (e.g. after the command changed); pending requests fail. */
    restart(): void {
        void this.stop();
        this.start();
    }

    #spawn(): void {
        this.#setState('starting');
        const argv = this.#argv();
        let proc: Gio.Subprocess;
        try {
            proc = Gio.Subprocess.new(
                argv,
                Gio.SubprocessFlags.STDIN_PIPE | Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_PIPE,
            );
        } catch (e) {
            // Typically "No such file or directory": the backend is not installed (yet). Keep trying, slowly.
            this.#scheduleRestart(`${SPAWN_FAILED} (${argv.join(' ')}): ${(e as Error).message}`);
            return;
        }
        const cancellable = new Gio.Cancellable();
        this.#proc = proc;
        this.#cancellable = cancellable;
        this.#writer = new LineWriter(proc.get_stdin_pipe()!, cancellable);
        this.#spawnedAt = GLib.get_monotonic_time();
        this.#lastStderr = '';

        readLines(proc.get_stdout_pipe()!, {
            cancellable,
            maxLineBytes: MAX_LINE_BYTES,
            onLine: (line) => this.#onLine(line),
            onOverlong: (bytes) => this.#log(`dropped a ${bytes}-byte line from the backend (limit ${MAX_LINE_BYTES})`),
            onEnd: (error) => error && this.#log(`reading the backend's output: ${error.message}`),
        });
        let stderrEnded: () => void = () => {};
        const stderrDone = new Promise<void>((resolve) => (stderrEnded = resolve));
        readLines(proc.get_stderr_pipe()!, {
            cancellable,
            maxLineBytes: MAX_LINE_BYTES,
            onLine: (line) => {
                if (proc === this.#proc) this.#lastStderr = line;
                this.#log(`backend: ${line}`);
            },
            onEnd: () => stderrEnded(),
        });
        // Not cancellable: every process we start is waited for, so its exit is always seen and reaped.
        proc.wait_async(null, (_p, result) => {
            proc.wait_finish(result);
            // A backend that cannot run says why on stderr just before it exits: read to the end first.
            if (cannotRun(proc)) void stderrDone.then(() => this.#onExit(proc));
            else this.#onExit(proc);
        });

        this.#call(
            'initialize',
            {
                protocolVersion: PROTOCOL_VERSION,
                client: 'chameleon-gnome-shell',
                config: this.#options.config?.() ?? {},
                ...(this.#options.capabilities ? { capabilities: this.#options.capabilities } : {}),
            },
            undefined,
            true,
        ).then(
            (result) => {
                if (proc !== this.#proc) return;
                this.#options.onInitialized?.(result as InitializeResult);
                this.#ready = true;
                this.#setState('ready');
                for (const [id, outgoing] of this.#pending.entries()) if (!outgoing.sent) this.#send(id, outgoing);
            },
            (error: BackendError) => {
                if (proc !== this.#proc) return;
                if (error.code === ErrorCode.VersionMismatch) {
                    // Restarting the same program cannot help; the user has to update one side.
                    this.#started = false;
                    this.#restartTimer.cancel();
                    this.#setState(
                        'stopped',
                        `The backend speaks another protocol version: ${error.message}. Install the backend ` +
                            `that matches this extension.`,
                    );
                } else {
                    this.#log(`initialize failed: ${error.message}`);
                }
                proc.force_exit();
            },
        );
    }

    #call(method: string, params: unknown, timeoutMs: number | undefined, beforeReady: boolean): Promise<unknown> {
        if (!this.#started) return Promise.reject(new BackendError(`${method}: the backend is not running`));
        const id = this.#nextId++;
        const message: Record<string, unknown> = { jsonrpc: '2.0', id, method };
        if (params !== undefined) message.params = params;
        const outgoing: Outgoing = { line: JSON.stringify(message), sent: false };
        const answer = this.#pending.add(id, method, timeoutMs ?? this.#options.requestTimeoutMs ?? 60_000, outgoing);
        if (this.#ready || beforeReady) this.#send(id, outgoing);
        return answer;
    }

    #send(id: RequestId, outgoing: Outgoing): void {
        outgoing.sent = true;
        // A failed write means the backend is gone; its exit rejects the request with the reason.
        this.#writer?.write(outgoing.line).catch((e: Error) => this.#log(`writing request ${id}: ${e.message}`));
    }

    #onLine(line: string): void {
        const message = parseMessage(line);
        switch (message.kind) {
            case 'response':
                // False for an answer to a request that already timed out: nothing waits for it.
                this.#pending.settle(message);
                return;
            case 'notification':
                this.#options.onNotification?.({
                    method: message.method,
                    params: message.params,
                } as BackendNotification);
                return;
            case 'request':
                void this.#answer(message.id, { method: message.method, params: message.params } as BackendRequest);
                return;
            default:
                this.#log(`ignored ${message.reason}`);
        }
    }

    /**
     * Runs the handler for a request from the backend and writes its answer to the process that asked: an answer
     * for a backend that has since exited has nobody to read it.
     */
    async #answer(id: string | number, request: BackendRequest): Promise<void> {
        const writer = this.#writer;
        let response: object;
        try {
            if (!this.#options.onRequest)
                throw Object.assign(new Error(`unknown method ${request.method}`), { code: ErrorCode.MethodNotFound });
            const result = await this.#options.onRequest(request);
            response = { jsonrpc: '2.0', id, result: result ?? null };
        } catch (e) {
            const error = e as Error & { code?: unknown };
            const code = typeof error.code === 'number' ? error.code : ErrorCode.InternalError;
            this.#log(`${request.method} from the backend failed: ${error.message}`);
            response = { jsonrpc: '2.0', id, error: { code, message: error.message } };
        }
        if (writer !== this.#writer || !writer) return;
        writer
            .write(JSON.stringify(response))
            .catch((e: Error) => this.#log(`answering ${request.method}: ${e.message}`));
    }

    #onExit(proc: Gio.Subprocess): void {
        if (proc !== this.#proc) return;
        const how = proc.get_if_signaled() ? `signal ${proc.get_term_sig()}` : `status ${proc.get_exit_status()}`;
        const uptimeMs = (GLib.get_monotonic_time() - this.#spawnedAt) / 1000;
        this.#cancellable?.cancel();
        this.#proc = null;
        this.#writer = null;
        this.#cancellable = null;
        this.#ready = false;
        this.#killTimer.cancel();
        for (const resolve of this.#exitWaiters.splice(0)) resolve();

        if (this.#respawnOnExit) {
            this.#respawnOnExit = false;
            if (this.#started) {
                this.#spawn();
                return;
            }
        }
        if (!this.#started) {
            this.#failAll(`the backend exited (${how})`);
            if (this.#state !== 'stopped') this.#setState('stopped');
            return;
        }
        if (cannotRun(proc)) {
            // This installation cannot run (e.g. its database module was built for another Node): starting it
            // again gives the same answer, so say why and stay stopped until the user fixes it.
            this.#started = false;
            const why = this.#lastStderr.replace(/^chameleon( \w+)?: /, '');
            this.#failAll(`the backend cannot run: ${why}`);
            this.#setState('stopped', `The backend cannot run: ${why}`);
            return;
        }
        if (uptimeMs >= this.#backoff.resetAfter) this.#nextDelayMs = this.#backoff.initial;
        this.#scheduleRestart(`backend exited (${how})`);
    }

    #scheduleRestart(reason: string): void {
        const delay = this.#nextDelayMs;
        this.#nextDelayMs = Math.min(delay * 2, this.#backoff.max);
        const message = `${reason}; restarting`;
        this.#failAll(message);
        this.#log(`${message} in ${delay / 1000} s`);
        this.#setState('restarting', message);
        this.#restartTimer.schedule(delay, () => this.#spawn());
    }

    #failAll(message: string): void {
        this.#pending.failAll((method) => new BackendError(`${method}: ${message}`));
    }

    #setState(state: BackendState, error?: string): void {
        this.#state = state;
        this.#options.onState?.(state, error);
    }
}

/** Whether the backend exited saying this installation cannot run (see EXIT_CANNOT_RUN). */
function cannotRun(proc: Gio.Subprocess): boolean {
    return !proc.get_if_signaled() && proc.get_exit_status() === EXIT_CANNOT_RUN;
}
