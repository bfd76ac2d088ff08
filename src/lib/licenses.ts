// The licenses a photographer may choose, as the database stores them (the `license` enum) with the
// words, badge and deed link people see. Safe on the client: the forms and the photo page share it.

export const LICENSES = [
  "ALL_RIGHTS_RESERVED",
  "CC_BY",
  "CC_BY_SA",
  "CC_BY_ND",
  "CC_BY_NC",
  "CC_BY_NC_SA",
  "CC_BY_NC_ND",
  "CC0",
  "PDM",
] as const;

export type License = (typeof LICENSES)[number];

export interface LicenseInfo {
  id: License;
  /** The full name, as the license's own deed writes it. */
  name: string;
  /** The short badge text, e.g. "CC BY-SA". */
  short: string;
  /** The deed; null for all rights reserved, which grants nothing to link to. */
  url: string | null;
  /** Others may reuse the photo (with at least attribution) without asking. */
  reusable: boolean;
  /** Others may use it commercially and adapt it. */
  commercialAndAdapt: boolean;
}

const cc = (code: string) => `https://creativecommons.org/licenses/${code}/4.0/`;

const INFO: Record<License, Omit<LicenseInfo, "id">> = {
  ALL_RIGHTS_RESERVED: {
    name: "All Rights Reserved",
    short: "©",
    url: null,
    reusable: false,
    commercialAndAdapt: false,
  },
  CC_BY: {
    name: "Attribution 4.0 International",
    short: "CC BY",
    url: cc("by"),
    reusable: true,
    commercialAndAdapt: true,
  },
  CC_BY_SA: {
    name: "Attribution-ShareAlike 4.0 International",
    short: "CC BY-SA",
    url: cc("by-sa"),
    reusable: true,
    commercialAndAdapt: true,
  },
  CC_BY_ND: {
    name: "Attribution-NoDerivatives 4.0 International",
    short: "CC BY-ND",
    url: cc("by-nd"),
    reusable: true,
    commercialAndAdapt: false,
  },
  CC_BY_NC: {
    name: "Attribution-NonCommercial 4.0 International",
    short: "CC BY-NC",
    url: cc("by-nc"),
    reusable: true,
    commercialAndAdapt: false,
  },
  CC_BY_NC_SA: {
    name: "Attribution-NonCommercial-ShareAlike 4.0 International",
    short: "CC BY-NC-SA",
    url: cc("by-nc-sa"),
    reusable: true,
    commercialAndAdapt: false,
  },
  CC_BY_NC_ND: {
    name: "Attribution-NonCommercial-NoDerivatives 4.0 International",
    short: "CC BY-NC-ND",
    url: cc("by-nc-nd"),
    reusable: true,
    commercialAndAdapt: false,
  },
  CC0: {
    name: "CC0 1.0 Universal (Public Domain Dedication)",
    short: "CC0",
    url: "https://creativecommons.org/publicdomain/zero/1.0/",
    reusable: true,
    commercialAndAdapt: true,
  },
  PDM: {
    name: "Public Domain Mark 1.0",
    short: "PDM",
    url: "https://creativecommons.org/publicdomain/mark/1.0/",
    reusable: true,
    commercialAndAdapt: true,
  },
};

export function licenseInfo(id: License): LicenseInfo {
  return { id, ...INFO[id] };
}

/** Every license, in the order the forms list them. */
export const LICENSE_CHOICES: readonly LicenseInfo[] = LICENSES.map(licenseInfo);

export function isLicense(value: unknown): value is License {
  return typeof value === "string" && (LICENSES as readonly string[]).includes(value);
}

/** A choice's label in a form: "CC BY-SA: Attribution-ShareAlike 4.0 International". */
export function licenseLabel(id: License): string {
  const info = INFO[id];
  return id === "ALL_RIGHTS_RESERVED" ? info.name : `${info.short}: ${info.name}`;
}

// The search filter (/search?license=…): "reuse" is every license that lets others reuse the photo,
// "commercial" those that also allow commercial use and changes; or one license by its id.
export const LICENSE_FILTERS = ["any", "reuse", "commercial"] as const;
export type LicenseFilter = (typeof LICENSE_FILTERS)[number] | License;

export function parseLicenseFilter(value: string | undefined): LicenseFilter {
  if (isLicense(value)) return value;
  return LICENSE_FILTERS.find((f) => f === value) ?? "any";
}

/** The licenses a filter admits; null for no filter. */
export function licensesFor(filter: LicenseFilter): License[] | null {
  if (filter === "any") return null;
  if (filter === "reuse") return LICENSES.filter((l) => INFO[l].reusable);
  if (filter === "commercial") return LICENSES.filter((l) => INFO[l].commercialAndAdapt);
  return [filter];
}
