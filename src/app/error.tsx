"use client";

// Errors in the (site) layout itself; errors in its pages are caught below it, under the header.
export { default } from "@/components/layout/error-page";
