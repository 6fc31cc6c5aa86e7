// Generated from schemas/org.gnome.shell.extensions.chameleon.gschema.xml
// by build/settingsKeys.mjs (`npm run settings-keys`); do not edit.

/** Every key of the extension's settings and the JavaScript type of its value. */
export interface SettingsKeys {
    /** Wallpaper folders (as) */
    'folders': string[];
    /** Show a new wallpaper at login (b) */
    'change-on-start': boolean;
    /** Minutes between wallpaper changes (u) */
    'change-interval': number;
    /** Accent colour follows the wallpaper (b) */
    'accent-sync': boolean;
    /** Accent sync paused because you chose an accent by hand (b) */
    'accent-sync-paused': boolean;
    /** Your accent colour before Chameleon changed it (s) */
    'accent-before-sync': string;
    /** Make palettes with wallust (b) */
    'use-wallust': boolean;
    /** wallust backend (s) */
    'wallust-backend': string;
    /** wallust colour space (s) */
    'wallust-colorspace': string;
    /** wallust palette (s) */
    'wallust-palette': string;
    /** Let wallust apply your own theme (b) */
    'wallust-apply-theme': boolean;
    /** Time limit for wallust, in seconds (u) */
    'wallust-timeout': number;
    /** Set-wallpaper script (s) */
    'set-wallpaper-script': string;
    /** Commands to run after each change (aas) */
    'post-change-commands': string[][];
    /** Time limit for scripts and commands, in seconds (u) */
    'hook-timeout': number;
    /** Backend command (as) */
    'backend-command': string[];
    /** Measure picture colours in the background (b) */
    'background-analysis': boolean;
    /** Wallpapers on several monitors (s) */
    'monitor-mode': 'same' | 'per-monitor' | 'span';
    /** How a picture fills a monitor (s) */
    'display-mode':
        | 'smart'
        | 'zoom'
        | 'fit'
        | 'center'
        | 'tile'
        | 'scaled'
        | 'centered'
        | 'stretched'
        | 'wallpaper'
        | 'spanned';
    /** Which monitor's picture sets the colours (s) */
    'palette-from': 'primary' | 'largest' | 'blend';
    /** Clock on the wallpaper (b) */
    'overlay-clock': boolean;
    /** Date under the clock (b) */
    'overlay-date': boolean;
    /** Clock format (s) */
    'overlay-clock-format': '24h' | '12h';
    /** Quote on the wallpaper (b) */
    'overlay-quotes': boolean;
    /** Quotes file (s) */
    'overlay-quotes-file': string;
    /** Where the clock and quote go (s) */
    'overlay-corner': 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';
    /** Online sources (s) */
    'online-sources': string;
    /** API keys kept in settings (s) */
    'online-api-keys': string;
    /** Keep API keys in settings instead of the keyring (b) */
    'online-keys-in-settings': boolean;
    /** API keys changed in the keyring (u) */
    'online-keyring-serial': number;
    /** Disk space for downloads (MB) (u) */
    'online-quota-mb': number;
    /** Largest download (MB) (u) */
    'online-max-image-mb': number;
    /** Download folder (s) */
    'online-download-folder': string;
    /** How often to look for new pictures (minutes) (u) */
    'online-refresh-minutes': number;
    /** New pictures per refresh (u) */
    'online-per-refresh': number;
    /** Safe mode (b) */
    'online-safe-mode': boolean;
    /** Write pywal colour files (b) */
    'write-pywal': boolean;
    /** Templates to fill in with the palette (aas) */
    'templates': string[][];
    /** Commands to run after the theme files change (aas) */
    'reload-commands': string[][];
    /** Wallpaper for the dark style (s) */
    'dark-wallpaper': 'same' | 'darker';
    /** Days before a shown picture comes back (d) */
    'selection-cooldown-days': number;
    /** How a shown picture comes back (s) */
    'selection-decay': 'sigmoid' | 'linear' | 'step';
    /** Fresh pictures first (b) */
    'selection-fresh-first': boolean;
    /** Days before a folder is picked from again at full chance (d) */
    'selection-source-cooldown-days': number;
    /** How much more often favourites come up (d) */
    'selection-favourite-boost': number;
    /** How much more often new pictures come up (d) */
    'selection-new-image-boost': number;
    /** How long a picture counts as new (d) */
    'selection-new-image-days': number;
    /** Weight of each folder (a{sd}) */
    'selection-source-weights': Record<string, number>;
    /** How folders share the picks (s) */
    'selection-source-balance': 'images' | 'sources';
    /** Prefer pictures near a colour (s) */
    'selection-colour-target': 'off' | 'accent' | 'colour';
    /** Colour to prefer (s) */
    'selection-colour': string;
    /** How strongly the colour counts (d) */
    'selection-colour-strength': number;
    /** Match pictures to the time of day (s) */
    'selection-time-of-day': 'off' | 'fixed' | 'sun' | 'system';
    /** When the day starts (s) */
    'selection-day-start': string;
    /** When the night starts (s) */
    'selection-night-start': string;
    /** Look preferred by day (s) */
    'selection-day-preset': 'bright_day' | 'neutral_day' | 'cozy_night' | 'cool_night' | 'dark_mode';
    /** Look preferred at night (s) */
    'selection-night-preset': 'bright_day' | 'neutral_day' | 'cozy_night' | 'cool_night' | 'dark_mode';
    /** Look preferred in dark style (s) */
    'selection-dark-preset': 'bright_day' | 'neutral_day' | 'cozy_night' | 'cool_night' | 'dark_mode';
    /** How strongly the time of day counts (d) */
    'selection-time-strength': number;
    /** Your location for sunrise and sunset (ad) */
    'selection-location': number[];
    /** Smallest picture size, in percent of the screen (d) */
    'selection-min-size-percent': number;
    /** Picture orientation (s) */
    'selection-orientation': 'any' | 'landscape' | 'portrait';
    /** Darkest pictures to show (d) */
    'selection-min-lightness': number;
    /** Lightest pictures to show (d) */
    'selection-max-lightness': number;
    /** What marking a favourite does (s) */
    'selection-favourite-mode': 'mark' | 'copy' | 'move';
    /** Favourites folder (s) */
    'selection-favourites-folder': string;
    /** Shortcut: next wallpaper (as) */
    'shortcut-next': string[];
    /** Shortcut: previous wallpaper (as) */
    'shortcut-previous': string[];
    /** Shortcut: mark as favourite (as) */
    'shortcut-favourite': string[];
    /** Shortcut: move to the trash (as) */
    'shortcut-trash': string[];
    /** Shortcut: pause or resume (as) */
    'shortcut-pause': string[];
}

export type SettingsKey = keyof SettingsKeys;
/** The keys whose values are of type T. */
export type KeysOf<T> = { [K in SettingsKey]: SettingsKeys[K] extends T ? K : never }[SettingsKey];
/** Keys read and written with get_boolean / set_boolean. */
export type BooleanKey = KeysOf<boolean>;
/** Keys holding one number (uint32 or double). */
export type NumberKey = KeysOf<number>;
/** Keys read and written with get_string / set_string. */
export type StringKey = KeysOf<string>;

/** The GVariant type of each key, for `set_value`. */
export const KEY_TYPES: { readonly [K in SettingsKey]: string } = {
    'folders': 'as',
    'change-on-start': 'b',
    'change-interval': 'u',
    'accent-sync': 'b',
    'accent-sync-paused': 'b',
    'accent-before-sync': 's',
    'use-wallust': 'b',
    'wallust-backend': 's',
    'wallust-colorspace': 's',
    'wallust-palette': 's',
    'wallust-apply-theme': 'b',
    'wallust-timeout': 'u',
    'set-wallpaper-script': 's',
    'post-change-commands': 'aas',
    'hook-timeout': 'u',
    'backend-command': 'as',
    'background-analysis': 'b',
    'monitor-mode': 's',
    'display-mode': 's',
    'palette-from': 's',
    'overlay-clock': 'b',
    'overlay-date': 'b',
    'overlay-clock-format': 's',
    'overlay-quotes': 'b',
    'overlay-quotes-file': 's',
    'overlay-corner': 's',
    'online-sources': 's',
    'online-api-keys': 's',
    'online-keys-in-settings': 'b',
    'online-keyring-serial': 'u',
    'online-quota-mb': 'u',
    'online-max-image-mb': 'u',
    'online-download-folder': 's',
    'online-refresh-minutes': 'u',
    'online-per-refresh': 'u',
    'online-safe-mode': 'b',
    'write-pywal': 'b',
    'templates': 'aas',
    'reload-commands': 'aas',
    'dark-wallpaper': 's',
    'selection-cooldown-days': 'd',
    'selection-decay': 's',
    'selection-fresh-first': 'b',
    'selection-source-cooldown-days': 'd',
    'selection-favourite-boost': 'd',
    'selection-new-image-boost': 'd',
    'selection-new-image-days': 'd',
    'selection-source-weights': 'a{sd}',
    'selection-source-balance': 's',
    'selection-colour-target': 's',
    'selection-colour': 's',
    'selection-colour-strength': 'd',
    'selection-time-of-day': 's',
    'selection-day-start': 's',
    'selection-night-start': 's',
    'selection-day-preset': 's',
    'selection-night-preset': 's',
    'selection-dark-preset': 's',
    'selection-time-strength': 'd',
    'selection-location': 'ad',
    'selection-min-size-percent': 'd',
    'selection-orientation': 's',
    'selection-min-lightness': 'd',
    'selection-max-lightness': 'd',
    'selection-favourite-mode': 's',
    'selection-favourites-folder': 's',
    'shortcut-next': 'as',
    'shortcut-previous': 'as',
    'shortcut-favourite': 'as',
    'shortcut-trash': 'as',
    'shortcut-pause': 'as',
};
