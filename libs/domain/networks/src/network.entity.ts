import { LocalAuthority, Region } from '@la-tracker/domain/local-authorities';
import { Contract, Programme, Supplier } from '@la-tracker/domain/programmes';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * One regional Lead Member network of a programme (SPEC §5.8, lot 3), linked with the region's
 * improvement alliance (held on the region).
 */
@Entity('lead_member_network')
@Index(['programmeId', 'regionCode'], { unique: true })
export class LeadMemberNetwork {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  // Part of the programme's structure, as its lots are; its meetings keep a programme in use.
  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column({ type: 'varchar', length: 9 })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: Region;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A meeting of a network: when, what it covered, and which LAs came. */
@Entity('network_meeting')
@Index(['programmeId', 'financialYear'])
@Index(['networkId', 'heldOn'])
export class NetworkMeeting {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  networkId!: string;

  @ManyToOne(() => LeadMemberNetwork, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: LeadMemberNetwork;

  /** The network's programme and region, kept with the meeting for scoping. */
  @Column({ type: 'uuid' })
  programmeId!: string;

  @Column({ type: 'varchar', length: 9 })
  regionCode!: string;

  /** The supplier's contract it was delivered under; null when the programme recorded it. */
  @Column({ type: 'uuid', nullable: true })
  contractId!: string | null;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Contract;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  supplierId!: string | null;

  @ManyToOne(() => Supplier, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Supplier;

  @Column({ type: 'date' })
  heldOn!: string;

  /** The year of its date: coverage counts it there (SPEC §5.1). */
  @Column({ type: 'varchar', length: 7 })
  financialYear!: string;

  @Column({ type: 'text', array: true })
  topics!: string[];

  @Column({ type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}

/** An LA that attended a meeting. */
@Entity('network_meeting_attendance')
export class NetworkMeetingAttendance {
  @PrimaryColumn({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => NetworkMeeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: NetworkMeeting;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  localAuthorityId!: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id' })
  localAuthority?: LocalAuthority;
}
