import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('kpi_targets')
export class KpiTargetEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  /** null: the organisation-wide target, for teams without one of their own. */
  @Column('uuid', { name: 'team_id', nullable: true })
  teamId!: string | null;

  @Column('text')
  metric!: string;

  @Column('double precision')
  value!: number;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', insert: false })
  updatedAt!: Date;
}
