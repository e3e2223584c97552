/** Where a job stands among its owner's jobs waiting for the same service. */
export enum JobPriority {
  High = 'high',
  Normal = 'normal',
  Low = 'low',
}

/** Order in a line: lower goes first. */
export const PRIORITY_RANK: Readonly<Record<JobPriority, number>> = {
  [JobPriority.High]: 0,
  [JobPriority.Normal]: 1,
  [JobPriority.Low]: 2,
};
