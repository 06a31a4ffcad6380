import { localAuthorityMatcher, type MatchableLocalAuthority } from './inspection-la-match.rules';

const la = (
  id: string,
  gssCode: string,
  dfeCode: string,
  name: string,
  extra: Partial<MatchableLocalAuthority> = {},
): MatchableLocalAuthority => ({
  id,
  gssCode,
  dfeCode,
  name,
  validFrom: null,
  validTo: null,
  earlierGssCodes: [],
  aliases: [],
  ...extra,
});

const LAS = [
  la('durham', 'E06000047', '840', 'County Durham', { aliases: ['durham'] }),
  la('bristol', 'E06000023', '801', 'Bristol, City of'),
  la('st-helens', 'E08000013', '342', 'St. Helens'),
  la('north-yorks', 'E06000065', '815', 'North Yorkshire', { earlierGssCodes: ['E10000023'] }),
  la('dorset-county', 'E10000009', '835', 'Dorset', { validTo: '2019-03-31' }),
  la('dorset', 'E06000059', '838', 'Dorset', { validFrom: '2019-04-01' }),
  la('cumbria', 'E10000006', '909', 'Cumbria', { validTo: '2023-03-31' }),
];

describe('localAuthorityMatcher', () => {
  const sut = localAuthorityMatcher(LAS);
  const place = (
    laName: string,
    laCode: string | null = null,
    date: string | null = '2023-01-01',
  ) => sut({ laName, laCode, date });

  describe('by code', () => {
    it('takes the current ONS code, an earlier one, or a DfE code, whatever the name says', () => {
      expect(place('Anything', 'E06000065')).toEqual({
        localAuthorityId: 'north-yorks',
        by: 'CODE',
      });
      expect(place('North Yorkshire', 'E10000023')).toEqual({
        localAuthorityId: 'north-yorks',
        by: 'CODE',
      });
      expect(place('Durham', '840')).toEqual({ localAuthorityId: 'durham', by: 'CODE' });
      expect(place('Dorset', ' e06000059 ', '2010-01-01')).toEqual({
        localAuthorityId: 'dorset',
        by: 'CODE',
      });
    });

    it('places an abolished LA by its code', () => {
      expect(place('Cumbria', 'E10000006', '2024-01-01')).toEqual({
        localAuthorityId: 'cumbria',
        by: 'CODE',
      });
    });

    it('falls back to the name when no LA has the code', () => {
      expect(place('Cumbria', 'E99999999')).toEqual({ localAuthorityId: 'cumbria', by: 'NAME' });
    });
  });

  describe('by name', () => {
    it('ignores case, punctuation and ", City of"', () => {
      expect(place('BRISTOL')).toEqual({ localAuthorityId: 'bristol', by: 'NAME' });
      expect(place('St Helens')).toEqual({ localAuthorityId: 'st-helens', by: 'NAME' });
    });

    it('uses an alias when no LA has the name', () => {
      expect(place('Durham')).toEqual({ localAuthorityId: 'durham', by: 'ALIAS' });
    });

    it('picks between LAs of one name by which existed on the row’s date', () => {
      expect(place('Dorset', null, '2021-09-27')).toEqual({
        localAuthorityId: 'dorset',
        by: 'NAME',
      });
      expect(place('Dorset', null, '2018-10-01')).toEqual({
        localAuthorityId: 'dorset-county',
        by: 'NAME',
      });
    });
  });

  describe('rows not placed', () => {
    it('says when a shared name cannot be told apart', () => {
      const placement = place('Dorset', null, null);
      expect(placement).toEqual({
        localAuthorityId: null,
        reason: expect.stringContaining(
          '"Dorset" is the name of Dorset (E10000009) and Dorset (E06000059), and the row has no date',
        ),
      });
    });

    it('says when no LA has the code or the name', () => {
      expect(place('Atlantis', 'E06999999')).toEqual({
        localAuthorityId: null,
        reason: expect.stringMatching(
          /^no LA has the code E06999999, and no LA is named "Atlantis"/,
        ),
      });
      expect(place('Atlantis')).toEqual({
        localAuthorityId: null,
        reason: expect.stringMatching(/^no LA is named "Atlantis" or has it as an alias/),
      });
      expect(place('  ')).toEqual({ localAuthorityId: null, reason: 'the row names no LA' });
    });
  });
});
