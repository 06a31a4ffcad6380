import { registerEnumType } from '@nestjs/graphql';
import { RATE_UNITS, SERVICE_LINES, TARGET_BASES } from '@la-tracker/domain/programmes';
import { enumOf } from '../graphql/enum-of';

export const ServiceLineEnum = enumOf(SERVICE_LINES);
export const TargetBasisEnum = enumOf(TARGET_BASES);
export const RateUnitEnum = enumOf(RATE_UNITS);

registerEnumType(ServiceLineEnum, {
  name: 'ServiceLine',
  description: 'The kinds of support a programme buys.',
});
registerEnumType(TargetBasisEnum, {
  name: 'TargetBasis',
  description:
    'What a target counts to: a NUMBER, every LA active in the year, every region, or NONE.',
});
registerEnumType(RateUnitEnum, { name: 'RateUnit', description: 'How a contract charges.' });
