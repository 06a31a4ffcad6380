import type { ValidationError } from '@nestjs/common';
import { fieldProblems } from './validation.pipe';

describe('fieldProblems', () => {
  it('names nested fields by their path', () => {
    const errors: ValidationError[] = [
      {
        property: 'input',
        children: [
          {
            property: 'reason',
            constraints: { isNotEmpty: 'reason should not be empty' },
            children: [],
          },
        ],
      },
      {
        property: 'first',
        constraints: { max: 'first must not be greater than 100' },
        children: [],
      },
    ];
    expect(fieldProblems(errors)).toEqual([
      { field: 'input.reason', message: 'reason should not be empty' },
      { field: 'first', message: 'first must not be greater than 100' },
    ]);
  });
});
