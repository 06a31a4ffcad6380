// Refreshes src/data/bank-holidays-england-and-wales.csv from GOV.UK's bank holidays feed.
//   node libs/domain/calendar/scripts/update-bank-holidays.mjs [bank-holidays.json]
// Without a file it downloads https://www.gov.uk/bank-holidays.json. Years in the feed replace
// those years in the file; earlier years the feed no longer lists are kept. A year with fewer than
// 8 holidays is refused: England and Wales have had at least 8 every year since 1978, so fewer
// means a year GOV.UK has not fully announced, and the calendar would treat it as complete.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FEED = 'https://www.gov.uk/bank-holidays.json';
const FILE = join(import.meta.dirname, '..', 'src', 'data', 'bank-holidays-england-and-wales.csv');
const MIN_PER_YEAR = 8;

const source = process.argv[2];
const feed = source
  ? JSON.parse(readFileSync(source, 'utf8'))
  : await fetch(FEED).then((response) => {
      if (!response.ok) throw new Error(`${FEED} answered ${response.status}`);
      return response.json();
    });
const events = feed?.['england-and-wales']?.events;
if (!Array.isArray(events)) throw new Error('No "england-and-wales" events in the feed.');

const byYear = (rows) => {
  const years = new Map();
  for (const row of rows) {
    const year = Number(row.date.slice(0, 4));
    years.set(year, [...(years.get(year) ?? []), row]);
  }
  return years;
};

const csvField = (value) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const parseLine = (line) => {
  const fields = [];
  for (const match of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g))
    fields.push(match[1] !== undefined ? match[1].replaceAll('""', '"') : match[2]);
  return fields;
};

const [header, ...lines] = readFileSync(FILE, 'utf8').trim().split('\n');
if (header !== 'date,title,notes') throw new Error(`Unexpected header in ${FILE}: ${header}`);
const current = byYear(
  lines.map((line) => {
    const [date, title, notes = ''] = parseLine(line);
    return { date, title, notes };
  }),
);

const incoming = byYear(
  events.map(({ date, title, notes }) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Not a date in the feed: ${date}`);
    return { date, title: String(title).trim(), notes: String(notes ?? '').trim() };
  }),
);
const merged = new Map(current);
for (const [year, rows] of incoming) {
  if (rows.length < MIN_PER_YEAR) {
    console.warn(`Skipping ${year}: only ${rows.length} holidays listed (incomplete?).`);
    continue;
  }
  merged.set(year, rows);
}

const years = [...merged.keys()].sort((a, b) => a - b);
for (let year = years[0]; year <= years.at(-1); year += 1)
  if (!merged.has(year)) throw new Error(`The result would have no holidays for ${year}.`);

const rows = years.flatMap((year) => merged.get(year)).sort((a, b) => a.date.localeCompare(b.date));
const text = [
  'date,title,notes',
  ...rows.map((r) => [r.date, r.title, r.notes].map(csvField).join(',')),
];
writeFileSync(FILE, `${text.join('\n')}\n`);

const before = new Set(lines.map((line) => parseLine(line).join(',')));
const after = new Set(text.slice(1).map((line) => parseLine(line).join(',')));
const added = [...after].filter((row) => !before.has(row));
const removed = [...before].filter((row) => !after.has(row));
console.log(`Years ${years[0]} to ${years.at(-1)}: ${rows.length} holidays.`);
for (const row of removed) console.log(`- ${row}`);
for (const row of added) console.log(`+ ${row}`);
