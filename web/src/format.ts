// How times, durations and sizes read on the page.

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}

export function formatSeconds(seconds: number): string {
  return formatDuration(Math.max(0, seconds) * 1000);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return 'size unknown';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** Status words for people, not enum names. */
export function statusLabel(status: string): string {
  switch (status) {
    case 'PENDING':
      return 'Waiting to start';
    case 'PROCESSING':
      return 'Working';
    case 'SUCCESS':
      return 'Done';
    case 'FAILURE':
      return 'Failed';
    case 'CANCELLED':
      return 'Cancelled';
    default:
      return status.charAt(0) + status.slice(1).toLowerCase();
  }
}
