// The messages between ExtractionPool and its workers.
import type { Document, ExtractRecord } from '../types.js';

/** What the worker sends back: the record as an object, as JSON text (cheaper to pass between
 *  threads and to send: no structured clone of a deep object, no JSON.stringify on the main thread),
 *  or the pretty rendering. */
export type Output = 'record' | 'json' | 'pretty';

export interface TaskMessage {
  id: number;
  doc: Document;
  output: Output;
}

export type ResultMessage =
  | { id: number; ok: true; record: ExtractRecord }
  | { id: number; ok: true; text: string }
  | { id: number; ok: false; error: string };

export interface ReadyMessage {
  ready: true;
}
