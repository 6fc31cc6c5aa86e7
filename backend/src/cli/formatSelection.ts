// Text output of the Smart Selection commands (`--json` prints the protocol results as they are).
import type { ExplainJson, ImageStateJson, PauseStateJson, StatsJson, TrashResultJson } from '../protocol/messages.js';
import { formatWallpaper } from './format.js';

const percent = (p: number) => (p >= 0.001 ? `${(p * 100).toFixed(2)} %` : p > 0 ? `${p.toExponential(2)}` : '0');

export function formatImageState(state: ImageStateJson): string {
    const lines = [
        `${state.path}`,
        `  favourite ${state.favourite ? 'yes' : 'no'}${state.copiedTo ? ` (copied to ${state.copiedTo})` : ''}`,
        `  banned    ${state.banned ? 'yes' : 'no'}`,
    ];
    if (state.next) lines.push('Now showing:', formatWallpaper(state.next));
    return lines.join('\n');
}

export function formatTrash(result: TrashResultJson): string {
    const lines = [`Moved ${result.path} to the trash (${result.trashedTo}).`];
    if (result.next) lines.push('Now showing:', formatWallpaper(result.next));
    return lines.join('\n');
}

export function formatPause(state: PauseStateJson): string {
    return state.paused
        ? 'Paused: the timer will not change the wallpaper until you resume.'
        : 'Resumed: the timer changes the wallpaper again.';
}

export function formatExplain(e: ExplainJson): string {
    const lines = [e.path, `  folder       ${e.folder || '(not configured)'}`];
    if (e.excludedBy) lines.push(`  excluded     ${e.excludedBy}`);
    for (const f of e.factors) lines.push(`  ${f.name.padEnd(15)} ×${String(f.value).padEnd(8)} ${f.detail}`);
    lines.push(`  weight       ${e.weight.toPrecision(4)}  (${e.tier})`);
    lines.push(`  chance now   ${percent(e.probability)} of the next pick`);
    if (e.lastPick) {
        lines.push(
            `  last picked  ${e.lastPick.pickedAt.replace('T', ' ').slice(0, 19)} with a chance of ` +
                `${percent(e.lastPick.probability)} among ${e.lastPick.candidates} images`,
        );
    } else {
        lines.push('  last picked  never by Smart Selection');
    }
    if (e.features) {
        const f = e.features;
        lines.push(
            `  colour       lightness ${f.lightness.toFixed(2)}, temperature ` +
                `${f.temperature.toFixed(2)}, saturation ${f.saturation.toFixed(2)}, hue ` +
                `${f.hue.toFixed(0)}° (chroma ${f.chroma.toFixed(3)})`,
        );
    } else {
        lines.push('  colour       not analysed yet');
    }
    return lines.join('\n');
}

export function formatStats(s: StatsJson): string {
    const row = (entries: Record<string, number>) =>
        Object.entries(entries)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ') || 'none';
    const lines = [
        `images       ${s.images} (${s.eligible} can be picked, ${s.favourites} favourites, ` +
            `${s.banned} banned, ${s.skipped} unusable)`,
        `filtered     ${row(s.filtered)}`,
        `analysed     ${s.analysed}`,
        `lightness    ${row(s.lightness)}`,
        `hue          ${row(s.hue)}`,
        `freshness    ${row(s.freshness)}`,
        'folders:',
    ];
    for (const source of s.sources) {
        lines.push(
            `  ${source.folder}: ${source.images} images, ${source.eligible} eligible, ` +
                `${source.favourites} favourites, weight ${source.weight}, ${percent(source.share)} of picks`,
        );
    }
    if (s.broken.length > 0) lines.push('broken (not shown):', ...s.broken.map((b) => `  ${b.path}: ${b.reason}`));
    return lines.join('\n');
}
