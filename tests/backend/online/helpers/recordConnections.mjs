// Loaded into the backend with NODE_OPTIONS=--import: records every outgoing TCP connection attempt (and every
// fetch) to the file named by CHAMELEON_TEST_NET_LOG, one line each. UNIX sockets (the control socket) are not
// network and are not recorded. The tests assert that the file stays empty in the default configuration, and
// that it does fill up when a source is enabled, so the recorder is known to work.
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const logFile = process.env.CHAMELEON_TEST_NET_LOG;
const record = (line) => {
    if (logFile) appendFileSync(logFile, `${line}\n`);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
    if (!options.path && typeof options.port !== 'undefined')
        record(`tcp ${options.host ?? 'localhost'}:${options.port}`);
    return connect.apply(this, args);
};

const originalFetch = globalThis.fetch;
globalThis.fetch = function (input, init) {
    record(`fetch ${typeof input === 'string' ? input : (input.url ?? String(input))}`);
    return originalFetch.call(this, input, init);
};
