// GNOME's XML backgrounds: slideshows and day-night backgrounds (`<background>` with `<starttime>`, `<static>` and
// `<transition>`), as gnome-desktop's slide show reads them. GNOME animates such a file itself when picture-uri
// names it; Chameleon only needs to know which picture it shows at a given moment, for the palette. Pure: no I/O.
import { dirname, isAbsolute, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface SizedFile {
    path: string;
    /** The size the file is made for, when the XML names one (`<size width= height=>`). */
    width?: number;
    height?: number;
}

export type Slide =
    | { kind: 'static'; seconds: number; files: SizedFile[] }
    | { kind: 'transition'; seconds: number; from: SizedFile[]; to: SizedFile[] };

export interface GnomeBackground {
    /** When the first slide starts, in local time as GNOME reads it (ms since the epoch). */
    startMs: number;
    slides: Slide[];
}

/** GNOME's XML backgrounds are always named so; nothing else in a wallpaper folder ends in .xml and is a picture. */
export function isGnomeBackgroundName(path: string): boolean {
    return path.toLowerCase().endsWith('.xml');
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    trimValues: true,
});

function children(node: Node, name: string): Node[] {
    return (node[name] as Node[] | undefined) ?? [];
}

function nameOf(node: Node): string | undefined {
    return Object.keys(node).find((key) => key !== ':@');
}

function text(nodes: Node[]): string {
    return nodes
        .map((n) => String(n['#text'] ?? ''))
        .join('')
        .trim();
}

function childText(node: Node[], name: string): string | undefined {
    const found = node.find((n) => nameOf(n) === name);
    return found ? text(children(found, name)) : undefined;
}

/** `<file>` holds a path, or `<size width height>` alternatives of the same picture for several screens. */
function files(nodes: Node[], base: string): SizedFile[] {
    const at = (path: string) => (isAbsolute(path) ? path : resolve(base, path));
    const sized = nodes.filter((n) => nameOf(n) === 'size');
    if (sized.length === 0) {
        const path = text(nodes);
        return path ? [{ path: at(path) }] : [];
    }
    return sized.map((n) => ({
        path: at(text(children(n, 'size'))),
        width: Number(n[':@']?.width),
        height: Number(n[':@']?.height),
    }));
}

function seconds(nodes: Node[], where: string): number {
    const value = Number(childText(nodes, 'duration'));
    if (!(value > 0)) throw new Error(`${where} has no valid <duration>`);
    return value;
}

/**
 * Parses a GNOME background XML file's text; `path` is where it lives (relative picture names are relative to
 * it). Throws with a reason for anything that is not one (another kind of XML, no slides, a slide without a picture).
 */
export function parseGnomeBackground(xml: string, path: string): GnomeBackground {
    let tree: Node[];
    try {
        tree = parser.parse(xml) as Node[];
    } catch (error) {
        throw new Error(`not valid XML (${(error as Error).message.split('\n')[0]})`);
    }
    const root = tree.find((n) => nameOf(n) !== '?xml' && nameOf(n) !== '#comment');
    const rootName = root ? nameOf(root) : undefined;
    if (!root || rootName !== 'background') {
        const what =
            rootName === 'wallpapers' ? 'a list of wallpapers for GNOME Settings' : `<${rootName ?? 'nothing'}>`;
        throw new Error(`not a GNOME background (${what}, not <background>)`);
    }
    const base = dirname(path);
    const body = children(root, 'background');
    const slides: Slide[] = [];
    for (const node of body) {
        const name = nameOf(node);
        const inner = name ? children(node, name) : [];
        if (name === 'static') {
            const file = inner.find((n) => nameOf(n) === 'file');
            const found = file ? files(children(file, 'file'), base) : [];
            if (found.length === 0) throw new Error('a <static> slide names no picture');
            slides.push({ kind: 'static', seconds: seconds(inner, '<static>'), files: found });
        } else if (name === 'transition') {
            const from = inner.find((n) => nameOf(n) === 'from');
            const to = inner.find((n) => nameOf(n) === 'to');
            if (!from || !to) throw new Error('a <transition> lacks <from> or <to>');
            slides.push({
                kind: 'transition',
                seconds: seconds(inner, '<transition>'),
                from: files(children(from, 'from'), base),
                to: files(children(to, 'to'), base),
            });
        }
    }
    if (slides.length === 0) throw new Error('the background has no <static> or <transition> slide');
    return { startMs: startOf(body), slides };
}

/** `<starttime>` in local time (as mktime reads it); without one the show starts at the epoch, as in GNOME. */
function startOf(body: Node[]): number {
    const start = body.find((n) => nameOf(n) === 'starttime');
    if (!start) return 0;
    const part = (name: string, fallback: number) => {
        const value = Number(childText(children(start, 'starttime'), name));
        return Number.isFinite(value) ? value : fallback;
    };
    return new Date(
        part('year', 1970),
        part('month', 1) - 1,
        part('day', 1),
        part('hour', 0),
        part('minute', 0),
        part('second', 0),
    ).getTime();
}

/**
 * Of a picture's size alternatives, the one GNOME would load for a screen of `screen`: the smallest that covers
 * it, else the largest. A single file is itself.
 */
export function bestSize(choices: readonly SizedFile[], screen: { width: number; height: number }): SizedFile {
    const area = (f: SizedFile) => (f.width ?? 0) * (f.height ?? 0);
    const covering = choices
        .filter((f) => (f.width ?? 0) >= screen.width && (f.height ?? 0) >= screen.height)
        .sort((a, b) => area(a) - area(b));
    return covering[0] ?? [...choices].sort((a, b) => area(b) - area(a))[0]!;
}

/** What the show displays at `nowMs`: the slide, and for a transition how far through it is (0 … 1). */
export function slideAt(background: GnomeBackground, nowMs: number): { slide: Slide; progress: number } {
    const total = background.slides.reduce((sum, s) => sum + s.seconds, 0) * 1000;
    let into = (nowMs - background.startMs) % total;
    if (into < 0) into += total;
    for (const slide of background.slides) {
        if (into < slide.seconds * 1000) return { slide, progress: into / (slide.seconds * 1000) };
        into -= slide.seconds * 1000;
    }
    return { slide: background.slides.at(-1)!, progress: 1 };
}

/**
 * The file whose colours the screen shows at `nowMs`: a static slide's picture, or the picture that dominates a
 * transition (its first half the one it leaves, then the one it reaches).
 */
export function pictureAt(background: GnomeBackground, nowMs: number, screen = { width: 1920, height: 1080 }): string {
    const { slide, progress } = slideAt(background, nowMs);
    const choices = slide.kind === 'static' ? slide.files : progress < 0.5 ? slide.from : slide.to;
    return bestSize(choices, screen).path;
}

/**
 * When the picture `pictureAt` names next changes: the start of the next slide or the middle of a transition,
 * whichever comes first after `nowMs` (the next moment the palette may differ).
 */
export function nextSwitchAt(background: GnomeBackground, nowMs: number): number {
    const total = background.slides.reduce((sum, s) => sum + s.seconds, 0) * 1000;
    let into = (nowMs - background.startMs) % total;
    if (into < 0) into += total;
    const cycleStart = nowMs - into;
    let at = 0;
    for (const slide of [...background.slides, ...background.slides]) {
        const points =
            slide.kind === 'transition'
                ? [at + (slide.seconds * 1000) / 2, at + slide.seconds * 1000]
                : [at + slide.seconds * 1000];
        const next = points.find((p) => p > into);
        if (next !== undefined) return cycleStart + next;
        at += slide.seconds * 1000;
    }
    return nowMs + total;
}
