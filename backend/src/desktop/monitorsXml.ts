// The monitor layout GNOME keeps in ~/.config/monitors.xml (mutter's meta-monitor-config-store.c writes it: one
// <configuration> per set of monitors the user has arranged, each with its <logicalmonitor>s — position, scale,
// the <monitor>'s connector and <mode> width and height, a <transform> rotation — and the <disabled> monitors).
// The lone CLI has no Shell to ask for the monitor size its too-small filter and fill modes use; this file is
// GNOME's own record of it. Mutter picks the configuration that matches the monitors plugged in; without the
// Shell the best guess is the configuration whose connectors are those the kernel reports connected, and among
// several (or with no way to tell) the one with the smallest largest monitor, so the filter never leaves out a
// picture the real screen would have taken.
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Size {
    width: number;
    height: number;
}

export interface MonitorsConfiguration {
    /** Each enabled monitor's size in layout coordinates (what the Shell reports), rotation applied. */
    monitors: Size[];
    /** Every connector the configuration names, enabled or disabled. */
    connectors: string[];
}

function elements(text: string, tag: string): string[] {
    return [...text.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}

function number(text: string, tag: string): number | null {
    const value = Number(elements(text, tag)[0]?.trim());
    return Number.isFinite(value) && value > 0 ? value : null;
}

/** The configurations of a monitors.xml (version 2, as GNOME 3.26 and later write it). */
export function parseMonitorsXml(text: string): MonitorsConfiguration[] {
    return elements(text, 'configuration').map((configuration) => {
        const logical = elements(configuration, 'layoutmode')[0]?.trim() === 'logical';
        const monitors = elements(configuration, 'logicalmonitor').flatMap((lm) => {
            const mode = elements(lm, 'mode')[0] ?? '';
            const [width, height] = [number(mode, 'width'), number(mode, 'height')];
            if (width === null || height === null) return [];
            const rotation = elements(elements(lm, 'transform')[0] ?? '', 'rotation')[0]?.trim();
            const turned = rotation === 'left' || rotation === 'right';
            // In the logical layout mode the Shell's coordinates are device pixels divided by the scale.
            const scale = logical ? (number(lm, 'scale') ?? 1) : 1;
            const size = { width: Math.round(width / scale), height: Math.round(height / scale) };
            return [turned ? { width: size.height, height: size.width } : size];
        });
        const connectors = elements(configuration, 'connector').map((c) => c.trim());
        return { monitors, connectors };
    });
}

/** Connectors the kernel reports connected (`/sys/class/drm/cardN-NAME/status`), or null when it cannot say. */
export function connectedConnectors(drmDir = '/sys/class/drm'): string[] | null {
    try {
        return readdirSync(drmDir).flatMap((entry) => {
            const match = /^card\d+-(.+)$/.exec(entry);
            if (!match) return [];
            try {
                return readFileSync(join(drmDir, entry, 'status'), 'utf8').trim() === 'connected' ? [match[1]!] : [];
            } catch {
                return [];
            }
        });
    } catch {
        return null;
    }
}

function largest(monitors: readonly Size[]): Size | null {
    return monitors.reduce<Size | null>(
        (best, m) => (!best || m.width * m.height > best.width * best.height ? m : best),
        null,
    );
}

/** The largest monitor of the configuration in use, as the extension would report it (see the top of the file). */
export function largestMonitorOf(
    configurations: readonly MonitorsConfiguration[],
    connected: readonly string[] | null,
): Size | null {
    const usable = configurations.filter((c) => c.monitors.length > 0);
    const plugged = connected && new Set(connected);
    const matching = plugged
        ? usable.filter((c) => c.connectors.length === plugged.size && c.connectors.every((name) => plugged.has(name)))
        : [];
    const candidates = (matching.length > 0 ? matching : usable).map((c) => largest(c.monitors)!);
    return candidates.reduce<Size | null>(
        (best, m) => (!best || m.width * m.height < best.width * best.height ? m : best),
        null,
    );
}

/** The largest monitor by the user's monitors.xml, or null without one. */
export function monitorFromMonitorsXml(env: NodeJS.ProcessEnv = process.env, drmDir?: string): Size | null {
    const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
    let text: string;
    try {
        text = readFileSync(join(configHome, 'monitors.xml'), 'utf8');
    } catch {
        return null;
    }
    return largestMonitorOf(parseMonitorsXml(text), connectedConnectors(drmDir));
}
