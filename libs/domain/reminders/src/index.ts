export * from './reminder.rules';
