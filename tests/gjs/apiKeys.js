// Cases for the BUILT reading of the `online-sources` setting (dist/extension/lib/apiKeys.js) under gjs, which
// decides whose API keys the Shell looks up. Run by tests/extension/lib/apiKeys.test.ts.
import { onlineSources } from '../../dist/extension/lib/apiKeys.js';
import { cases, check } from './harness.js';

const ids = (json) =>
    onlineSources(json)
        .map((source) => source.id)
        .join(',');

cases({
    'empty-setting-no-sources': () => {
        check(onlineSources('').length === 0 && onlineSources('  \n').length === 0, 'sources from an empty setting');
    },
    'sources-as-configured': () => {
        const json = JSON.stringify([
            { id: 'unsplash', kind: 'unsplash', enabled: true, options: { query: 'alps' } },
            { id: 'wallhaven-2', kind: 'wallhaven', enabled: false },
        ]);
        const sources = onlineSources(json);
        check(ids(json) === 'unsplash,wallhaven-2', `ids ${ids(json)}`);
        check(
            sources[0].options.query === 'alps' && sources[1].enabled === false,
            `sources ${JSON.stringify(sources)}`,
        );
    },
    'entries-without-id-or-kind-dropped': () => {
        const json = JSON.stringify([
            { id: 'bing', kind: 'bing' },
            { kind: 'apod' },
            { id: 7, kind: 'apod' },
            null,
            'reddit',
        ]);
        check(ids(json) === 'bing', `ids ${ids(json)}`);
    },
    'not-json-no-sources': () => {
        check(onlineSources('[{"id": "bing"').length === 0, 'sources from broken JSON');
    },
    'not-a-list-no-sources': () => {
        check(onlineSources('{"id": "bing", "kind": "bing"}').length === 0, 'sources from an object');
    },
});
