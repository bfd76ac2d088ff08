import type { UploadItem } from "./upload-item";

function describeSave({ photo, details: { save, dirty } }: UploadItem): string {
  // Edits made before the photo exists are kept and sent as soon as the upload answers.
  if (!photo && (dirty || save === "waiting")) return "Your details will be saved when the upload finishes.";
  if (save === "saved" && !dirty) return "Saved";
  if (dirty && save !== "saving") return "Unsaved changes";
  return "";
}

export function DetailsSaveStatus({ item }: { item: UploadItem }) {
  return (
    <p role="status" data-testid="upload-details-status" className="text-sm text-muted">
      {describeSave(item)}
    </p>
  );
}
