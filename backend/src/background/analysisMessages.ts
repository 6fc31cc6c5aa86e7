import type { FileAnalysis } from './analyseFile.js';

export interface AnalysisRequest {
    id: number;
    path: string;
}

export type AnalysisResponse = { id: number; ok: true; result: FileAnalysis } | { id: number; ok: false; message: string };
