import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@la-tracker/platform/config';
import { DirectoryFileStorage } from './directory-file-storage';
import { FileStorage } from './file-storage';

/** `FileStorage` for every module: a directory, `FILE_STORAGE_DIR`. */
@Module({})
export class StorageModule {
  static forRoot(config: Pick<AppConfig, 'fileStorageDir'>): DynamicModule {
    return {
      module: StorageModule,
      global: true,
      providers: [
        { provide: FileStorage, useValue: new DirectoryFileStorage(config.fileStorageDir) },
      ],
      exports: [FileStorage],
    };
  }
}
