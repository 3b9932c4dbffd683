/** Worker thread of a batch screening run: loads the same snapshot, screens its share of lines in order. */
import type { MessagePort } from 'node:worker_threads';
import {
  decisionMemory,
  screenWithDecisions,
  type Decision,
} from '../../core/workflows/screening-decision.js';
import { loadDefaultScreener } from '../lists/default-screener.js';
import { screenLine, type BatchItem, type LineOptions } from './batch-screen.js';

export interface WorkerInput {
  listsDir: string;
  lines: BatchItem[];
  options: LineOptions;
  /** The organisation's screening decisions (htt screen --as USER). */
  decisions?: Decision[];
}

export function runWorker(port: MessagePort, input: WorkerInput): void {
  const loaded = loadDefaultScreener(input.listsDir);
  const screener = input.decisions?.length
    ? screenWithDecisions(loaded, decisionMemory(input.decisions))
    : loaded;
  const out: string[] = new Array(input.lines.length);
  for (let i = 0; i < input.lines.length; i++) {
    out[i] = screenLine(screener, input.lines[i]!, input.options);
    if (i % 500 === 499) port.postMessage({ type: 'progress', done: 500 });
  }
  port.postMessage({ type: 'progress', done: input.lines.length % 500 });
  port.postMessage({ type: 'done', out });
}
