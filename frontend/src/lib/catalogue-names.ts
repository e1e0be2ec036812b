/** The name to show in the UI language: English where the catalogue keeps one, Chinese otherwise. */
export function localName(language: string, name: string, nameEn?: string | null): string {
  return language.startsWith('en') && nameEn ? nameEn : name;
}

/** Codes are shown with their names where officials expect both (UX.md: `01 汉族`). */
export function codeLabel(code: string, name: string): string {
  return name ? `${code} ${name}` : code;
}
