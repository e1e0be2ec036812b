import type { KeyboardEvent } from 'react';

/**
 * For a DatePicker's `onKeyDown`: Enter confirms the typed date; it must not submit (and so validate) the whole
 * form — which a browser does when the picker is the form's only text input (implicit submission).
 */
export function keepEnterInPicker(event: KeyboardEvent) {
  if (event.key === 'Enter') event.preventDefault();
}
