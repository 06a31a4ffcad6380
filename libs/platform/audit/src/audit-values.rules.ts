/** Field names that hold personal data in any record; such values never enter the audit log. */
export const PERSONAL_FIELDS: readonly string[] = [
  'email',
  'contactEmail',
  'name',
  'displayName',
  'firstName',
  'lastName',
  'fullName',
  'contactName',
  'phone',
  'telephone',
];

export const PERSONAL_VALUE = '[personal data not recorded]';

export type AuditValues = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/**
 * A copy of the values fit for the audit log: personal fields show that they were there (and, by
 * comparing before and after, that they changed) but not what they held. `personal` names the
 * fields that are personal in this record, so an LA's `name` can be kept and a person's cannot.
 */
export function auditValues(
  values: AuditValues | null,
  personal: readonly string[] = PERSONAL_FIELDS,
): AuditValues | null {
  if (values === null) return null;
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (!isRecord(value)) return value instanceof Date ? value.toISOString() : value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        personal.includes(key) && inner !== null && inner !== undefined
          ? PERSONAL_VALUE
          : strip(inner),
      ]),
    );
  };
  return strip(values) as AuditValues;
}
