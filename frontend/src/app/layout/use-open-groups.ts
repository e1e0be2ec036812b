import { useState } from 'react';

/**
 * The menu's open groups. Groups start open (the menu is short, and officials should see every screen they may
 * use); the hook remembers the groups the user closed rather than the ones open, so a group that appears later —
 * once the session's capabilities arrive — starts open like the rest.
 */
export function useOpenGroups(groupKeys: string[]): [string[], (openKeys: string[]) => void] {
  const [closedKeys, setClosedKeys] = useState<string[]>([]);
  const openKeys = groupKeys.filter((key) => !closedKeys.includes(key));
  const onOpenChange = (keys: string[]) => setClosedKeys(groupKeys.filter((key) => !keys.includes(key)));
  return [openKeys, onOpenChange];
}
