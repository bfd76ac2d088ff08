import type { License } from "@/lib/licenses";

// A small round mark for the license: © for all rights reserved, "cc" for Creative Commons, a
// struck-through © for the public domain. Decorative: the license's name is always written beside it.
export function LicenseIcon({ license }: { license: License }) {
  const mark = license === "ALL_RIGHTS_RESERVED" ? "©" : license === "PDM" || license === "CC0" ? "PD" : "cc";
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 shrink-0 text-foreground" focusable="false">
      <circle cx="12" cy="12" r="10.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <text
        x="12"
        y="12"
        dominantBaseline="central"
        textAnchor="middle"
        fontSize={mark === "©" ? 13 : 9}
        fontWeight="700"
        fill="currentColor"
      >
        {mark}
      </text>
    </svg>
  );
}
