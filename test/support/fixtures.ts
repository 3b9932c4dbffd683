/** Small inputs the case tests share: a civil lot's end-use answers and a listed entity of a test snapshot. */
import type { ListedEntity } from '../../src/core/screening/types.js';

/** The six end-use answers of a civil lot (no military end use or user, no WMD, no advanced-node fab...). */
export const civilEndUse = {
  military: false,
  militaryEndUser: false,
  militaryIntelligence: false,
  supercomputer: false,
  advancedNodeFab: false,
  wmd: false,
};

/** An Entity List entry (or another list's) for a test list snapshot. */
export const listedEntity = (
  id: string,
  name: string,
  list: ListedEntity['list'] = 'ENTITY_LIST',
): ListedEntity => ({
  id,
  list,
  source: 'Entity List (EL) - Bureau of Industry and Security',
  name,
  aliases: [],
  countries: ['CN'],
  addresses: [],
  programs: [],
  licenseRequirement: 'For all items subject to the EAR',
  licensePolicy: 'Presumption of denial',
});
