import { ATTENDEE_ROLES, type AttendeeRole } from '@la-tracker/domain/programmes';

/** More than any one leader is coached in a programme: a typing slip, not an allocation. */
export const MAX_ALLOCATION_MINUTES = 1000 * 60;
const MAX_REASON = 2000;

type Problem = { field: string; message: string };

/** Where one role of one engagement stands (SPEC §5.7), in minutes. */
export interface CoachingBalance {
  engagementId: string;
  role: AttendeeRole;
  allocatedMinutes: number;
  /** The sum of the approved variations. */
  variationMinutes: number;
  /** What recorded sessions (draft, submitted, returned or approved) have drawn. */
  usedMinutes: number;
}

/** What a role may still use: its allocation and approved variations, less what is used. */
export function remainingMinutes(balance: CoachingBalance): number {
  return balance.allocatedMinutes + balance.variationMinutes - balance.usedMinutes;
}

/** "6 h 55 min", "10 h", "45 min", "0 min": how hours are written for people. */
export function hoursAndMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  if (hours === 0) return `${sign}${rest} min`;
  return rest === 0 ? `${sign}${hours} h` : `${sign}${hours} h ${rest} min`;
}

function isRole(role: string): role is AttendeeRole {
  return (ATTENDEE_ROLES as readonly string[]).includes(role);
}

const roleProblems = (role: string): Problem[] =>
  isRole(role) ? [] : [{ field: 'role', message: `must be one of ${ATTENDEE_ROLES.join(', ')}` }];

export function allocationProblems(input: { role: string; minutes: number }): Problem[] {
  return [
    ...roleProblems(input.role),
    ...(Number.isInteger(input.minutes) &&
    input.minutes >= 0 &&
    input.minutes <= MAX_ALLOCATION_MINUTES
      ? []
      : [
          {
            field: 'minutes',
            message: `must be a whole number of minutes from 0 to ${MAX_ALLOCATION_MINUTES} (1000 hours)`,
          },
        ]),
  ];
}

export function variationProblems(input: {
  role: string;
  extraMinutes: number;
  reason: string;
}): Problem[] {
  const reason = input.reason.trim();
  return [
    ...roleProblems(input.role),
    ...(Number.isInteger(input.extraMinutes) &&
    input.extraMinutes >= 1 &&
    input.extraMinutes <= MAX_ALLOCATION_MINUTES
      ? []
      : [
          {
            field: 'extraMinutes',
            message: `must be a whole number of minutes from 1 to ${MAX_ALLOCATION_MINUTES} (1000 hours)`,
          },
        ]),
    ...(reason.length === 0
      ? [{ field: 'reason', message: 'must say why the variation was approved' }]
      : reason.length > MAX_REASON
        ? [{ field: 'reason', message: `must be at most ${MAX_REASON} characters` }]
        : []),
  ];
}

/**
 * An allocation may be cut, but not below what is already used less the approved variations:
 * delivery already recorded stays within what was allowed.
 */
export function allocationFloorProblems(
  minutes: number,
  balance: Pick<CoachingBalance, 'variationMinutes' | 'usedMinutes'>,
): Problem[] {
  const floor = balance.usedMinutes - balance.variationMinutes;
  return minutes < floor
    ? [
        {
          field: 'minutes',
          message: `must be at least ${floor} (${hoursAndMinutes(floor)}): ${hoursAndMinutes(balance.usedMinutes)} is already used, ${hoursAndMinutes(balance.variationMinutes)} of it covered by approved variations`,
        },
      ]
    : [];
}

/** What a recorded coaching session draws from one role of one engagement. */
export interface CoachingDraw {
  engagementId: string;
  role: AttendeeRole;
  minutes: number;
}

/**
 * A session draws its duration once for each person present, from the role they hold in the
 * engagement of their LA: 60 minutes with two cabinet members draws 120 minutes of that role.
 */
export function sessionDraws(
  durationMinutes: number,
  engagements: ReadonlyArray<{ id: string; localAuthorityId: string }>,
  attendance: ReadonlyArray<{ localAuthorityId: string; role: AttendeeRole; count: number }>,
): CoachingDraw[] {
  const draws: CoachingDraw[] = [];
  for (const line of attendance) {
    const engagement = engagements.find((e) => e.localAuthorityId === line.localAuthorityId);
    if (!engagement) continue;
    const drawn = draws.find((d) => d.engagementId === engagement.id && d.role === line.role);
    if (drawn) drawn.minutes += durationMinutes * line.count;
    else
      draws.push({
        engagementId: engagement.id,
        role: line.role,
        minutes: durationMinutes * line.count,
      });
  }
  return draws;
}

/** A draw that would take a role past its allocation and approved variations. */
export interface Overdraw {
  draw: CoachingDraw;
  balance: CoachingBalance;
}

/**
 * The first draw the balances cannot meet (SPEC §5.7), or null when all fit. `balances` leave
 * out the session being checked; a role with no balance has nothing allocated.
 */
export function overdrawOf(
  balances: readonly CoachingBalance[],
  draws: readonly CoachingDraw[],
): Overdraw | null {
  for (const draw of draws) {
    const balance = balances.find(
      (b) => b.engagementId === draw.engagementId && b.role === draw.role,
    ) ?? {
      engagementId: draw.engagementId,
      role: draw.role,
      allocatedMinutes: 0,
      variationMinutes: 0,
      usedMinutes: 0,
    };
    if (draw.minutes > remainingMinutes(balance)) return { draw, balance };
  }
  return null;
}

/** Says, for a person, why a session was refused: the role, its allocation and what is left. */
export function overdrawMessage({ draw, balance }: Overdraw, localAuthorityName: string): string {
  const left = Math.max(remainingMinutes(balance), 0);
  const allowed =
    balance.allocatedMinutes + balance.variationMinutes === 0
      ? `${localAuthorityName} has no coaching hours allocated for ${draw.role}`
      : `${localAuthorityName}'s ${draw.role} has ${hoursAndMinutes(balance.allocatedMinutes)} allocated` +
        (balance.variationMinutes > 0
          ? ` and ${hoursAndMinutes(balance.variationMinutes)} in approved variations`
          : '') +
        `, of which ${hoursAndMinutes(left)} is left`;
  return `${allowed}; this session would use ${hoursAndMinutes(draw.minutes)}. A programme manager may approve a variation.`;
}
