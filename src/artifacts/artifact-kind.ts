/**
 * What a file a job produced is to its user: one instrument, the mixing service's master as
 * it came (listed on its own only when it is not the track delivered), or the final track.
 */
export enum ArtifactKind {
  Stem = 'stem',
  Mix = 'mix',
  Final = 'final',
}
