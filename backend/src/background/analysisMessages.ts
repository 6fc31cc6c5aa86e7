import type { Backdrop } from '../palette/backdrop.js';
import type { FileAnalysis } from './analyseFile.js';

export interface AnalysisRequest {
    id: number;
    path: string;
    backdrop?: Backdrop;
}

export type AnalysisResponse =
    { id: number; ok: true; result: FileAnalysis } | { id: number; ok: false; message: string };
