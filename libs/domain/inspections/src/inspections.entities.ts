import { ConcernRecord } from './concern.entity';
import { InspectionRecord } from './inspection-event.entity';
import { InspectionImportRequestRecord } from './inspection-import-request.entity';
import { JudgementRecord } from './inspection-judgement.entity';

export const inspectionEntities = [
  InspectionRecord,
  JudgementRecord,
  ConcernRecord,
  InspectionImportRequestRecord,
];
