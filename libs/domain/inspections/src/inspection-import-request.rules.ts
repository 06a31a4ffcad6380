import type { FieldProblem } from '@la-tracker/platform/errors';

export const INSPECTION_IMPORT_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const;
export type InspectionImportStatus = (typeof INSPECTION_IMPORT_STATUSES)[number];

/** Ofsted's editions are well under 1 MB; anything this big is not one. */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;
const MAX_FILE_NAME_LENGTH = 255;

/**
 * What refuses a file before it is queued: only what is plainly wrong, since reading it as an
 * Ofsted edition is the import's job.
 */
export function importFileProblems(file: { fileName: string; size: number }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (file.fileName.trim() === '') problems.push({ field: 'fileName', message: 'is empty' });
  else if (file.fileName.length > MAX_FILE_NAME_LENGTH)
    problems.push({
      field: 'fileName',
      message: `is longer than ${MAX_FILE_NAME_LENGTH} characters`,
    });
  else if (/[\u0000-\u001f\u007f]/.test(file.fileName))
    problems.push({ field: 'fileName', message: 'has control characters' });
  if (file.size === 0) problems.push({ field: 'file', message: 'is empty' });
  else if (file.size > MAX_IMPORT_FILE_BYTES)
    problems.push({
      field: 'file',
      message: `is larger than ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB, so it is not an Ofsted edition`,
    });
  return problems;
}

/** A finished request is never run again; a RUNNING one was left by a worker that stopped. */
export function isFinished(status: InspectionImportStatus): boolean {
  return status === 'DONE' || status === 'FAILED';
}
