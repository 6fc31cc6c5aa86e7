import type { Figure } from './measure.js';
import { cliFigures } from './cli.js';
import { composeFigures } from './compose.js';
import { extensionFigures } from './extension.js';
import { feedFigures } from './feeds.js';
import { indexingFigures } from './indexing.js';
import { pipelineFigures } from './pipeline.js';
import { protocolFlowFigures } from './protocolFlow.js';
import { selectionFigures } from './selection.js';
import { soakFigures } from './soak.js';

export interface Suite {
    name: string;
    run(): Promise<Figure[]>;
}

/** Every benchmark suite, in the order they run. Add a suite by adding its module here. */
export const suites: Suite[] = [
    { name: 'pipeline', run: pipelineFigures },
    { name: 'cli', run: cliFigures },
    { name: 'extension', run: extensionFigures },
    { name: 'flow', run: protocolFlowFigures },
    { name: 'selection', run: selectionFigures },
    { name: 'indexing', run: indexingFigures },
    { name: 'compose', run: composeFigures },
    { name: 'feeds', run: feedFigures },
    { name: 'soak', run: soakFigures },
];
