import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';

/**
 * Listens on the user-only control socket through which `chameleon` commands reach the running backend, so that
 * there is one writer and one queue however a change is asked for. The folder is 0700 and the socket 0600:
 * other users cannot connect. A socket left by a backend that died is replaced.
 */
export async function listenControlSocket(path: string, onConnection: (socket: Socket) => void): Promise<Server> {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    chmodSync(dirname(path), 0o700);
    rmSync(path, { force: true });
    const server = createServer(onConnection);
    // The socket file takes the umask's permissions at creation; restrict them before it exists.
    const previous = process.umask(0o077);
    try {
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(path, () => {
                server.off('error', reject);
                resolve();
            });
        });
    } finally {
        process.umask(previous);
    }
    chmodSync(path, 0o600);
    return server;
}
