// How well-known a capitalised name is as a place, from the project's gazetteer (GeoNames):
// 2 = a country, first-level region, continent, capital or town of 100,000 people or more;
// 1 = any other populated place of 1,000 or more, or a second-level division (a French département);
// 0 = not a place name. Used only to type a
// mention that nothing in its context types; the places stage does the real resolution.
import { getGazetteer, type Gazetteer } from '../gazetteer/index.js';
import { normKey } from '../gazetteer/normalize.js';

let gaz: Gazetteer | null | undefined;
const memo = new Map<string, number>();

function gazetteer(): Gazetteer | null {
  if (gaz !== undefined) return gaz;
  try {
    gaz = getGazetteer();
  } catch {
    gaz = null;
  }
  return gaz;
}

const BIG_CODES = /^(PCL|ADM1|CONT|PPLC|RGN)/u;
const MID_CODES = /^ADM2$/u;

export function placeRank(name: string): number {
  const key = normKey(name);
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const g = gazetteer();
  let rank = 0;
  if (g) {
    for (const e of g.lookup(key)) {
      if (BIG_CODES.test(e.featureCode) || (e.featureCode.startsWith('PPL') && e.population >= 100000)) {
        rank = 2;
        break;
      }
      if (e.featureCode.startsWith('PPL') && e.population >= 1000 || MID_CODES.test(e.featureCode)) rank = 1;
    }
  }
  // old prints: a long s read as an f ("Ruffie", "Conflantinople")
  if (rank === 0 && g && LONG_S.test(name)) rank = placeRank(name.charAt(0) + name.slice(1).replace(/f/gu, 's'));
  if (memo.size > 50000) memo.clear();
  memo.set(key, rank);
  return rank;
}

const LONG_S = /.f/u;
