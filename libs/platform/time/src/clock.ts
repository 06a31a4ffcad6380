import { dateInEngland, type IsoDate } from './iso-date';

/** The one source of "now", injected so that rules and tests can fix the time. */
export abstract class Clock {
  abstract now(): Date;

  today(): IsoDate {
    return dateInEngland(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }

  now(): Date {
    return new Date(this.instant);
  }

  set(instant: Date): void {
    this.instant = instant;
  }
}
