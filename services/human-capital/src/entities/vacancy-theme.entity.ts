import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VacancyEntity } from './vacancy.entity';

/** One area of expertise a vacancy asks for. */
@Entity({ name: 'vacancy_theme' })
@Index('ix_vacancy_theme_theme', ['theme', 'vacancyId'])
export class VacancyThemeEntity {
  @PrimaryColumn({ name: 'vacancy_id', type: 'varchar', length: 64 })
  vacancyId!: string;

  @PrimaryColumn({ type: 'varchar', length: 80 })
  theme!: string;

  @Column({ type: 'int' })
  position!: number;

  @ManyToOne(() => VacancyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vacancy_id', foreignKeyConstraintName: 'fk_vacancy_theme_vacancy' })
  vacancy?: VacancyEntity;
}
