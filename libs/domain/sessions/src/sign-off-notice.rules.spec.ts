import { signOffNotices, signOffSummary, type SubmittedSession } from './sign-off-notice.rules';

const SESSION: SubmittedSession = {
  id: '2a000000-0000-4000-8000-000000000001',
  programmeId: '1a000000-0000-4000-8000-000000000001',
  deliveredOn: '2022-09-14',
  // 23:30 in London on 30 September 2022 (BST): submitted on the 30th there, not the 1st.
  submittedAt: new Date('2022-09-30T22:30:00.123Z'),
  localAuthorityNames: ['Middlesbrough', 'Hartlepool'],
};
const MANAGERS = ['ee000000-0000-4000-8000-000000000002', 'ee000000-0000-4000-8000-000000000001'];

describe('signOffNotices', () => {
  it('tells each manager once, with a key naming the session and its submission', () => {
    const sut = signOffNotices(SESSION, [...MANAGERS, MANAGERS[0]]);
    expect(sut).toEqual([
      {
        key: 'session_awaiting_sign_off:2a000000-0000-4000-8000-000000000001:2022-09-30t22:30:00.123z:programme_manager:ee000000-0000-4000-8000-000000000001',
        kind: 'SESSION_AWAITING_SIGN_OFF',
        subjectId: SESSION.id,
        programmeId: SESSION.programmeId,
        recipientType: 'PROGRAMME_MANAGER',
        recipientId: MANAGERS[1],
        dueOn: '2022-09-30',
        summary:
          'The session of 14 September 2022 for Hartlepool, Middlesbrough was submitted on 30 September 2022 and awaits your sign-off.',
      },
      expect.objectContaining({ recipientId: MANAGERS[0] }),
    ]);
  });

  it('gives the same submission the same keys, and a later submission new ones', () => {
    const keys = (session: SubmittedSession) =>
      signOffNotices(session, MANAGERS).map((notice) => notice.key);
    expect(keys({ ...SESSION })).toEqual(keys(SESSION));
    const again = keys({ ...SESSION, submittedAt: new Date('2022-10-03T09:00:00Z') });
    expect(again.filter((key) => keys(SESSION).includes(key))).toEqual([]);
  });

  it('tells nobody when the programme has no manager', () => {
    expect(signOffNotices(SESSION, [])).toEqual([]);
  });
});

describe('signOffSummary', () => {
  it('names the session by its day alone when it covers no LA on record', () => {
    expect(signOffSummary({ ...SESSION, localAuthorityNames: [] })).toBe(
      'The session of 14 September 2022 was submitted on 30 September 2022 and awaits your sign-off.',
    );
  });
});
