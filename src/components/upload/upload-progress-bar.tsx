import { formatBytes } from "./format-bytes";

interface UploadProgressBarProps {
  sent: number;
  total: number;
  /** The file's name, so each bar in the list has its own accessible name. */
  fileName: string;
}

export function UploadProgressBar({ sent, total, fileName }: UploadProgressBarProps) {
  const percent = total > 0 ? Math.min(100, Math.round((sent / total) * 100)) : 100;
  return (
    <div
      role="progressbar"
      aria-label={`Upload progress for ${fileName}`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}%, ${formatBytes(sent)} of ${formatBytes(total)}`}
      data-testid="upload-progress"
      className="h-2 w-full overflow-hidden rounded-full bg-surface-muted"
    >
      <div className="h-full rounded-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
    </div>
  );
}
