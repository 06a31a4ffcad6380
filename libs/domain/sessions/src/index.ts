export * from './session.rules';
