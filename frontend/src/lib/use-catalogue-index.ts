import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { effectiveSchemaQueryOptions, type EffectiveGroup, type EffectiveSchema } from '@/lib/catalogue-api';
import { buildFormFields, type FormField } from '@/lib/catalogue-fields';
import { localName } from '@/lib/catalogue-names';

/** What every screen needs to name an indicator, a group or a code value of an archive in the reader's language. */
export interface CatalogueIndex {
  /** The fields of each group: the catalogue in force first, then what it leaves out (an archive may hold it). */
  byGroup: Map<string, FormField[]>;
  /** The one-row groups' fields together (the archive's own columns). */
  archive: FormField[];
  /** Group code → its name. */
  groupNames: Map<string, string>;
  /** Group codes outside the catalogue in force (with the fields it leaves out of groups it has). */
  outside: EffectiveGroup[];
}

/** Build the one index of catalogue names (pure: the hook and tests use it). */
export function catalogueIndex(schema: EffectiveSchema | undefined, language: string): CatalogueIndex {
  const inForce = [...(schema?.groups ?? [])].sort((a, b) => a.order - b.order);
  const outside = [...(schema?.outside_groups ?? [])].sort((a, b) => a.order - b.order);
  const byGroup = new Map<string, FormField[]>();
  const groupNames = new Map<string, string>();
  const archive: FormField[] = [];
  for (const group of [...inForce, ...outside]) {
    const fields = buildFormFields(group, language);
    byGroup.set(group.code, [...(byGroup.get(group.code) ?? []), ...fields]);
    if (!groupNames.has(group.code)) groupNames.set(group.code, localName(language, group.name, group.name_en));
    if (!group.many) archive.push(...fields);
  }
  return { byGroup, archive, groupNames, outside };
}

/**
 * The catalogue-name index of a school (one query, cached): every screen that shows an indicator, a group or a
 * code value of an archive names it from here — including what the catalogue in force leaves out.
 */
export function useCatalogueIndex(school: string) {
  const { i18n } = useTranslation();
  const schema = useQuery(effectiveSchemaQueryOptions(school));
  const language = i18n.language;
  const index = useMemo(() => catalogueIndex(schema.data, language), [schema.data, language]);
  return { schema, index, language };
}
