/** What a file a job produced is to its user: one instrument, or the mastered track. */
export enum ArtifactKind {
  Stem = 'stem',
  Final = 'final',
}
