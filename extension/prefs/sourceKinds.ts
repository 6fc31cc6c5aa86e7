// The kinds of online source the backend has, each with the options the preferences offer for it; the fixed
// choices are the backend's own (ONLINE_CHOICES). Options left empty are left out, and the backend's defaults apply.
import { ONLINE_CHOICES, type OnlineSourceKind } from '../lib/protocol.js';

export type OptionSpec =
    | { name: string; label: string; type: 'text' | 'list' }
    | { name: string; label: string; type: 'bool' }
    | { name: string; label: string; type: 'number'; min: number; max: number }
    | { name: string; label: string; type: 'choice'; choices: readonly string[] };

export interface KindSpec {
    kind: OnlineSourceKind;
    label: string;
    /** One sentence on what it is. */
    description: string;
    /** 'required': it does not work without one; 'optional': a key unlocks more. */
    apiKey: 'required' | 'optional' | 'none';
    options: readonly OptionSpec[];
}

export function sourceKinds(_: (text: string) => string): KindSpec[] {
    return [
        {
            kind: 'wallhaven',
            label: 'Wallhaven',
            description: _('Wallpapers shared on wallhaven.cc, by search or from its top list.'),
            apiKey: 'optional',
            options: [
                { name: 'query', label: _('Search for'), type: 'text' },
                {
                    name: 'categories',
                    label: _('Categories (general, anime, people; separated by commas)'),
                    type: 'list',
                },
                { name: 'atleast', label: _('At least this size, e.g. 1920x1080'), type: 'text' },
                { name: 'ratios', label: _('Shapes, e.g. 16x9, 21x9'), type: 'list' },
                { name: 'sorting', label: _('Order'), type: 'choice', choices: ONLINE_CHOICES.wallhaven.sorting },
                {
                    name: 'topRange',
                    label: _('Top list of the last'),
                    type: 'choice',
                    choices: ONLINE_CHOICES.wallhaven.topRange,
                },
            ],
        },
        {
            kind: 'unsplash',
            label: 'Unsplash',
            description: _('Photographs from unsplash.com; needs a free access key from its developer site.'),
            apiKey: 'required',
            options: [
                { name: 'query', label: _('Search for'), type: 'text' },
                { name: 'collection', label: _('Collection id'), type: 'text' },
                {
                    name: 'orientation',
                    label: _('Shape'),
                    type: 'choice',
                    choices: ONLINE_CHOICES.unsplash.orientation,
                },
            ],
        },
        {
            kind: 'bing',
            label: _('Bing picture of the day'),
            description: _('The picture Bing shows on its home page each day.'),
            apiKey: 'none',
            options: [
                { name: 'market', label: _('Market, e.g. en-US'), type: 'text' },
                { name: 'uhd', label: _('Ultra HD when there is one'), type: 'bool' },
            ],
        },
        {
            kind: 'apod',
            label: _('NASA Astronomy Picture of the Day'),
            description: _(
                'Today’s astronomy picture, and a few random earlier ones; a key from api.nasa.gov raises ' +
                    'the rate limit.',
            ),
            apiKey: 'optional',
            options: [
                {
                    name: 'count',
                    label: _('Earlier pictures per refresh (0 = today’s only)'),
                    type: 'number',
                    min: 0,
                    max: 20,
                },
                { name: 'hd', label: _('High resolution'), type: 'bool' },
            ],
        },
        {
            kind: 'reddit',
            label: 'Reddit',
            description: _('Pictures posted to a subreddit.'),
            apiKey: 'none',
            options: [
                { name: 'subreddit', label: _('Subreddit, e.g. wallpapers'), type: 'text' },
                { name: 'sort', label: _('Order'), type: 'choice', choices: ONLINE_CHOICES.reddit.sort },
                { name: 'time', label: _('Top of the last'), type: 'choice', choices: ONLINE_CHOICES.reddit.time },
                {
                    name: 'username',
                    label: _('Your Reddit user name (optional; Reddit asks clients to name one)'),
                    type: 'text',
                },
            ],
        },
        {
            kind: 'earthview',
            label: 'Google Earth View',
            description: _(
                'Satellite pictures from Google Earth’s collection of about 2600 landscapes, with their ' +
                    'imagery credits.',
            ),
            apiKey: 'none',
            options: [{ name: 'url', label: _('Catalogue address (empty: the usual one)'), type: 'text' }],
        },
        {
            kind: 'flickr',
            label: 'Flickr',
            description: _(
                'Photos from Flickr: a user’s, a group’s or with tags; a free API key gets larger sizes ' +
                    'and more than the latest 20.',
            ),
            apiKey: 'optional',
            options: [
                { name: 'tags', label: _('Tags (separated by commas)'), type: 'text' },
                { name: 'user', label: _('User id, e.g. 12345678@N01'), type: 'text' },
                { name: 'group', label: _('Group id, e.g. 12345678@N01'), type: 'text' },
            ],
        },
        {
            kind: 'artstation',
            label: 'ArtStation',
            description: _('Artwork from an ArtStation channel or artist.'),
            apiKey: 'none',
            options: [
                { name: 'channel', label: _('Channel id (a number)'), type: 'text' },
                { name: 'user', label: _('Artist’s user name'), type: 'text' },
                { name: 'sorting', label: _('Order'), type: 'choice', choices: ONLINE_CHOICES.artstation.sorting },
            ],
        },
        {
            kind: 'url',
            label: _('Picture at an address'),
            description: _('One picture fetched again on every refresh, such as a webcam or a daily picture.'),
            apiKey: 'none',
            options: [
                { name: 'url', label: _('Address of the picture'), type: 'text' },
                { name: 'title', label: _('Title'), type: 'text' },
                { name: 'licence', label: _('Licence'), type: 'text' },
            ],
        },
        {
            kind: 'json',
            label: _('JSON feed'),
            description: _(
                'Any web address that answers with a JSON list of pictures; the paths say where each field is.',
            ),
            apiKey: 'optional',
            options: [
                { name: 'url', label: _('Address'), type: 'text' },
                { name: 'itemsPath', label: _('Path of the list (empty: the whole answer)'), type: 'text' },
                { name: 'urlPath', label: _('Path of each picture’s address'), type: 'text' },
                { name: 'titlePath', label: _('Path of its title'), type: 'text' },
                { name: 'authorPath', label: _('Path of its author'), type: 'text' },
                { name: 'pagePath', label: _('Path of its page'), type: 'text' },
                { name: 'licence', label: _('Licence of every picture'), type: 'text' },
                { name: 'apiKeyParam', label: _('Send the API key as this query parameter'), type: 'text' },
                { name: 'apiKeyHeader', label: _('Send the API key as this header'), type: 'text' },
            ],
        },
        {
            kind: 'rss',
            label: _('RSS feed'),
            description: _('A Media RSS, RSS or Atom feed whose items carry pictures.'),
            apiKey: 'none',
            options: [
                { name: 'url', label: _('Address'), type: 'text' },
                { name: 'licence', label: _('Licence of every picture'), type: 'text' },
            ],
        },
    ];
}

/** A source id for a new source of `kind` that is not taken yet: "unsplash", then "unsplash-2", … */
export function newSourceId(kind: string, taken: readonly string[]): string {
    if (!taken.includes(kind)) return kind;
    for (let n = 2; ; n++) if (!taken.includes(`${kind}-${n}`)) return `${kind}-${n}`;
}
