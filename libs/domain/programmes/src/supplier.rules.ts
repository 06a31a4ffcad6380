type Problem = { field: string; message: string };

// Deliverable-looking, not RFC 5322: a typo is caught here, a dead address by the bounce.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const MAX_EMAIL = 254;

/** A supplier's name folded for comparison: "North Star Ltd" and "northstar  LTD" are one supplier. */
export function supplierNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** An e-mail address as kept: trimmed and lower case, so the same address is one contact. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What is wrong with a contact, field by field (`email`, `name` under the given names). */
export function contactProblems(
  contact: { email: string; name?: string | null },
  fields: { email: string; name: string } = { email: 'email', name: 'name' },
): Problem[] {
  const problems: Problem[] = [];
  const email = normaliseEmail(contact.email);
  if (!EMAIL.test(email) || email.length > MAX_EMAIL)
    problems.push({
      field: fields.email,
      message: 'must be an e-mail address like name@example.org',
    });
  if (contact.name !== undefined && contact.name !== null) {
    const name = contact.name.trim();
    if (name === '' || name.length > 200)
      problems.push({ field: fields.name, message: 'must be 1 to 200 characters' });
  }
  return problems;
}

/** What is wrong with a new supplier and its first contact, field by field. */
export function supplierProblems(input: {
  name: string;
  contactEmail: string;
  contactName?: string | null;
}): Problem[] {
  const name = input.name.trim();
  const problems: Problem[] =
    name === '' || name.length > 200
      ? [{ field: 'name', message: 'must be 1 to 200 characters' }]
      : [];
  return [
    ...problems,
    ...contactProblems(
      { email: input.contactEmail, name: input.contactName },
      { email: 'contactEmail', name: 'contactName' },
    ),
  ];
}
