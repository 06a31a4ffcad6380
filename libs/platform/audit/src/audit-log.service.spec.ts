import { auditChanges } from './audit-log.service';

describe('auditChanges', () => {
  it('lists the fields that changed, with both values', () => {
    expect(
      auditChanges(
        { status: 'REFERRED', contractId: null, reason: 'x' },
        { status: 'APPROVED', contractId: 'c-1', reason: 'x' },
      ),
    ).toEqual([
      { field: 'status', before: 'REFERRED', after: 'APPROVED' },
      { field: 'contractId', before: null, after: 'c-1' },
    ]);
  });

  it('treats a new record as every field changing from null', () => {
    expect(auditChanges(null, { status: 'REFERRED', overrideReason: null })).toEqual([
      { field: 'status', before: null, after: 'REFERRED' },
    ]);
  });

  it('compares nested values by content', () => {
    expect(
      auditChanges(
        { rates: [{ unit: 'PER_HOUR', amountPence: 9500 }] },
        { rates: [{ unit: 'PER_HOUR', amountPence: 9500 }] },
      ),
    ).toEqual([]);
    expect(auditChanges({ basis: ['A'] }, { basis: ['A', 'B'] })).toEqual([
      { field: 'basis', before: ['A'], after: ['A', 'B'] },
    ]);
  });
});
