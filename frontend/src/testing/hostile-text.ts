import { expect } from 'vitest';

/**
 * A name an attacker could store (the API keeps markup as the text it is): rendered, it must stay text — no
 * element, no handler, no script. Used by the "markup is inert" tests of the lists and the tree.
 */
export const MARKUP_NAME = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>张伟';

/** No element the markup would create exists, and nothing ran. */
export function expectInert(container: HTMLElement): void {
  expect(container.querySelector('img')).toBeNull();
  expect(container.querySelector('[onerror]')).toBeNull();
  expect(container.querySelector('script')).toBeNull();
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
}
