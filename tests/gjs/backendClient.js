// Scenarios for the BUILT backend client (dist/extension/lib/backendClient.js) against the REAL backend.
// Run by tests/extension/lib/backendClient.test.ts; by hand:
//   CHAMELEON_CLI=dist/backend/cli.js CHAMELEON_DATA=/tmp/d CHAMELEON_FOLDER=/tmp/pics gjs -m
// tests/gjs/backendClient.js
import { BackendClient, BackendError } from '../../dist/extension/lib/backendClient.js';
import { check, env, kill, mainLoopDrained, ok, processExists, run, waitFor, within } from './harness.js';

const argv = ['node', env('CHAMELEON_CLI'), 'serve', '--stdio', '--data-dir', env('CHAMELEON_DATA')];
const folder = env('CHAMELEON_FOLDER');

run(async () => {
    // A backend that cannot be started: the client says why and keeps trying, and stop() ends that.
    {
        const states = [];
        const client = new BackendClient({
            argv: ['/nonexistent/chameleon', 'serve', '--stdio'],
            onState: (state, error) => states.push([state, error, Date.now()]),
            backoffMs: { initial: 100, max: 400, resetAfter: 60_000 },
            log: () => {},
        });
        client.start();
        await waitFor(() => states.filter(([s]) => s === 'starting').length >= 4, 5000, 'four start attempts');
        const [, error] = states.find(([s]) => s === 'restarting');
        check(/could not start the backend/.test(error), `unexpected error: ${error}`);
        // Attempts come after 100, 200, then 400 ms (doubling, capped).
        const starts = states.filter(([s]) => s === 'starting').map(([, , t]) => t);
        const gaps = starts.slice(1).map((t, i) => t - starts[i]);
        check(gaps[0] >= 95 && gaps[1] >= 195 && gaps[2] >= 395, `backoff gaps ${gaps}`);
        await client.stop();
        check(client.state === 'stopped' && client.pid === null, 'a client that never started a backend stops cleanly');
        ok('missing-backend', `${JSON.stringify(error)} gaps=${gaps}`);
    }

    const states = [];
    const notifications = [];
    const client = new BackendClient({
        argv,
        config: () => ({ folders: [folder] }),
        onState: (state, error) => states.push(error ? `${state}: ${error}` : state),
        onNotification: (n) => notifications.push(n),
        backoffMs: { initial: 300, max: 2000, resetAfter: 60_000 },
        requestTimeoutMs: 20_000,
        log: (line) => printerr(`[client] ${line}`),
    });

    // Requests made before the handshake wait for it.
    client.start();
    check(states[0] === 'starting', `first state ${states[0]}`);
    const status = await within(client.request('status'), 20_000, 'status before ready');
    check(client.state === 'ready', `state after first answer: ${client.state}`);
    check(status.protocolVersion === 2 && Array.isArray(status.folders), `odd status: ${JSON.stringify(status)}`);
    check(status.folders.includes(folder), `initialize did not pass the folders: ${JSON.stringify(status.folders)}`);
    const pid = client.pid;
    check(Number.isInteger(pid) && processExists(pid), `no backend process: ${pid}`);
    ok('initialize+status', `pid=${pid} images=${status.images}`);

    // wallpaper.next answers with a WallpaperJson and its palette, and a wallpaper.changed notification follows.
    const wallpaper = await within(client.request('wallpaper.next', {}), 20_000, 'wallpaper.next');
    check(
        typeof wallpaper.name === 'string' && wallpaper.path.startsWith(folder),
        `odd wallpaper: ${JSON.stringify(wallpaper)}`,
    );
    check(wallpaper.uri.startsWith('file://'), `uri ${wallpaper.uri}`);
    const palette = wallpaper.palette;
    check(
        palette && palette.colors.length === 16 && palette.colors.every((c) => /^#[0-9a-f]{6}$/.test(c)),
        `palette ${JSON.stringify(palette)}`,
    );
    check(
        /^#[0-9a-f]{6}$/.test(palette.accent) && typeof palette.accentName === 'string',
        `accent ${palette.accent} ${palette.accentName}`,
    );
    ok('wallpaper.next', `${wallpaper.name} accent=${palette.accent}/${palette.accentName}`);

    await waitFor(
        () => notifications.some((n) => n.method === 'wallpaper.changed'),
        5000,
        'a wallpaper.changed notification',
    );
    const changed = notifications.find((n) => n.method === 'wallpaper.changed');
    check(
        changed.params.wallpaper.path === wallpaper.path,
        `notified ${changed.params.wallpaper.path}, answered ${wallpaper.path}`,
    );
    ok('notification', `reason=${changed.params.reason}`);

    // A request from the backend that the client cannot carry out is answered with an error: offering
    // to be the desktop and refusing it makes the backend's next fail with SetFailed, and nothing is recorded.
    {
        const asked = [];
        const refusing = new BackendClient({
            argv,
            config: () => ({ folders: [folder] }),
            capabilities: { desktop: true },
            onRequest: (request) => {
                asked.push(request);
                throw Object.assign(new Error('picture-uri is locked'), { code: -32004 });
            },
            requestTimeoutMs: 20_000,
            log: () => {},
        });
        refusing.start();
        const current = (await within(refusing.request('status'), 20_000, 'status')).current;
        try {
            await within(refusing.request('wallpaper.next', {}), 20_000, 'next that the client refuses');
            throw new Error('next succeeded although the client refused to set the wallpaper');
        } catch (e) {
            check(
                e instanceof BackendError && e.code === -32004 && /picture-uri is locked/.test(e.message),
                `refused set gave: ${e.message} (${e.code})`,
            );
        }
        check(
            asked.length === 1 &&
                asked[0].method === 'desktop.apply' &&
                asked[0].params.wallpaper.uri.startsWith('file://'),
            `requests: ${JSON.stringify(asked)}`,
        );
        const after = (await within(refusing.request('status'), 20_000, 'status')).current;
        check(after?.path === current?.path, `recorded ${after?.path} although it was never set`);
        await refusing.stop();
        ok('set-refused', JSON.stringify(asked[0].params));
    }

    // A JSON-RPC error comes back as a BackendError with the protocol's code.
    try {
        await client.request('no.such.method', {});
        throw new Error('an unknown method was answered');
    } catch (e) {
        check(e instanceof BackendError && e.code === -32601, `unknown method gave ${e}`);
    }
    ok('rpc-error');

    // A request the backend does not answer in time fails on its own (the backend is frozen with SIGSTOP).
    kill(pid, 'STOP');
    try {
        await client.request('status', {}, 300);
        throw new Error('a frozen backend answered');
    } catch (e) {
        check(/did not answer within/.test(e.message), `timeout gave: ${e.message}`);
    } finally {
        kill(pid, 'CONT');
    }
    ok('request-timeout');

    // SIGKILL with a request in flight: the request fails with the reason, the client restarts the backend.
    kill(pid, 'STOP'); // so that the request is surely still unanswered when the kill lands
    const inFlight = client.request('wallpaper.next', {});
    await mainLoopDrained(); // the request's line is written to the pipe
    kill(pid, 'KILL');
    try {
        await within(inFlight, 5000, 'the in-flight request');
        throw new Error('the in-flight request succeeded although the backend was killed');
    } catch (e) {
        check(/backend exited \(signal 9\); restarting/.test(e.message), `in-flight request failed with: ${e.message}`);
        ok('in-flight-rejected', JSON.stringify(e.message));
    }
    check(
        states.some((s) => s.startsWith('restarting: backend exited (signal 9)')),
        `states: ${states.join(' | ')}`,
    );
    ok('state-restarting');
    await waitFor(
        () => client.state === 'ready' && client.pid !== null && client.pid !== pid,
        10_000,
        'a restarted backend',
    );
    check(!processExists(pid), `the killed backend ${pid} is still there`);
    const again = await within(client.request('wallpaper.next', {}), 20_000, 'wallpaper.next after restart');
    check(again.palette?.colors.length === 16, 'no palette after restart');
    ok('restarted', `pid=${client.pid} next=${again.name}`);

    // A clean stop leaves no process behind, and later requests fail at once.
    const lastPid = client.pid;
    const t0 = Date.now();
    await within(client.stop(), 5000, 'stop()');
    check(client.state === 'stopped' && client.pid === null, `after stop: ${client.state} ${client.pid}`);
    check(!processExists(lastPid), `backend ${lastPid} still exists after stop()`);
    ok('stopped', `in ${Date.now() - t0} ms`);
    try {
        await client.request('status');
        throw new Error('a stopped client sent a request');
    } catch (e) {
        check(e instanceof BackendError && /not running/.test(e.message), `request after stop: ${e.message}`);
    }
    ok('request-after-stop');

    // A backend that does not exit when its stdin closes (frozen here) is killed after the grace period.
    {
        const stuck = new BackendClient({
            argv,
            config: () => ({ folders: [folder] }),
            stopGraceMs: 300,
            log: () => {},
        });
        stuck.start();
        await within(stuck.request('status'), 20_000, 'status');
        const stuckPid = stuck.pid;
        kill(stuckPid, 'STOP');
        await within(stuck.stop(), 3000, 'stop() of a frozen backend');
        check(!processExists(stuckPid), `frozen backend ${stuckPid} survived stop()`);
        ok('stop-kills-stuck-backend');
    }
});
