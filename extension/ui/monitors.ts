// The monitors as GNOME Shell's layout manager knows them, behind the controller's MonitorSource interface.
import type { CleanupStack } from '../lib/cleanup.js';
import { largestMonitor } from '../lib/desktopFacts.js';
import type { MonitorSize, MonitorSource } from '../lib/desktopFacts.js';
import { Main } from './shell.js';

export const shellMonitors: MonitorSource = {
    // Layout sizes: physical pixels, or logical ones when the user scales the display (then the backend's
    // "too small" filter is lenient rather than strict, which is the better way to be wrong).
    largest: (): MonitorSize | null => largestMonitor(Main.layoutManager.monitors),
    watch(cleanup: CleanupStack, onChanged: () => void): void {
        cleanup.connect(Main.layoutManager, 'monitors-changed', onChanged);
    },
};
