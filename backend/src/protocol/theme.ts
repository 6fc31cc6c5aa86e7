// Theme outputs for other programs (pywal files, templates), their settings and last render. Part of the protocol; see
// messages.ts.

/**
 * 'same': one image for the light and the dark style; 'darker': picture-uri-dark gets a darker image of the collection.
 */
export type DarkMode = 'same' | 'darker';

export interface ThemeTemplateJson {
    /** The template file (`~/` and relative paths are taken from the home folder). */
    template: string;
    /** Where the rendered file goes: inside the home folder only. */
    target: string;
}

/** Each field one GSettings key (config/settingsMap.ts); every field optional. */
export interface ThemeConfigJson {
    /** Write pywal's ~/.cache/wal/colors.json, colors.sh and colors.css (default false). */
    pywal?: boolean;
    templates?: ThemeTemplateJson[];
    /**
     * Run after outputs changed, as argv lists with the hook timeout; `{path}`, `{uri}`, `{accent}`, `{accentName}`
     * filled in.
     */
    reloadCommands?: string[][];
    /** Default 'same'. */
    darkMode?: DarkMode;
}

export interface ThemeOutputStatusJson {
    /** 'colors.json', 'colors.sh', 'colors.css', or the template path as configured. */
    name: string;
    /** The file written (for templates, with symbolic links resolved), or the target as configured when refused. */
    target: string;
    /** 'unchanged': the file already had this content and was not touched. */
    state: 'written' | 'unchanged' | 'failed';
    /** What went wrong, in words the user can act on; null unless failed. */
    error: string | null;
}

/** What the last theme run did, for the menu's / preferences' "last render status". */
export interface ThemeStatusJson {
    /** ISO 8601 time of the run. */
    at: string;
    /** The image whose palette the outputs were made from: the one GNOME shows in the current style. */
    paletteFrom: string;
    outputs: ThemeOutputStatusJson[];
    /** One line per reload command that failed. */
    reloadFailures: string[];
}
