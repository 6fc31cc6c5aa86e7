import { execa, type ResultPromise } from 'execa';
import { createInterface } from 'node:readline';
import type { MethodName, ParamsOf, ResultOf, RpcError } from '../../backend/src/protocol/messages.js';
import { CLI, type Sandbox } from './sandbox.js';

interface Message {
    id?: number | string | null;
    method?: string;
    params?: unknown;
    result?: unknown;
    error?: RpcError;
}

/** The real backend (`chameleon serve --stdio`) driven through its real stdio protocol, as the extension does. */
export class BackendProcess {
    private nextId = 1;
    private readonly waiting = new Map<number | string | null, (message: Message) => void>();
    readonly received: Message[] = [];
    private readonly listeners: ((message: Message) => void)[] = [];
    /** Answers the backend's own requests (e.g. desktop.apply), as the extension does. */
    onRequest: ((method: string, params: unknown) => unknown) | null = null;
    stderr = '';

    private constructor(readonly child: ResultPromise) {
        const lines = createInterface({ input: child.stdout! });
        lines.on('line', (line) => {
            const message = JSON.parse(line) as Message;
            this.received.push(message);
            if (message.method !== undefined && message.id !== undefined) {
                void this.answer(message);
                return;
            }
            if (message.id !== undefined && this.waiting.has(message.id)) {
                this.waiting.get(message.id)!(message);
                this.waiting.delete(message.id);
            }
            for (const listener of this.listeners) listener(message);
        });
        child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    }

    static start(sandbox: Sandbox, args: readonly string[] = []): BackendProcess {
        const child = execa(process.execPath, [CLI, 'serve', '--stdio', ...args], {
            env: sandbox.env,
            extendEnv: false,
            reject: false,
            stdin: 'pipe',
            buffer: false,
        });
        return new BackendProcess(child);
    }

    private async answer(message: Message): Promise<void> {
        let reply: object;
        try {
            if (!this.onRequest) throw new Error(`no handler for ${message.method}`);
            reply = { jsonrpc: '2.0', id: message.id, result: await this.onRequest(message.method!, message.params) };
        } catch (error) {
            reply = { jsonrpc: '2.0', id: message.id, error: { code: -32000, message: (error as Error).message } };
        }
        this.child.stdin!.write(`${JSON.stringify(reply)}\n`);
    }

    /** Sends a request; resolves with the whole response (result or error). */
    send(method: string, params?: unknown): Promise<Message> {
        const id = this.nextId++;
        return this.sendRaw(JSON.stringify({ jsonrpc: '2.0', id, method, params }), id);
    }

    sendRaw(line: string, id: number | string | null = null): Promise<Message> {
        const answer = new Promise<Message>((resolve) => this.waiting.set(id, resolve));
        this.child.stdin!.write(`${line}\n`);
        return answer;
    }

    /** Sends a request and resolves with its result, rejecting with the protocol error's message. */
    async call<M extends MethodName>(method: M, params?: ParamsOf<M>): Promise<ResultOf<M>> {
        const response = await this.send(method, params);
        if (response.error) throw Object.assign(new Error(response.error.message), { code: response.error.code });
        return response.result as ResultOf<M>;
    }

    /** Resolves with the params of the next notification called `method`. */
    notification(method: string): Promise<unknown> {
        return new Promise((resolve) => {
            const listener = (message: Message) => {
                if (message.method === method && message.id === undefined) {
                    this.listeners.splice(this.listeners.indexOf(listener), 1);
                    resolve(message.params);
                }
            };
            this.listeners.push(listener);
        });
    }

    /** Resolves once the backend's stderr (its log) has a line matching `pattern`. */
    logLine(pattern: RegExp): Promise<string> {
        return new Promise((resolve) => {
            const look = () => {
                const line = this.stderr.split('\n').find((text) => pattern.test(text));
                if (line === undefined) return false;
                this.child.stderr!.off('data', look);
                resolve(line);
                return true;
            };
            if (!look()) this.child.stderr!.on('data', look);
        });
    }

    /** Closes stdin, as the extension does in disable(), and waits for the backend to exit. */
    async stop(): Promise<number | undefined> {
        this.child.stdin!.end();
        const result = await this.child;
        return result.exitCode;
    }
}
