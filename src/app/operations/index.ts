/**
 * The operation table: every use case the HTTP API and the CLI offer, each declared once. The HTTP adapter
 * mounts one router per concept from it; the CLI generates its verbs from it.
 */
import type { Operation } from '../operation.js';
import { attachmentOperations } from './attachments.js';
import { documentOperations } from './documents.js';
import { engineOperations } from './engine.js';
import { eusOperations } from './eus.js';
import { jobOperations } from './jobs.js';
import { licenseOperations } from './licenses.js';
import { nameOperations } from './names.js';
import { outreachOperations } from './outreach.js';
import { partyOperations } from './parties.js';
import { retentionOperations } from './retention.js';
import { screeningDecisionOperations } from './screening-decisions.js';
import { transactionOperations } from './transactions.js';
import { veuOperations } from './veu.js';
import { workOperations } from './work.js';

export const operations: readonly Operation[] = [
  ...engineOperations,
  ...nameOperations,
  ...partyOperations,
  ...screeningDecisionOperations,
  ...transactionOperations,
  ...eusOperations,
  ...licenseOperations,
  ...veuOperations,
  ...outreachOperations,
  ...retentionOperations,
  ...workOperations,
  ...jobOperations,
  ...documentOperations,
  ...attachmentOperations,
];

export const operationById = (id: string): Operation | undefined => operations.find((op) => op.id === id);
