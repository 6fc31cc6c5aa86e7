// The BUILT backend client against a packaged backend that cannot run on this Node (exit 78 with a reason on
// stderr): the client stops, keeps the reason for the menu, and starts no second process.
// Run by tests/build/nodeAbi.test.ts.
import { BackendClient } from '../../dist/extension/lib/backendClient.js';
import { check, env, ok, run, waitFor } from './harness.js';

run(async () => {
    const states = [];
    const client = new BackendClient({
        argv: [env('NODE'), env('CHAMELEON_CLI'), 'serve', '--stdio'],
        onState: (state, error) => states.push([state, error]),
        backoffMs: { initial: 50, max: 100, resetAfter: 60_000 },
        log: () => {},
    });
    client.start();
    await waitFor(() => client.state === 'stopped', 30_000, 'the client to stop');
    const [, reason] = states[states.length - 1];
    check(typeof reason === 'string', `stopped without a reason: ${JSON.stringify(states)}`);
    ok('stopped-with-reason', reason);
    // No restart is scheduled: the only process ever started is the first one, and the client stays stopped.
    const starts = states.filter(([state]) => state === 'starting').length;
    check(starts === 1 && !states.some(([state]) => state === 'restarting'), `states: ${JSON.stringify(states)}`);
    check(client.pid === null, `a backend is running: ${client.pid}`);
    ok('not-restarted');
});
