import { connect, type Socket } from 'node:net';
import { MAX_LINE_BYTES, type MethodName, type ParamsOf, type ResultOf, type RpcResponse } from '../protocol/messages.js';
import { LineSplitter, TOO_LONG } from '../server/lineSplitter.js';

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

/** Connects to a running backend's control socket, or resolves null when none is listening there. */
export function connectControlSocket(path: string): Promise<Socket | null> {
    return new Promise((resolve) => {
        const socket = connect(path);
        socket.once('connect', () => resolve(socket));
        // ENOENT (no backend), ECONNREFUSED (a stale socket of a backend that died): run on our own.
        socket.once('error', () => resolve(null));
    });
}

/** Sends one request and waits for its answer, skipping the notifications the backend sends meanwhile. */
export function callOverSocket<M extends MethodName>(
    socket: Socket,
    method: M,
    params: ParamsOf<M>,
    onNotification?: (method: string, params: unknown) => void,
): Promise<ResultOf<M>> {
    const id = 1;
    const splitter = new LineSplitter(MAX_LINE_BYTES);
    return new Promise((resolve, reject) => {
        socket.on('data', (chunk: Buffer) => {
            for (const line of splitter.push(chunk)) {
                if (line === TOO_LONG) continue;
                const message = JSON.parse(line) as { id?: unknown; method?: string; params?: unknown };
                if (message.method !== undefined && message.id === undefined) onNotification?.(message.method, message.params);
                if (message.id !== id) continue;
                const response = message as RpcResponse;
                if ('error' in response) reject(new RemoteError(response.error.code, response.error.message));
                else resolve(response.result as ResultOf<M>);
            }
        });
        socket.once('error', reject);
        socket.once('close', () => reject(new Error('the running backend closed the connection before answering')));
        socket.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
}
