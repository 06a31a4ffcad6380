/**
 * A form of an LA's name that ignores how publications happen to write it: case, "&" for "and",
 * "St." for "St", a trailing ", City of", hyphens and other punctuation. So "Bristol, City of" and
 * "Bristol", or "St. Helens" and "St Helens", are the same name. Names that differ in words
 * ("Durham" for "County Durham") need an alias.
 */
export function normaliseLocalAuthorityName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/,\s*city of\s*$/, '')
    .replace(/^city of (?!london\b)/, '')
    .replace(/&/g, ' and ')
    .replace(/\bst\./g, 'st ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
