export * from './directory-file-storage';
export * from './file-storage';
export * from './storage-key.rules';
export * from './storage.module';
