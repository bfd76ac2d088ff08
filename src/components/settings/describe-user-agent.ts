// A deliberately small user-agent reader: enough to tell someone "Firefox on Windows" in their
// session list, not a full parser. Order matters: Edge, Opera and Samsung Internet also say
// "Chrome", and Chrome also says "Safari".

export type DeviceKind = "desktop" | "phone" | "tablet" | "unknown";

export interface UserAgentSummary {
  browser: string | null;
  os: string | null;
  device: DeviceKind;
  /** e.g. "Firefox on Windows", "Safari on iOS", "curl", "Unknown browser". */
  label: string;
}

const browsers: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bVivaldi\//, "Vivaldi"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bCriOS\/|\b(?:Headless)?Chrome\/|\bChromium\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\/|\bMobile\/\w+ Safari\//, "Safari"],
  [/\bcurl\//, "curl"],
];

function detectBrowser(ua: string): string | null {
  for (const [pattern, name] of browsers) if (pattern.test(ua)) return name;
  return null;
}

function detectOs(ua: string): { os: string | null; device: DeviceKind } {
  if (/\biPhone\b|\biPod\b/.test(ua)) return { os: "iOS", device: "phone" };
  if (/\biPad\b/.test(ua)) return { os: "iPadOS", device: "tablet" };
  if (/\bAndroid\b/.test(ua)) return { os: "Android", device: /\bMobile\b/.test(ua) ? "phone" : "tablet" };
  if (/\bWindows (?:NT|Phone)\b/.test(ua)) return { os: "Windows", device: "desktop" };
  if (/\bCrOS\b/.test(ua)) return { os: "ChromeOS", device: "desktop" };
  if (/\bMacintosh\b|\bMac OS X\b/.test(ua)) return { os: "macOS", device: "desktop" };
  if (/\bLinux\b|\bX11\b/.test(ua)) return { os: "Linux", device: "desktop" };
  return { os: null, device: "unknown" };
}

/** For tools we don't know, the first product token ("python-requests/2.31" → "python-requests"). */
function productName(ua: string): string | null {
  const match = /^([A-Za-z][\w.-]{0,39})\//.exec(ua);
  return match?.[1] ?? null;
}

export function describeUserAgent(userAgent: string | null | undefined): UserAgentSummary {
  const ua = (userAgent ?? "").trim();
  if (!ua) return { browser: null, os: null, device: "unknown", label: "Unknown browser" };

  const browser = detectBrowser(ua);
  const { os, device } = detectOs(ua);

  let label: string;
  if (browser && os) label = `${browser} on ${os}`;
  else if (browser) label = browser;
  else if (os) label = `Unknown browser on ${os}`;
  else label = productName(ua) ?? "Unknown browser";

  return { browser, os, device, label };
}
