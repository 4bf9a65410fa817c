// The messages between ExtractionPool and its workers.
import type { Document, ExtractRecord } from '../types.js';

export type Output = 'record' | 'pretty';

export interface TaskMessage {
  id: number;
  doc: Document;
  output: Output;
}

export type ResultMessage =
  | { id: number; ok: true; record: ExtractRecord }
  | { id: number; ok: true; pretty: string }
  | { id: number; ok: false; error: string };

export interface ReadyMessage {
  ready: true;
}
