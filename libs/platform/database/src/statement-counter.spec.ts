import { statementCounter, StatementCountingLogger } from './statement-counter';

describe('statementCounter', () => {
  const logger = new StatementCountingLogger();

  it('counts the statements of each unit of work apart', async () => {
    const first = statementCounter.run(async () => {
      logger.logQuery();
      await Promise.resolve();
      logger.logQuery();
      return statementCounter.current();
    });
    const second = statementCounter.run(() => {
      logger.logQuery();
      return Promise.resolve(statementCounter.current());
    });
    expect(await Promise.all([first, second])).toEqual([2, 1]);
  });

  it('counts nothing outside a unit of work', () => {
    logger.logQuery();
    expect(statementCounter.current()).toBeUndefined();
  });
});
