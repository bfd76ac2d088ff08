import { licenseInfo } from "@/lib/licenses";
import type { PhotoView } from "@/server/data/get-photo";
import { LicenseIcon } from "./license-icon";

// The photo's license with its name, mark and deed, and the credit the file itself carries.
// rel="license" lets tools that read pages find the terms.
export function PhotoLicense({ photo }: { photo: Pick<PhotoView, "license" | "rights" | "owner"> }) {
  const license = licenseInfo(photo.license);
  return (
    <div className="flex flex-col gap-1.5 text-sm" data-testid="photo-license">
      <p className="flex items-center gap-2">
        <LicenseIcon license={license.id} />
        {license.url ? (
          <a
            href={license.url}
            rel="license noopener noreferrer"
            target="_blank"
            className="font-medium text-foreground underline underline-offset-2"
            data-testid="photo-license-link"
          >
            {license.id === "ALL_RIGHTS_RESERVED" ? license.name : `${license.short} ${license.name}`}
          </a>
        ) : (
          <span className="font-medium text-foreground" data-testid="photo-license-name">
            {license.name}
          </span>
        )}
      </p>
      {photo.rights?.creator ? (
        <p className="break-words">
          <span className="text-muted">Creator </span>
          <span data-testid="photo-rights-creator">{photo.rights.creator}</span>
        </p>
      ) : null}
      {photo.rights?.copyright ? (
        <p className="break-words">
          <span className="text-muted">Copyright </span>
          <span data-testid="photo-rights-copyright">{photo.rights.copyright}</span>
        </p>
      ) : null}
    </div>
  );
}
