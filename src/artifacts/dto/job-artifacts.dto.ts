import { ApiProperty } from '@nestjs/swagger';
import { JobStatus } from '../../jobs/job-status';
import { ArtifactKind } from '../artifact-kind';

export class ArtifactDto {
  @ApiProperty({
    enum: ArtifactKind,
    description:
      "`stem`: one instrument from sound generation; `mix`: the mixing service's master as it came, listed when it is not the track delivered (the quality check corrected it, or failed the job); `final`: the mastered track delivered.",
    example: ArtifactKind.Stem,
  })
  kind!: ArtifactKind;

  @ApiProperty({
    description: 'File name, the last segment of `url`.',
    example: 'job_3f9c2a1b7d4e_drums.wav',
  })
  name!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The instrument of a stem; null for the final track.',
    example: 'drums',
  })
  instrument!: string | null;

  @ApiProperty({
    description:
      'Where to download it. Files served here (`/artifacts/...`) accept `Range` and `HEAD`.',
    example: 'http://127.0.0.1:3000/artifacts/stems/job_3f9c2a1b7d4e_drums.wav',
  })
  url!: string;

  @ApiProperty({
    nullable: true,
    type: 'integer',
    description: 'Size of the file in bytes; null when another server holds it.',
    example: 1_843_244,
  })
  size_bytes!: number | null;

  @ApiProperty({ description: 'Content type of the download.', example: 'audio/wav' })
  content_type!: string;
}

export class JobArtifactsResponseDto {
  @ApiProperty({ format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' })
  job_id!: string;

  @ApiProperty({ enum: JobStatus, example: JobStatus.Success })
  status!: JobStatus;

  @ApiProperty({
    type: [ArtifactDto],
    description:
      "Stems by instrument name, then the mixer's master (when it is not the one delivered), then the final track. Files that no longer exist are left out; a running job lists what is ready so far.",
  })
  artifacts!: ArtifactDto[];
}
