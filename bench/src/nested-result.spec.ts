import {
  firstDifference,
  type NestedLocalAuthority,
  normaliseApiNested,
  normalisePostgraphileNested,
} from './nested-result';

const postgraphileBody = {
  data: {
    localAuthoritiesActiveOn: {
      edges: [
        {
          node: {
            gssCode: 'E09000002',
            name: 'Barking and Dagenham',
            engagementsByLocalAuthorityId: { nodes: [] },
          },
        },
        {
          node: {
            gssCode: 'E06000058',
            name: 'Bournemouth, Christchurch and Poole',
            engagementsByLocalAuthorityId: {
              nodes: [
                {
                  rowId: '459f06a6-cd13-4b26-9e84-c5d4b97616db',
                  serviceLine: 'COACHING_MENTORING',
                  status: 'IN_DELIVERY',
                  latestSessions: {
                    nodes: [
                      {
                        rowId: 'a8e45acd-0239-4c0e-9e52-18b63f750786',
                        status: 'PLANNED',
                        deliveredOn: null,
                        durationMinutes: null,
                      },
                      {
                        rowId: '5bd7a906-4561-4d49-936d-723b7eeb5fdd',
                        status: 'RETURNED',
                        deliveredOn: '2024-02-12',
                        durationMinutes: 120,
                      },
                    ],
                  },
                },
              ],
            },
          },
        },
      ],
    },
  },
};

const apiBody = {
  data: {
    localAuthorities: {
      edges: [
        { node: { gssCode: 'E09000002', name: 'Barking and Dagenham', engagements: [] } },
        {
          node: {
            gssCode: 'E06000058',
            name: 'Bournemouth, Christchurch and Poole',
            engagements: [
              {
                id: '459f06a6-cd13-4b26-9e84-c5d4b97616db',
                serviceLine: 'COACHING_MENTORING',
                status: 'IN_DELIVERY',
                sessions: [
                  {
                    id: 'a8e45acd-0239-4c0e-9e52-18b63f750786',
                    status: 'PLANNED',
                    deliveredOn: null,
                    durationMinutes: null,
                  },
                  {
                    id: '5bd7a906-4561-4d49-936d-723b7eeb5fdd',
                    status: 'RETURNED',
                    deliveredOn: '2024-02-12',
                    durationMinutes: 120,
                  },
                ],
              },
            ],
          },
        },
      ],
    },
  },
};

const expected: NestedLocalAuthority[] = [
  { gssCode: 'E09000002', name: 'Barking and Dagenham', engagements: [] },
  {
    gssCode: 'E06000058',
    name: 'Bournemouth, Christchurch and Poole',
    engagements: [
      {
        id: '459f06a6-cd13-4b26-9e84-c5d4b97616db',
        serviceLine: 'COACHING_MENTORING',
        status: 'IN_DELIVERY',
        sessions: [
          {
            id: 'a8e45acd-0239-4c0e-9e52-18b63f750786',
            status: 'PLANNED',
            deliveredOn: null,
            durationMinutes: null,
          },
          {
            id: '5bd7a906-4561-4d49-936d-723b7eeb5fdd',
            status: 'RETURNED',
            deliveredOn: '2024-02-12',
            durationMinutes: 120,
          },
        ],
      },
    ],
  },
];

describe('normalisePostgraphileNested', () => {
  it('turns connections and row ids into the api’s lists and ids', () => {
    expect(normalisePostgraphileNested(postgraphileBody)).toEqual(expected);
  });

  it('refuses an answer with errors', () => {
    expect(() =>
      normalisePostgraphileNested({
        data: null,
        errors: [
          { message: 'Value "REFERRED_ON_DESC" does not exist in "EngagementOrderBy" enum.' },
        ],
      }),
    ).toThrow(
      'PostGraphile answered with errors: Value "REFERRED_ON_DESC" does not exist in "EngagementOrderBy" enum.',
    );
  });
});

describe('normaliseApiNested', () => {
  it('keeps the fields both sides are asked for', () => {
    expect(normaliseApiNested(apiBody)).toEqual(expected);
  });

  it('refuses an answer without data', () => {
    expect(() => normaliseApiNested({})).toThrow('The api answered without data');
  });
});

describe('firstDifference', () => {
  const sut = firstDifference;
  const [barking, bournemouth] = expected;
  const [engagement] = bournemouth.engagements;

  it('finds none between the two sides’ answers to the same data', () => {
    expect(sut(normaliseApiNested(apiBody), normalisePostgraphileNested(postgraphileBody))).toBe(
      null,
    );
  });

  it('counts the LAs', () => {
    expect(sut(expected, [barking])).toBe('2 LAs expected, 1 found');
  });

  it('names an LA out of order', () => {
    expect(sut(expected, [bournemouth, barking])).toBe(
      'LA 1 (E09000002): found E06000058 Bournemouth, Christchurch and Poole',
    );
  });

  it('names an engagement whose status differs', () => {
    const changed = { ...bournemouth, engagements: [{ ...engagement, status: 'COMPLETED' }] };
    expect(sut(expected, [barking, changed])).toBe(
      'LA 2 (E06000058), engagement 459f06a6-cd13-4b26-9e84-c5d4b97616db: found {"id":"459f06a6-cd13-4b26-9e84-c5d4b97616db","serviceLine":"COACHING_MENTORING","status":"COMPLETED"}',
    );
  });

  it('lists the session ids when the sessions differ in order', () => {
    const reordered = {
      ...bournemouth,
      engagements: [{ ...engagement, sessions: [...engagement.sessions].reverse() }],
    };
    expect(sut(expected, [barking, reordered])).toBe(
      'LA 2 (E06000058), engagement 459f06a6-cd13-4b26-9e84-c5d4b97616db: sessions ["a8e45acd-0239-4c0e-9e52-18b63f750786","5bd7a906-4561-4d49-936d-723b7eeb5fdd"] expected, ["5bd7a906-4561-4d49-936d-723b7eeb5fdd","a8e45acd-0239-4c0e-9e52-18b63f750786"] found',
    );
  });
});
