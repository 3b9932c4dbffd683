/** What the crash-consistency test and its writer process (crash-writer.ts) agree on. */
export const COUNTER_ID = 'crash-counter';

export interface CounterData {
  count: number;
  lastTx: string | null;
}

export interface PartData {
  txId: string;
  part: 'a' | 'b' | 'c';
  peers: string[];
}
