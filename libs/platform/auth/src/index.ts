export * from './caller';
export * from './role';
export * from './token-verifier';
