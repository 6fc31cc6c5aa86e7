// The monitor layout as GNOME draws a spanned wallpaper, and the canvas a composed wallpaper must have to match it.
//
// How GNOME maps a spanned picture (mutter, src/compositor/meta-background.c: get_texture_area() and
// meta_background_get_texture(), GNOME 45–48 and main): with picture-options 'spanned' the picture is stretched,
// without keeping its aspect ratio, over the whole screen — `meta_display_get_size()`, the union of the logical
// monitors in *layout coordinates* (mutter's native backend takes the largest right and bottom edge; monitor
// configs must start at 0,0, see "Logical monitors positions are offset" in meta-monitor-config-utils.c). Each
// monitor then samples the texture rectangle [x/W, (x+w)/W] × [y/H, (y+h)/H], where (x, y, w, h) is its geometry
// from `meta_display_get_monitor_geometry()`. The monitor's scale multiplies both the monitor area and the
// screen size there, so it cancels out: the mapping depends on layout coordinates only.
//
// So a canvas of the layout's bounding box times any uniform factor k is shown exactly: monitor i sees the
// canvas rectangle (x·k, y·k, w·k, h·k). We choose k so that the finest monitor gets one canvas pixel per
// physical pixel: in the 'logical' layout mode (mutter's default from GNOME 49 on, or with the experimental
// 'scale-monitor-framebuffer' before) layout coordinates are logical pixels and k is the largest scale; in the
// 'physical' mode (GNOME ≤ 48's default, and X11) they are physical pixels already and k is 1. A wrong guess of
// the mode changes only the resolution, never which part of the canvas a monitor shows. Parts of the bounding
// box no monitor covers (an L-shaped layout) are never on screen.
import type { MonitorJson, MonitorsConfigJson } from '../protocol/messages.js';

/** One monitor as the Shell reports it (the protocol's MonitorJson): geometry in layout coordinates. */
export type LayoutMonitor = MonitorJson;

export type LayoutMode = NonNullable<MonitorsConfigJson['layoutMode']>;

export interface Rect {
    left: number;
    top: number;
    width: number;
    height: number;
}

export interface MonitorRegion {
    index: number;
    primary: boolean;
    name: string;
    /** Where the monitor's picture goes in the canvas, in canvas pixels. */
    rect: Rect;
    /** The monitor's own resolution in device pixels. */
    physical: { width: number; height: number };
}

export interface CanvasLayout {
    width: number;
    height: number;
    /** Canvas pixels per layout unit (k above). */
    pixelsPerUnit: number;
    /** Sorted by monitor index. */
    regions: MonitorRegion[];
}

/** Largest texture side GNOME can be relied on to load (GL_MAX_TEXTURE_SIZE of common GPUs and llvmpipe). */
export const MAX_CANVAS_SIDE = 16384;

/** Monitors worth laying out: finite, positive sizes, one per index (the first wins). */
export function usableMonitors(monitors: readonly LayoutMonitor[]): LayoutMonitor[] {
    const seen = new Set<number>();
    const usable: LayoutMonitor[] = [];
    for (const m of monitors) {
        const finite = [m.x, m.y, m.width, m.height].every(Number.isFinite);
        if (!finite || m.width <= 0 || m.height <= 0 || seen.has(m.index)) continue;
        seen.add(m.index);
        usable.push(m);
    }
    return usable.sort((a, b) => a.index - b.index);
}

function scaleOf(monitor: LayoutMonitor): number {
    return monitor.scale !== undefined && Number.isFinite(monitor.scale) && monitor.scale > 0 ? monitor.scale : 1;
}

/** Device pixels of one monitor. */
export function physicalSize(monitor: LayoutMonitor, mode: LayoutMode): { width: number; height: number } {
    const k = mode === 'logical' ? scaleOf(monitor) : 1;
    return { width: Math.round(monitor.width * k), height: Math.round(monitor.height * k) };
}

/**
 * The canvas for `monitors`: the bounding box (normalised so that its top-left is 0,0, which also makes negative
 * coordinates harmless) at the resolution of the finest monitor, capped at `maxSide`. Region edges are rounded
 * from the layout edges, so monitors that touch in the layout touch in the canvas, without gap or overlap.
 */
export function canvasLayout(
    monitors: readonly LayoutMonitor[],
    mode: LayoutMode = 'physical',
    maxSide = MAX_CANVAS_SIDE,
): CanvasLayout {
    const list = usableMonitors(monitors);
    if (list.length === 0) throw new Error('the monitor layout has no usable monitor');
    const minX = Math.min(...list.map((m) => m.x));
    const minY = Math.min(...list.map((m) => m.y));
    const unitsWide = Math.max(...list.map((m) => m.x + m.width)) - minX;
    const unitsHigh = Math.max(...list.map((m) => m.y + m.height)) - minY;
    let k = mode === 'logical' ? Math.max(...list.map(scaleOf)) : 1;
    k = Math.min(k, maxSide / unitsWide, maxSide / unitsHigh);
    const edge = (units: number) => Math.round(units * k);
    const hasPrimary = list.some((m) => m.primary);
    const regions = list.map((m, i): MonitorRegion => {
        const left = edge(m.x - minX);
        const top = edge(m.y - minY);
        return {
            index: m.index,
            primary: hasPrimary ? m.primary === true : i === 0,
            name: m.name ?? `monitor ${m.index}`,
            rect: { left, top, width: edge(m.x - minX + m.width) - left, height: edge(m.y - minY + m.height) - top },
            physical: physicalSize(m, mode),
        };
    });
    return { width: edge(unitsWide), height: edge(unitsHigh), pixelsPerUnit: k, regions };
}

/** The region whose picture gives the palette: the primary monitor's, or the one with the most device pixels. */
export function paletteRegion(layout: CanvasLayout, from: 'primary' | 'largest'): MonitorRegion {
    if (from === 'primary') return layout.regions.find((r) => r.primary) ?? layout.regions[0]!;
    return layout.regions.reduce((best, r) =>
        r.physical.width * r.physical.height > best.physical.width * best.physical.height ? r : best,
    );
}
