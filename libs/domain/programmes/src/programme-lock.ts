import type { Caller } from '@la-tracker/platform/auth';
import { isUuid } from '@la-tracker/platform/database';
import { NotFoundError } from '@la-tracker/platform/errors';
import type { EntityManager } from 'typeorm';
import { mayChangeProgramme } from './programme-access.rules';
import { Programme } from './programme.entity';

/**
 * The programme a change is about, locked until the change commits so changes to one programme
 * never interleave. NOT_FOUND when the caller may not change it, as if it did not exist.
 */
export async function programmeToChange(
  manager: EntityManager,
  caller: Caller,
  programmeId: string,
): Promise<Programme> {
  const programme =
    isUuid(programmeId) && mayChangeProgramme(caller, programmeId)
      ? await manager
          .getRepository(Programme)
          .findOne({ where: { id: programmeId }, lock: { mode: 'pessimistic_write' } })
      : null;
  if (!programme) throw new NotFoundError('Programme', programmeId);
  return programme;
}
