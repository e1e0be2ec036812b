import { organisationLevelValues, type OrganisationLevel } from '@/api/generated/enums';

/** The five levels of the organisation tree, top to bottom (ARCHITECTURE §2), as the API lists them. */
export const LEVELS = organisationLevelValues;
export type Level = OrganisationLevel;

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** Every level but the top one can sit below another. */
export type SubLevel = Exclude<Level, 'central'>;

function isSubLevel(level: Level): level is SubLevel {
  return level !== 'central';
}

/** Levels strictly below the given one (what an organisation's subtree can contain). */
export function levelsBelow(level: string): SubLevel[] {
  const index = LEVELS.findIndex((candidate) => candidate === level);
  return index < 0 ? [] : LEVELS.slice(index + 1).filter(isSubLevel);
}

