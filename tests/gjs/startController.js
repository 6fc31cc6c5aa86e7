// The BUILT controller started as the extension starts it, with a recording view, once its backend is ready.
import { CleanupStack } from '../../dist/extension/lib/cleanup.js';
import { Controller } from '../../dist/extension/lib/controller.js';
import { RecordingView, waitFor } from './harness.js';

/** Starts a controller on `settings` (more Controller options beside `view`) and waits for its backend. */
export async function startController(settings, { view = new RecordingView(), ...options } = {}) {
    const cleanup = new CleanupStack();
    const controller = new Controller({ settings, view, log: (line) => printerr(`[controller] ${line}`), ...options });
    controller.start(cleanup);
    await waitFor(() => view.status === null && controller.backendPid !== null, 20_000, 'the backend to be ready');
    return { view, cleanup, controller };
}
