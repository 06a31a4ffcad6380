import { ApiError } from '../api/api-client';
import {
  formErrorsFromProblems,
  formErrorsOf,
  isFormRefusal,
  parseReturnReason,
} from './form-errors';

describe('formErrorsOf', () => {
  const fields = { deliveredOn: 'delivered-on', durationMinutes: 'duration', topic: 'topic' };
  const fallback = { message: 'Check the session', firstField: 'delivered-on' };

  it('links each problem to its field and shows it inline', () => {
    const sut = formErrorsOf(
      [
        { field: 'input.deliveredOn', message: 'Enter a date that is not in the future' },
        { field: 'durationMinutes', message: 'Enter 15 minutes to 12 hours' },
      ],
      fields,
      fallback,
    );
    expect(sut.errorList).toEqual([
      { text: 'Enter a date that is not in the future', href: '#delivered-on' },
      { text: 'Enter 15 minutes to 12 hours', href: '#duration' },
    ]);
    expect(sut.byField).toEqual({
      'delivered-on': { text: 'Enter a date that is not in the future' },
      duration: { text: 'Enter 15 minutes to 12 hours' },
    });
  });

  it('places a problem of a nested field on its parent field', () => {
    const sut = formErrorsOf(
      [{ field: 'input.topic.length', message: 'Too long' }],
      fields,
      fallback,
    );
    expect(sut.byField).toEqual({ topic: { text: 'Too long' } });
  });

  it('keeps the first message for a field and lists every problem', () => {
    const sut = formErrorsOf(
      [
        { field: 'topic', message: 'First' },
        { field: 'topic', message: 'Second' },
      ],
      fields,
      fallback,
    );
    expect(sut.errorList).toHaveLength(2);
    expect(sut.byField.topic).toEqual({ text: 'First' });
  });

  it('lists a problem with no field, or none at all, against the first field', () => {
    expect(formErrorsOf([{ field: 'other', message: 'Odd' }], fields, fallback).errorList).toEqual([
      { text: 'Odd', href: '#delivered-on' },
    ]);
    expect(formErrorsOf([], fields, fallback).errorList).toEqual([
      { text: 'Check the session', href: '#delivered-on' },
    ]);
  });
});

describe('isFormRefusal', () => {
  it('takes refusals a person can put right from the form', () => {
    for (const code of [
      'BAD_USER_INPUT',
      'NOT_ELIGIBLE',
      'CAP_REACHED',
      'INVALID_TRANSITION',
      'CONFLICT',
    ])
      expect(isFormRefusal(new ApiError(code, 'no'))).toBe(true);
  });

  it('leaves the rest to the error pages', () => {
    expect(isFormRefusal(new ApiError('FORBIDDEN', 'no'))).toBe(false);
    expect(isFormRefusal(new ApiError('NOT_FOUND', 'no'))).toBe(false);
    expect(isFormRefusal(new Error('no'))).toBe(false);
  });
});

describe('formErrorsFromProblems', () => {
  it('links each problem to its field and keeps the first per field', () => {
    expect(
      formErrorsFromProblems([
        { field: 'hours', message: 'First' },
        { field: 'hours', message: 'Second' },
      ]),
    ).toEqual({
      errorList: [
        { text: 'First', href: '#hours' },
        { text: 'Second', href: '#hours' },
      ],
      byField: { hours: { text: 'First' } },
    });
  });
});

describe('parseReturnReason', () => {
  it('needs words', () => {
    expect(parseReturnReason({ reason: '  ' })).toEqual({
      problem: 'Enter why you are sending it back',
    });
    expect(parseReturnReason({})).toEqual({ problem: 'Enter why you are sending it back' });
    expect(parseReturnReason({ reason: ' Add the councillors ' })).toEqual({
      reason: 'Add the councillors',
    });
  });
});
