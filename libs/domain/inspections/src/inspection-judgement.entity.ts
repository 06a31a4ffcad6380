import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Grade, JudgementArea } from './inspection.types';
import { InspectionRecord } from './inspection-event.entity';

/** One graded judgement of an inspection: rows, so a new framework adds rows, not columns. */
@Entity('inspection_judgement')
@Check(
  'inspection_judgement_grade',
  `"grade" IN ('OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE')`,
)
@Check(
  'inspection_judgement_area',
  `"area" IN ('OVERALL_EFFECTIVENESS', 'IMPACT_OF_LEADERS', 'HELP_AND_PROTECTION', 'CHILDREN_IN_CARE', 'CARE_LEAVERS')`,
)
export class JudgementRecord {
  @PrimaryColumn({ type: 'uuid' })
  inspectionId!: string;

  @PrimaryColumn({ type: 'text' })
  area!: JudgementArea;

  @Column({ type: 'text' })
  framework!: string;

  @Column({ type: 'text' })
  grade!: Grade;

  @ManyToOne(() => InspectionRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inspection_id' })
  inspection?: InspectionRecord;
}
