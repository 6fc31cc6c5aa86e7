// The monitors as GNOME Shell knows them, behind the controller's MonitorSource interface.
import type { CleanupStack } from '../lib/cleanup.js';
import type { MonitorSource } from '../lib/desktopFacts.js';
import type { MonitorJson } from '../lib/protocol.js';
import { Main } from './shell.js';

export const shellMonitors: MonitorSource = {
    // Layout coordinates: device pixels, or logical ones when mutter lays monitors out logically (fractional
    // scaling); the controller asks mutter which, and tells the backend with the layout.
    layout(): MonitorJson[] {
        const display = global.display;
        const primary = display.get_primary_monitor();
        const monitors: MonitorJson[] = [];
        for (let index = 0; index < display.get_n_monitors(); index++) {
            const { x, y, width, height } = display.get_monitor_geometry(index);
            monitors.push({
                index,
                x,
                y,
                width,
                height,
                scale: display.get_monitor_scale(index),
                primary: index === primary,
            });
        }
        return monitors;
    },
    watch(cleanup: CleanupStack, onChanged: () => void): void {
        cleanup.connect(Main.layoutManager, 'monitors-changed', onChanged);
    },
};
