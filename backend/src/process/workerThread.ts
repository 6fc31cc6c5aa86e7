// Request/answer over a worker thread, both sides: the main thread's client and the worker's serving loop.
// Errors cross as plain messages: structured clone would drop an Error's subclass and `cause`, and the message
// is what the user sees anyway.
import { parentPort, Worker } from 'node:worker_threads';

interface WorkerRequest<Req> {
    id: number;
    request: Req;
}

type WorkerAnswer<Res> = { id: number; ok: true; result: Res } | { id: number; ok: false; message: string };

/** In a worker: answers every request with `handle`'s result, as requests finish (several may overlap). */
export function serveRequests<Req, Res>(handle: (request: Req) => Promise<Res>): void {
    const port = parentPort;
    if (port === null) throw new Error('this module must be started as a worker thread');
    port.on('message', ({ id, request }: WorkerRequest<Req>) => {
        handle(request).then(
            (result) => port.postMessage({ id, ok: true, result } satisfies WorkerAnswer<Res>),
            (error: unknown) =>
                port.postMessage({
                    id,
                    ok: false,
                    message: error instanceof Error ? error.message : String(error),
                } satisfies WorkerAnswer<Res>),
        );
    });
}

interface Pending<Res> {
    what: string;
    resolve: (result: Res) => void;
    reject: (error: Error) => void;
}

/**
 * One worker thread, started on first use, whose answers are matched to requests by id. A worker that throws or
 * exits fails the requests in flight and is replaced by the next call — lazily, so one that dies at start-up
 * cannot spin in a restart loop. An idle worker never keeps the process alive.
 */
export class WorkerClient<Req, Res> {
    private worker: Worker | undefined;
    private readonly pending = new Map<number, Pending<Res>>();
    private nextId = 1;
    private closed = false;

    /** `name` says what the worker is in messages ("palette worker"). */
    constructor(
        private readonly url: URL,
        private readonly name: string,
    ) {}

    /** `what` says what the request is doing, for messages ("reading /x.jpg"). */
    call(request: Req, what: string): Promise<Res> {
        if (this.closed) return Promise.reject(new Error(`not ${what}: the ${this.name} is closed`));
        const worker = this.ensureWorker();
        const id = this.nextId++;
        return new Promise<Res>((resolve, reject) => {
            this.pending.set(id, { what, resolve, reject });
            // Keep the process alive only while an answer is owed (see onAnswer).
            worker.ref();
            worker.postMessage({ id, request } satisfies WorkerRequest<Req>);
        });
    }

    /** Starts the worker now rather than on the first call, so that call does not wait for it to load. */
    warmUp(): void {
        if (!this.closed) this.ensureWorker();
    }

    /** Stops the worker; requests in flight reject. Safe to call twice. */
    async close(): Promise<void> {
        this.closed = true;
        const worker = this.worker;
        this.worker = undefined;
        this.rejectAll((what) => `stopped ${what}: the ${this.name} was closed`);
        if (worker !== undefined) await worker.terminate();
    }

    private ensureWorker(): Worker {
        if (this.worker !== undefined) return this.worker;
        const worker = new Worker(this.url);
        worker.on('message', (answer: WorkerAnswer<Res>) => this.onAnswer(worker, answer));
        worker.on('error', (error) => this.onDeath(worker, error.message));
        worker.on('exit', (code) => this.onDeath(worker, `it exited with code ${code}`));
        worker.unref();
        this.worker = worker;
        return worker;
    }

    private onAnswer(worker: Worker, answer: WorkerAnswer<Res>): void {
        const pending = this.pending.get(answer.id);
        if (pending === undefined) return;
        this.pending.delete(answer.id);
        if (answer.ok) pending.resolve(answer.result);
        else pending.reject(new Error(answer.message));
        if (this.pending.size === 0 && this.worker === worker) worker.unref();
    }

    private onDeath(worker: Worker, reason: string): void {
        // 'error' is followed by 'exit'; only the first report about the current worker counts.
        if (this.worker !== worker) return;
        this.worker = undefined;
        this.rejectAll((what) => `${this.name} stopped while ${what}: ${reason}`);
    }

    private rejectAll(message: (what: string) => string): void {
        const pending = [...this.pending.values()];
        this.pending.clear();
        for (const p of pending) p.reject(new Error(message(p.what)));
    }
}
