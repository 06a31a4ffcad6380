import { isIsoDate, type IsoDate } from '@la-tracker/platform/time';

export const NETWORK_SERVICE_LINE = 'LEAD_MEMBER_NETWORKS';
export const MAX_TOPICS = 20;
const MAX_TOPIC = 200;
/** More LAs than any region has. */
export const MAX_ATTENDING = 100;

type Problem = { field: string; message: string };

/** A meeting's date (not in the future, in England) and its topics and attending LAs. */
export function meetingProblems(
  input: {
    heldOn: string;
    topics: readonly string[];
    attendingLocalAuthorityCodes: readonly string[];
  },
  today: IsoDate,
): Problem[] {
  const problems: Problem[] = [];
  if (!isIsoDate(input.heldOn))
    problems.push({ field: 'heldOn', message: 'must be a date (YYYY-MM-DD)' });
  else if (input.heldOn > today)
    problems.push({ field: 'heldOn', message: 'must not be in the future' });
  const topics = input.topics.map((topic) => topic.trim());
  if (topics.length === 0 || topics.length > MAX_TOPICS)
    problems.push({ field: 'topics', message: `must list from 1 to ${MAX_TOPICS} topics` });
  topics.forEach((topic, i) => {
    if (topic.length === 0 || topic.length > MAX_TOPIC)
      problems.push({ field: `topics[${i}]`, message: `must be 1 to ${MAX_TOPIC} characters` });
  });
  const codes = input.attendingLocalAuthorityCodes.map(normalisedCode);
  if (codes.length === 0 || codes.length > MAX_ATTENDING)
    problems.push({
      field: 'attendingLocalAuthorityCodes',
      message: `must list from 1 to ${MAX_ATTENDING} local authorities`,
    });
  codes.forEach((code, i) => {
    if (codes.indexOf(code) !== i)
      problems.push({
        field: `attendingLocalAuthorityCodes[${i}]`,
        message: `${code} is listed twice`,
      });
  });
  return problems;
}

export function normalisedCode(code: string): string {
  return code.trim().toUpperCase();
}

/** An LA as the attendance rules need it. */
export interface AttendingLocalAuthority {
  name: string;
  regionCode: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

/**
 * Each attending LA must be one of the network's region, and exist on the meeting's date: an LA
 * of another region is named, so the mistake is plain.
 */
export function attendanceProblems(
  codes: readonly string[],
  found: ReadonlyArray<AttendingLocalAuthority | undefined>,
  network: { regionCode: string; regionName: string },
  heldOn: IsoDate,
): Problem[] {
  return codes.flatMap((code, i): Problem[] => {
    const field = `attendingLocalAuthorityCodes[${i}]`;
    const la = found[i];
    if (!la) return [{ field, message: `${normalisedCode(code)} is not a local authority` }];
    if (la.regionCode !== network.regionCode)
      return [
        {
          field,
          message: `${la.name} is not in the ${network.regionName} (the network's region)`,
        },
      ];
    if (!isActiveBetween(la, heldOn, heldOn))
      return [{ field, message: `${la.name} did not exist on ${heldOn}` }];
    return [];
  });
}

/** Whether an LA existed on any day from `from` to `to`. */
export function isActiveBetween(
  la: Pick<AttendingLocalAuthority, 'validFrom' | 'validTo'>,
  from: IsoDate,
  to: IsoDate,
): boolean {
  return (
    (la.validFrom === null || la.validFrom <= to) && (la.validTo === null || la.validTo >= from)
  );
}

/** A region's coverage for a year (SPEC §5.8). */
export interface RegionCoverage {
  regionCode: string;
  attendedCount: number;
  activeCount: number;
  /** attended ÷ active, 0 to 1; 0 for a region with no LAs. */
  share: number;
}

/**
 * The share of a region's LAs that attended its network at least once in the year. The LAs
 * counted are those that existed on any day of the year, as a year's reach targets count them.
 */
export function coverageOf(
  regionCode: string,
  activeIds: readonly string[],
  attendedIds: readonly string[],
): RegionCoverage {
  const active = new Set(activeIds);
  const attended = new Set(attendedIds.filter((id) => active.has(id)));
  return {
    regionCode,
    attendedCount: attended.size,
    activeCount: active.size,
    share: active.size === 0 ? 0 : attended.size / active.size,
  };
}
