import { dataSourceOptions } from '@la-tracker/platform/database';
import { createTestDatabase, type TestDatabase } from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { PERSONAL_VALUE } from './audit-values.rules';
import { AuditWriter } from './audit-writer';

describe('AuditWriter', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const sut = new AuditWriter();

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(
      dataSourceOptions({ url: database.url, entities: [AuditEvent], migrations: [] }),
    ).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const entry = (entityId: string) => ({
    actorUserId: '5b0e7a9c-1d2f-4e3a-8b4c-6d7e8f9a0b1c',
    action: 'supplier.update',
    entityType: 'supplier',
    entityId,
    before: { status: 'DRAFT', contactEmail: 'old@example.org' },
    after: { status: 'ACTIVE', contactEmail: 'new@example.org' },
    requestId: 'req-1',
  });

  describe('record', () => {
    it('writes who, what, before and after, without personal values', async () => {
      await dataSource.transaction((manager) => sut.record(manager, entry('s-1')));
      const [event] = await dataSource.getRepository(AuditEvent).findBy({ entityId: 's-1' });
      expect(event).toMatchObject({
        actorUserId: '5b0e7a9c-1d2f-4e3a-8b4c-6d7e8f9a0b1c',
        action: 'supplier.update',
        before: { status: 'DRAFT', contactEmail: PERSONAL_VALUE },
        after: { status: 'ACTIVE', contactEmail: PERSONAL_VALUE },
        requestId: 'req-1',
      });
      expect(JSON.stringify(event)).not.toContain('example.org');
    });

    it('leaves no record of a change that rolled back', async () => {
      await expect(
        dataSource.transaction(async (manager) => {
          await sut.record(manager, entry('s-2'));
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await dataSource.getRepository(AuditEvent).countBy({ entityId: 's-2' })).toBe(0);
    });

    it('cannot be edited or deleted afterwards, by anyone', async () => {
      await dataSource.transaction((manager) => sut.record(manager, entry('s-3')));
      await expect(
        dataSource.getRepository(AuditEvent).update({ entityId: 's-3' }, { action: 'x' }),
      ).rejects.toThrow(/append-only/);
      await expect(
        dataSource.getRepository(AuditEvent).delete({ entityId: 's-3' }),
      ).rejects.toThrow(/append-only/);
      expect(
        await dataSource
          .getRepository(AuditEvent)
          .countBy({ entityId: 's-3', action: 'supplier.update' }),
      ).toBe(1);
    });
  });
});
