export * from './reminder.rules';
export * from './reminder-scan.module';
export * from './reminder-scan.repository';
export * from './reminder-scan.service';
