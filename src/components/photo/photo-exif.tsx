import type { PhotoView } from "@/server/data/get-photo";
import { cameraName, exposureParts, formatDay, formatTakenAt } from "./format-exif";

// Camera facts: shown to everyone who can see the photo. The location is not here (owner only).
export function PhotoExif({ photo }: { photo: Pick<PhotoView, "exif" | "takenAt" | "createdAt"> }) {
  const exif = photo.exif;
  const camera = cameraName(exif?.make, exif?.model);
  const exposure = exif ? exposureParts(exif) : [];
  const rows: { label: string; value: string; testId: string }[] = [];
  if (photo.takenAt)
    rows.push({ label: "Taken", value: formatTakenAt(photo.takenAt), testId: "photo-taken-at" });
  if (camera) rows.push({ label: "Camera", value: camera, testId: "photo-camera" });
  if (exif?.lens) rows.push({ label: "Lens", value: exif.lens, testId: "photo-lens" });
  if (exposure.length > 0)
    rows.push({ label: "Exposure", value: exposure.join(" · "), testId: "photo-exposure" });
  rows.push({ label: "Uploaded", value: formatDay(photo.createdAt), testId: "photo-uploaded" });

  return (
    <dl data-testid="photo-exif" className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
      {rows.map((row) => (
        <div key={row.label} className="contents">
          <dt className="text-muted">{row.label}</dt>
          <dd data-testid={row.testId} className="break-words text-foreground">
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
