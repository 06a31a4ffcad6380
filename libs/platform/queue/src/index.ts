export * from './jobs';
export * from './queue.module';
