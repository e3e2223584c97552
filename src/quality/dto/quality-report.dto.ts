import { ApiProperty } from '@nestjs/swagger';
import type { QualityVerdict, StemPresence } from '../master-quality';

const VERDICTS: QualityVerdict[] = ['passed', 'corrected', 'failed', 'out_of_spec', 'unreadable'];
const PRESENCE: StemPresence[] = ['present', 'missing', 'silent', 'unchecked'];

export class QualitySpecDto {
  @ApiProperty({ example: -14 })
  integrated_lufs!: number;

  @ApiProperty({ example: 0.5 })
  tolerance_lu!: number;

  @ApiProperty({ example: -1 })
  max_true_peak_dbtp!: number;
}

export class MasterMeasurementDto {
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Integrated loudness (ITU-R BS.1770-4, gated); null when silent.',
    example: -14.02,
  })
  integrated_lufs!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'True peak, 4x oversampled; null for digital silence.',
    example: -1.21,
  })
  true_peak_dbtp!: number | null;

  @ApiProperty({ description: 'Runs of three or more full-scale samples.', example: 0 })
  clipped_runs!: number;

  @ApiProperty({ example: 31.6 })
  duration_seconds!: number;

  @ApiProperty({ description: 'Seconds of 100 ms windows below -60 dBFS.', example: 0.3 })
  silent_seconds!: number;

  @ApiProperty({ example: 0.3 })
  longest_silence_seconds!: number;

  @ApiProperty({ description: 'Left/right correlation; 1 for mono.', example: 0.62 })
  stereo_correlation!: number;

  @ApiProperty({ example: 48_000 })
  sample_rate!: number;

  @ApiProperty({ example: 2 })
  channels!: number;
}

export class QualityCorrectionDto {
  @ApiProperty({ example: -5.1 })
  gain_db!: number;

  @ApiProperty({ example: 1.8 })
  limiter_reduction_db!: number;

  @ApiProperty({
    type: [String],
    example: ['gain -5.1 dB', 'true-peak limiting under -1.2 dBTP (up to 1.8 dB reduction)'],
  })
  actions!: string[];
}

export class StemCheckDto {
  @ApiProperty({ example: 'drums' })
  instrument!: string;

  @ApiProperty({
    enum: PRESENCE,
    description: '`unchecked`: the stem is not a file this server can read.',
    example: 'present',
  })
  status!: StemPresence;

  @ApiProperty({ nullable: true, type: Number, example: 30.8 })
  duration_seconds!: number | null;

  @ApiProperty({ required: false, example: 'no such file' })
  detail?: string;
}

export class QualityReportDto {
  @ApiProperty({
    enum: VERDICTS,
    description:
      "`passed`: in spec as mixed; `corrected`: ours, corrected into a new file (the one delivered); `failed`: ours and not deliverable (the job failed); `out_of_spec`: an external mixing service's master, reported only; `unreadable`: an external master this server cannot read.",
    example: 'corrected',
  })
  verdict!: QualityVerdict;

  @ApiProperty({
    description:
      'Whether the master was ours to correct: the embedded mixer, or MIXING_MASTERING_OWNED=true.',
    example: true,
  })
  owned!: boolean;

  @ApiProperty({ type: QualitySpecDto })
  spec!: QualitySpecDto;

  @ApiProperty({
    description: "The mixing service's master, as it named it.",
    example: '/data/artifacts/output/job_3f9c2a1b7d4e_master.wav',
  })
  source!: string;

  @ApiProperty({
    description: 'The master delivered: `source`, or the corrected file.',
    example: '/data/artifacts/output/job_3f9c2a1b7d4e_master_corrected.wav',
  })
  delivered!: string;

  @ApiProperty({ type: MasterMeasurementDto, nullable: true })
  measured!: MasterMeasurementDto | null;

  @ApiProperty({
    type: MasterMeasurementDto,
    nullable: true,
    description: 'The corrected file, measured again.',
  })
  corrected!: MasterMeasurementDto | null;

  @ApiProperty({ type: QualityCorrectionDto, nullable: true })
  correction!: QualityCorrectionDto | null;

  @ApiProperty({ type: [StemCheckDto] })
  stems!: StemCheckDto[];

  @ApiProperty({
    type: [String],
    description: 'What is out of spec in `source`, or why it cannot be delivered.',
    example: ['true peak 0 dBTP, above -1 dBTP'],
  })
  problems!: string[];

  @ApiProperty({ type: [String], example: [] })
  warnings!: string[];
}
