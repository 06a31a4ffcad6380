import {
  allocationFloorProblems,
  allocationProblems,
  hoursAndMinutes,
  overdrawMessage,
  overdrawOf,
  remainingMinutes,
  sessionDraws,
  variationProblems,
  type CoachingBalance,
} from './coaching.rules';

/** Sandwell's leader of the council in the reference scenario: 10 hours, none used yet. */
const sandwell: CoachingBalance = {
  engagementId: 'sandwell',
  role: 'LEADER_OF_COUNCIL',
  allocatedMinutes: 600,
  variationMinutes: 0,
  usedMinutes: 0,
};

describe('remainingMinutes', () => {
  it('is the allocation and variations less what is used', () => {
    expect(remainingMinutes(sandwell)).toBe(600);
    // S4 to S6: 75 + 50 + 60 = 185 used, 600 - 185 = 415 left (6 h 55 min).
    expect(remainingMinutes({ ...sandwell, usedMinutes: 185 })).toBe(415);
    expect(remainingMinutes({ ...sandwell, variationMinutes: 30, usedMinutes: 620 })).toBe(10);
  });
});

describe('hoursAndMinutes', () => {
  it.each([
    [415, '6 h 55 min'],
    [600, '10 h'],
    [125, '2 h 5 min'],
    [45, '45 min'],
    [0, '0 min'],
    [60, '1 h'],
    [-5, '-5 min'],
    [-65, '-1 h 5 min'],
  ])('writes %i minutes as %s', (minutes, text) => {
    expect(hoursAndMinutes(minutes)).toBe(text);
  });
});

describe('allocationProblems', () => {
  it('takes a known role and whole minutes from 0 to 1000 hours', () => {
    expect(allocationProblems({ role: 'LEADER_OF_COUNCIL', minutes: 600 })).toEqual([]);
    expect(allocationProblems({ role: 'LEAD_MEMBER', minutes: 0 })).toEqual([]);
    expect(allocationProblems({ role: 'LEAD_MEMBER', minutes: 60_000 })).toEqual([]);
  });

  it('names each field that is wrong', () => {
    expect(allocationProblems({ role: 'MAYOR', minutes: 1.5 }).map((p) => p.field)).toEqual([
      'role',
      'minutes',
    ]);
    expect(allocationProblems({ role: 'LEAD_MEMBER', minutes: -1 })).toHaveLength(1);
    expect(allocationProblems({ role: 'LEAD_MEMBER', minutes: 60_001 })).toHaveLength(1);
  });
});

describe('variationProblems', () => {
  const variation = { role: 'LEADER_OF_COUNCIL', extraMinutes: 120, reason: 'Budget crisis' };

  it('takes a role, at least a minute, and a reason', () => {
    expect(variationProblems(variation)).toEqual([]);
  });

  it('refuses nothing extra, a blank reason, or one too long', () => {
    expect(variationProblems({ ...variation, extraMinutes: 0 })).toEqual([
      {
        field: 'extraMinutes',
        message: 'must be a whole number of minutes from 1 to 60000 (1000 hours)',
      },
    ]);
    expect(variationProblems({ ...variation, reason: '  ' })).toEqual([
      { field: 'reason', message: 'must say why the variation was approved' },
    ]);
    expect(variationProblems({ ...variation, reason: 'x'.repeat(2001) })).toEqual([
      { field: 'reason', message: 'must be at most 2000 characters' },
    ]);
    expect(variationProblems({ ...variation, role: 'MAYOR' })[0].field).toBe('role');
  });
});

describe('allocationFloorProblems', () => {
  it('lets an allocation fall to what is used, less what variations cover', () => {
    expect(allocationFloorProblems(185, { variationMinutes: 0, usedMinutes: 185 })).toEqual([]);
    expect(allocationFloorProblems(155, { variationMinutes: 30, usedMinutes: 185 })).toEqual([]);
    expect(allocationFloorProblems(0, { variationMinutes: 0, usedMinutes: 0 })).toEqual([]);
  });

  it('refuses one below, saying how low it may go', () => {
    expect(allocationFloorProblems(120, { variationMinutes: 30, usedMinutes: 185 })).toEqual([
      {
        field: 'minutes',
        message:
          'must be at least 155 (2 h 35 min): 3 h 5 min is already used, 30 min of it covered by approved variations',
      },
    ]);
  });
});

describe('sessionDraws', () => {
  const engagements = [
    { id: 'e-sandwell', localAuthorityId: 'la-sandwell' },
    { id: 'e-leeds', localAuthorityId: 'la-leeds' },
  ];

  it('draws the duration once per person, from the role in the engagement of their LA', () => {
    expect(
      sessionDraws(60, engagements, [
        { localAuthorityId: 'la-sandwell', role: 'LEADER_OF_COUNCIL', count: 1 },
        { localAuthorityId: 'la-leeds', role: 'CABINET_MEMBER', count: 2 },
      ]),
    ).toEqual([
      { engagementId: 'e-sandwell', role: 'LEADER_OF_COUNCIL', minutes: 60 },
      { engagementId: 'e-leeds', role: 'CABINET_MEMBER', minutes: 120 },
    ]);
  });

  it('adds up lines of one role and engagement, and ignores an LA outside the cohort', () => {
    expect(
      sessionDraws(75, engagements, [
        { localAuthorityId: 'la-sandwell', role: 'LEAD_MEMBER', count: 1 },
        { localAuthorityId: 'la-sandwell', role: 'LEAD_MEMBER', count: 2 },
        { localAuthorityId: 'la-elsewhere', role: 'LEAD_MEMBER', count: 1 },
      ]),
    ).toEqual([{ engagementId: 'e-sandwell', role: 'LEAD_MEMBER', minutes: 225 }]);
  });

  it('draws nothing from no attendance', () => {
    expect(sessionDraws(60, engagements, [])).toEqual([]);
  });
});

describe('overdrawOf', () => {
  const draw = (minutes: number, role: CoachingBalance['role'] = 'LEADER_OF_COUNCIL') => ({
    engagementId: 'sandwell',
    role,
    minutes,
  });

  it('lets a session use exactly what is left', () => {
    // After S4 and S5 (125 minutes), 475 are left: a session of 475 fits, 476 does not.
    const balance = { ...sandwell, usedMinutes: 125 };
    expect(overdrawOf([balance], [draw(475)])).toBeNull();
    expect(overdrawOf([balance], [draw(476)])).toEqual({ draw: draw(476), balance });
  });

  it('counts approved variations as allowed', () => {
    const balance = { ...sandwell, variationMinutes: 60, usedMinutes: 600 };
    expect(overdrawOf([balance], [draw(60)])).toBeNull();
    expect(overdrawOf([balance], [draw(61)])).not.toBeNull();
  });

  it('treats a role with no allocation as having none', () => {
    expect(overdrawOf([sandwell], [draw(15, 'LEAD_MEMBER')])).toEqual({
      draw: draw(15, 'LEAD_MEMBER'),
      balance: {
        engagementId: 'sandwell',
        role: 'LEAD_MEMBER',
        allocatedMinutes: 0,
        variationMinutes: 0,
        usedMinutes: 0,
      },
    });
  });

  it('finds the first role overdrawn among several', () => {
    const lead = { ...sandwell, role: 'LEAD_MEMBER' as const, allocatedMinutes: 30 };
    expect(overdrawOf([sandwell, lead], [draw(60), draw(60, 'LEAD_MEMBER')])).toEqual({
      draw: draw(60, 'LEAD_MEMBER'),
      balance: lead,
    });
    expect(overdrawOf([sandwell], [])).toBeNull();
  });
});

describe('overdrawMessage', () => {
  it('names the LA, role, allocation, variations and what is left', () => {
    expect(
      overdrawMessage(
        {
          draw: { engagementId: 'sandwell', role: 'LEADER_OF_COUNCIL', minutes: 480 },
          balance: { ...sandwell, variationMinutes: 30, usedMinutes: 185 },
        },
        'Sandwell',
      ),
    ).toBe(
      "Sandwell's LEADER_OF_COUNCIL has 10 h allocated and 30 min in approved variations, of which 7 h 25 min is left; this session would use 8 h. A programme manager may approve a variation.",
    );
  });

  it('says when a role has nothing allocated', () => {
    expect(
      overdrawMessage(
        {
          draw: { engagementId: 'sandwell', role: 'LEAD_MEMBER', minutes: 60 },
          balance: { ...sandwell, role: 'LEAD_MEMBER', allocatedMinutes: 0 },
        },
        'Sandwell',
      ),
    ).toBe(
      'Sandwell has no coaching hours allocated for LEAD_MEMBER; this session would use 1 h. A programme manager may approve a variation.',
    );
  });
});
