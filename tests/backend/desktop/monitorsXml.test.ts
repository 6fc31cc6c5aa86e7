// GNOME's monitors.xml (mutter's own test files, tests/fixtures/monitors/SOURCE.md) read as the lone CLI reads it:
// scale and rotation as the Shell reports sizes, and the configuration whose connectors are plugged in.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectedConnectors, largestMonitorOf, parseMonitorsXml } from '../../../backend/src/desktop/monitorsXml.js';
import { ROOT } from '../../helpers/sandbox.js';

const fixture = (name: string) => readFileSync(join(ROOT, 'tests/fixtures/monitors', name), 'utf8');
const dirs: string[] = [];
afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A directory laid out as the kernel's /sys/class/drm: cardN-CONNECTOR/status. */
function drm(connectors: Record<string, 'connected' | 'disconnected'>): string {
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-drm-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'card0'));
    for (const [name, status] of Object.entries(connectors)) {
        mkdirSync(join(dir, `card0-${name}`));
        writeFileSync(join(dir, `card0-${name}`, 'status'), `${status}\n`);
    }
    return dir;
}

describe("GNOME's monitors.xml", () => {
    it('gives a scaled monitor in the layout coordinates the Shell reports (logical layout mode)', () => {
        const configurations = parseMonitorsXml(fixture('scale.xml'));
        expect(configurations).toEqual([{ monitors: [{ width: 960, height: 540 }], connectors: ['DP-1'] }]);
        expect(largestMonitorOf(configurations, null)).toEqual({ width: 960, height: 540 });
    });

    it('takes the configuration of the monitors plugged in, with their rotation', () => {
        const configurations = parseMonitorsXml(fixture('lid-switch.xml'));
        expect(configurations.map((c) => c.connectors)).toEqual([['eDP-1', 'DP-1'], ['DP-1'], ['eDP-1']]);
        const both = connectedConnectors(
            drm({ 'eDP-1': 'connected', 'DP-1': 'connected', 'HDMI-A-1': 'disconnected' }),
        );
        expect(both?.sort()).toEqual(['DP-1', 'eDP-1']);
        // Both on: the panel (1024 × 768) and the external one turned right (768 × 1024) have as many pixels; the
        // first listed counts as the largest.
        expect(largestMonitorOf(configurations, both)).toEqual({ width: 1024, height: 768 });
        // The external monitor alone, turned left.
        expect(
            largestMonitorOf(
                configurations,
                connectedConnectors(drm({ 'eDP-1': 'disconnected', 'DP-1': 'connected' })),
            ),
        ).toEqual({ width: 768, height: 1024 });
    });

    it('says nothing without a file or monitors, and knows nothing of connectors without the kernel', () => {
        expect(largestMonitorOf(parseMonitorsXml('<monitors version="2"></monitors>'), null)).toBeNull();
        expect(connectedConnectors(join(tmpdir(), 'no-such-drm-dir'))).toBeNull();
    });
});
